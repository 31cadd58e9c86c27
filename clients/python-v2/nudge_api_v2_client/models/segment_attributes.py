from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.segment_attributes_filters_type_0 import SegmentAttributesFiltersType0


T = TypeVar("T", bound="SegmentAttributes")


@_attrs_define
class SegmentAttributes:
    """
    Attributes:
        contact_count (int | None | Unset):
        created_at (datetime.datetime | None | Unset):
        filters (None | SegmentAttributesFiltersType0 | Unset): The contacts filter the segment saves: search, status,
            tag, source, created_after, created_before, list_id.
        name (None | str | Unset):
        updated_at (datetime.datetime | None | Unset):
    """

    contact_count: int | None | Unset = UNSET
    created_at: datetime.datetime | None | Unset = UNSET
    filters: None | SegmentAttributesFiltersType0 | Unset = UNSET
    name: None | str | Unset = UNSET
    updated_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.segment_attributes_filters_type_0 import SegmentAttributesFiltersType0  # noqa: PLC0415

        contact_count: int | None | Unset
        if isinstance(self.contact_count, Unset):
            contact_count = UNSET
        else:
            contact_count = self.contact_count

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        filters: dict[str, Any] | None | Unset
        if isinstance(self.filters, Unset):
            filters = UNSET
        elif isinstance(self.filters, SegmentAttributesFiltersType0):
            filters = self.filters.to_dict()
        else:
            filters = self.filters

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        elif isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if contact_count is not UNSET:
            field_dict["contact_count"] = contact_count
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if filters is not UNSET:
            field_dict["filters"] = filters
        if name is not UNSET:
            field_dict["name"] = name
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.segment_attributes_filters_type_0 import SegmentAttributesFiltersType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_contact_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        contact_count = _parse_contact_count(d.pop("contact_count", UNSET))

        def _parse_created_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_at = _parse_created_at(d.pop("created_at", UNSET))

        def _parse_filters(data: object) -> None | SegmentAttributesFiltersType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                filters_type_0 = SegmentAttributesFiltersType0.from_dict(data)

                return filters_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SegmentAttributesFiltersType0 | Unset, data)

        filters = _parse_filters(d.pop("filters", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_updated_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)

                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        updated_at = _parse_updated_at(d.pop("updated_at", UNSET))

        segment_attributes = cls(
            contact_count=contact_count,
            created_at=created_at,
            filters=filters,
            name=name,
            updated_at=updated_at,
        )

        segment_attributes.additional_properties = d
        return segment_attributes

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
