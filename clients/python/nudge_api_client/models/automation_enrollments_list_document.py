from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.automation_enrollments_resource import AutomationEnrollmentsResource
    from ..models.included_resource import IncludedResource
    from ..models.list_links import ListLinks
    from ..models.list_meta import ListMeta


T = TypeVar("T", bound="AutomationEnrollmentsListDocument")


@_attrs_define
class AutomationEnrollmentsListDocument:
    """
    Attributes:
        data (list[AutomationEnrollmentsResource]):
        links (ListLinks):
        meta (ListMeta): `page` for page[number] paging; `has_more` (and page.next_cursor) for cursor paging.
        included (list[IncludedResource] | Unset):
    """

    data: list[AutomationEnrollmentsResource]
    links: ListLinks
    meta: ListMeta
    included: list[IncludedResource] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        links = self.links.to_dict()

        meta = self.meta.to_dict()

        included: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.included, Unset):
            included = []
            for included_item_data in self.included:
                included_item = included_item_data.to_dict()
                included.append(included_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "links": links,
                "meta": meta,
            }
        )
        if included is not UNSET:
            field_dict["included"] = included

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.automation_enrollments_resource import AutomationEnrollmentsResource  # noqa: PLC0415
        from ..models.included_resource import IncludedResource  # noqa: PLC0415
        from ..models.list_links import ListLinks  # noqa: PLC0415
        from ..models.list_meta import ListMeta  # noqa: PLC0415

        d = dict(src_dict)
        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = AutomationEnrollmentsResource.from_dict(data_item_data)

            data.append(data_item)

        links = ListLinks.from_dict(d.pop("links"))

        meta = ListMeta.from_dict(d.pop("meta"))

        _included = d.pop("included", UNSET)
        included: list[IncludedResource] | Unset = UNSET
        if _included is not UNSET:
            included = []
            for included_item_data in _included:
                included_item = IncludedResource.from_dict(included_item_data)

                included.append(included_item)

        automation_enrollments_list_document = cls(
            data=data,
            links=links,
            meta=meta,
            included=included,
        )

        automation_enrollments_list_document.additional_properties = d
        return automation_enrollments_list_document

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
