from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.automation_enrollments_document_meta import AutomationEnrollmentsDocumentMeta
    from ..models.automation_enrollments_resource import AutomationEnrollmentsResource


T = TypeVar("T", bound="AutomationEnrollmentsDocument")


@_attrs_define
class AutomationEnrollmentsDocument:
    """
    Attributes:
        data (AutomationEnrollmentsResource):
        meta (AutomationEnrollmentsDocumentMeta | Unset):
    """

    data: AutomationEnrollmentsResource
    meta: AutomationEnrollmentsDocumentMeta | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data.to_dict()

        meta: dict[str, Any] | Unset = UNSET
        if not isinstance(self.meta, Unset):
            meta = self.meta.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
            }
        )
        if meta is not UNSET:
            field_dict["meta"] = meta

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.automation_enrollments_document_meta import AutomationEnrollmentsDocumentMeta  # noqa: PLC0415
        from ..models.automation_enrollments_resource import AutomationEnrollmentsResource  # noqa: PLC0415

        d = dict(src_dict)
        data = AutomationEnrollmentsResource.from_dict(d.pop("data"))

        _meta = d.pop("meta", UNSET)
        meta: AutomationEnrollmentsDocumentMeta | Unset
        if isinstance(_meta, Unset):
            meta = UNSET
        else:
            meta = AutomationEnrollmentsDocumentMeta.from_dict(_meta)

        automation_enrollments_document = cls(
            data=data,
            meta=meta,
        )

        automation_enrollments_document.additional_properties = d
        return automation_enrollments_document

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
