from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.document_links import DocumentLinks
    from ..models.error import Error
    from ..models.error_meta import ErrorMeta


T = TypeVar("T", bound="ErrorDocument")


@_attrs_define
class ErrorDocument:
    """JSON:API errors (no `data`); `meta.request_id` names the request in our logs.

    Attributes:
        errors (list[Error]):
        meta (ErrorMeta):
        links (DocumentLinks | Unset):
    """

    errors: list[Error]
    meta: ErrorMeta
    links: DocumentLinks | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        meta = self.meta.to_dict()

        links: dict[str, Any] | Unset = UNSET
        if not isinstance(self.links, Unset):
            links = self.links.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "errors": errors,
                "meta": meta,
            }
        )
        if links is not UNSET:
            field_dict["links"] = links

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.document_links import DocumentLinks  # noqa: PLC0415
        from ..models.error import Error  # noqa: PLC0415
        from ..models.error_meta import ErrorMeta  # noqa: PLC0415

        d = dict(src_dict)
        errors = []
        _errors = d.pop("errors")
        for errors_item_data in _errors:
            errors_item = Error.from_dict(errors_item_data)

            errors.append(errors_item)

        meta = ErrorMeta.from_dict(d.pop("meta"))

        _links = d.pop("links", UNSET)
        links: DocumentLinks | Unset
        if isinstance(_links, Unset):
            links = UNSET
        else:
            links = DocumentLinks.from_dict(_links)

        error_document = cls(
            errors=errors,
            meta=meta,
            links=links,
        )

        error_document.additional_properties = d
        return error_document

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
