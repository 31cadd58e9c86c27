from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.document_links import DocumentLinks
    from ..models.document_meta import DocumentMeta
    from ..models.included_resource import IncludedResource
    from ..models.seed_004_error import Seed004Error


T = TypeVar("T", bound="Seed004UnauthorizedDocument")


@_attrs_define
class Seed004UnauthorizedDocument:
    """
    Attributes:
        data (None):
        errors (list[Seed004Error]):
        included (list[IncludedResource]):
        links (DocumentLinks):
        meta (DocumentMeta):
    """

    data: None
    errors: list[Seed004Error]
    included: list[IncludedResource]
    links: DocumentLinks
    meta: DocumentMeta
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        included = []
        for included_item_data in self.included:
            included_item = included_item_data.to_dict()
            included.append(included_item)

        links = self.links.to_dict()

        meta = self.meta.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "errors": errors,
                "included": included,
                "links": links,
                "meta": meta,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.document_links import DocumentLinks  # noqa: PLC0415
        from ..models.document_meta import DocumentMeta  # noqa: PLC0415
        from ..models.included_resource import IncludedResource  # noqa: PLC0415
        from ..models.seed_004_error import Seed004Error  # noqa: PLC0415

        d = dict(src_dict)
        data = d.pop("data")

        errors = []
        _errors = d.pop("errors")
        for errors_item_data in _errors:
            errors_item = Seed004Error.from_dict(errors_item_data)

            errors.append(errors_item)

        included = []
        _included = d.pop("included")
        for included_item_data in _included:
            included_item = IncludedResource.from_dict(included_item_data)

            included.append(included_item)

        links = DocumentLinks.from_dict(d.pop("links"))

        meta = DocumentMeta.from_dict(d.pop("meta"))

        seed_004_unauthorized_document = cls(
            data=data,
            errors=errors,
            included=included,
            links=links,
            meta=meta,
        )

        seed_004_unauthorized_document.additional_properties = d
        return seed_004_unauthorized_document

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
