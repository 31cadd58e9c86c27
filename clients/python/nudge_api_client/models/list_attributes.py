from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ListAttributes")


@_attrs_define
class ListAttributes:
    """
    Attributes:
        created_at (datetime.datetime | None | Unset):
        description (None | str | Unset):
        double_opt_in (bool | None | Unset): Contacts join only once they confirm by email.
        name (None | str | Unset):
        pending_count (int | None | Unset): Members who have not confirmed yet.
        subscribed_count (int | None | Unset): Confirmed members.
        updated_at (datetime.datetime | None | Unset):
    """

    created_at: datetime.datetime | None | Unset = UNSET
    description: None | str | Unset = UNSET
    double_opt_in: bool | None | Unset = UNSET
    name: None | str | Unset = UNSET
    pending_count: int | None | Unset = UNSET
    subscribed_count: int | None | Unset = UNSET
    updated_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        double_opt_in: bool | None | Unset
        if isinstance(self.double_opt_in, Unset):
            double_opt_in = UNSET
        else:
            double_opt_in = self.double_opt_in

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        pending_count: int | None | Unset
        if isinstance(self.pending_count, Unset):
            pending_count = UNSET
        else:
            pending_count = self.pending_count

        subscribed_count: int | None | Unset
        if isinstance(self.subscribed_count, Unset):
            subscribed_count = UNSET
        else:
            subscribed_count = self.subscribed_count

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
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if description is not UNSET:
            field_dict["description"] = description
        if double_opt_in is not UNSET:
            field_dict["double_opt_in"] = double_opt_in
        if name is not UNSET:
            field_dict["name"] = name
        if pending_count is not UNSET:
            field_dict["pending_count"] = pending_count
        if subscribed_count is not UNSET:
            field_dict["subscribed_count"] = subscribed_count
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

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

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_double_opt_in(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        double_opt_in = _parse_double_opt_in(d.pop("double_opt_in", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_pending_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        pending_count = _parse_pending_count(d.pop("pending_count", UNSET))

        def _parse_subscribed_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        subscribed_count = _parse_subscribed_count(d.pop("subscribed_count", UNSET))

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

        list_attributes = cls(
            created_at=created_at,
            description=description,
            double_opt_in=double_opt_in,
            name=name,
            pending_count=pending_count,
            subscribed_count=subscribed_count,
            updated_at=updated_at,
        )

        list_attributes.additional_properties = d
        return list_attributes

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
