from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.automation_enroll_in_document_meta import AutomationEnrollInDocumentMeta
    from ..models.automation_enroll_in_resource import AutomationEnrollInResource


T = TypeVar("T", bound="AutomationEnrollInDocument")


@_attrs_define
class AutomationEnrollInDocument:
    """
    Attributes:
        data (AutomationEnrollInResource):
        meta (AutomationEnrollInDocumentMeta | Unset):
    """

    data: AutomationEnrollInResource
    meta: AutomationEnrollInDocumentMeta | Unset = UNSET
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
        from ..models.automation_enroll_in_document_meta import AutomationEnrollInDocumentMeta  # noqa: PLC0415
        from ..models.automation_enroll_in_resource import AutomationEnrollInResource  # noqa: PLC0415

        d = dict(src_dict)
        data = AutomationEnrollInResource.from_dict(d.pop("data"))

        _meta = d.pop("meta", UNSET)
        meta: AutomationEnrollInDocumentMeta | Unset
        if isinstance(_meta, Unset):
            meta = UNSET
        else:
            meta = AutomationEnrollInDocumentMeta.from_dict(_meta)

        automation_enroll_in_document = cls(
            data=data,
            meta=meta,
        )

        automation_enroll_in_document.additional_properties = d
        return automation_enroll_in_document

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
