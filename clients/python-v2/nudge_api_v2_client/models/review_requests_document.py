from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.review_requests_document_meta import ReviewRequestsDocumentMeta
    from ..models.review_requests_resource import ReviewRequestsResource


T = TypeVar("T", bound="ReviewRequestsDocument")


@_attrs_define
class ReviewRequestsDocument:
    """
    Attributes:
        data (ReviewRequestsResource):
        meta (ReviewRequestsDocumentMeta | Unset):
    """

    data: ReviewRequestsResource
    meta: ReviewRequestsDocumentMeta | Unset = UNSET
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
        from ..models.review_requests_document_meta import ReviewRequestsDocumentMeta  # noqa: PLC0415
        from ..models.review_requests_resource import ReviewRequestsResource  # noqa: PLC0415

        d = dict(src_dict)
        data = ReviewRequestsResource.from_dict(d.pop("data"))

        _meta = d.pop("meta", UNSET)
        meta: ReviewRequestsDocumentMeta | Unset
        if isinstance(_meta, Unset):
            meta = UNSET
        else:
            meta = ReviewRequestsDocumentMeta.from_dict(_meta)

        review_requests_document = cls(
            data=data,
            meta=meta,
        )

        review_requests_document.additional_properties = d
        return review_requests_document

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
