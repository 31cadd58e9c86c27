from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.automations_resource import AutomationsResource
    from ..models.document_links import DocumentLinks
    from ..models.document_meta import DocumentMeta
    from ..models.included_resource import IncludedResource


T = TypeVar("T", bound="AutomationsDocument")


@_attrs_define
class AutomationsDocument:
    """
    Attributes:
        data (AutomationsResource):
        included (list[IncludedResource] | Unset):
        links (DocumentLinks | Unset):
        meta (DocumentMeta | Unset):
    """

    data: AutomationsResource
    included: list[IncludedResource] | Unset = UNSET
    links: DocumentLinks | Unset = UNSET
    meta: DocumentMeta | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data.to_dict()

        included: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.included, Unset):
            included = []
            for included_item_data in self.included:
                included_item = included_item_data.to_dict()
                included.append(included_item)

        links: dict[str, Any] | Unset = UNSET
        if not isinstance(self.links, Unset):
            links = self.links.to_dict()

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
        if included is not UNSET:
            field_dict["included"] = included
        if links is not UNSET:
            field_dict["links"] = links
        if meta is not UNSET:
            field_dict["meta"] = meta

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.automations_resource import AutomationsResource  # noqa: PLC0415
        from ..models.document_links import DocumentLinks  # noqa: PLC0415
        from ..models.document_meta import DocumentMeta  # noqa: PLC0415
        from ..models.included_resource import IncludedResource  # noqa: PLC0415

        d = dict(src_dict)
        data = AutomationsResource.from_dict(d.pop("data"))

        _included = d.pop("included", UNSET)
        included: list[IncludedResource] | Unset = UNSET
        if _included is not UNSET:
            included = []
            for included_item_data in _included:
                included_item = IncludedResource.from_dict(included_item_data)

                included.append(included_item)

        _links = d.pop("links", UNSET)
        links: DocumentLinks | Unset
        if isinstance(_links, Unset):
            links = UNSET
        else:
            links = DocumentLinks.from_dict(_links)

        _meta = d.pop("meta", UNSET)
        meta: DocumentMeta | Unset
        if isinstance(_meta, Unset):
            meta = UNSET
        else:
            meta = DocumentMeta.from_dict(_meta)

        automations_document = cls(
            data=data,
            included=included,
            links=links,
            meta=meta,
        )

        automations_document.additional_properties = d
        return automations_document

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
