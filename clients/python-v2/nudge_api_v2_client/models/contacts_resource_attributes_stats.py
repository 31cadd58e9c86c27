from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ContactsResourceAttributesStats")


@_attrs_define
class ContactsResourceAttributesStats:
    """On a single contact, not in lists.

    Attributes:
        campaigns_clicked (int | Unset):
        campaigns_opened (int | Unset):
        campaigns_received (int | Unset):
        last_clicked_at (None | str | Unset):
        last_opened_at (None | str | Unset):
    """

    campaigns_clicked: int | Unset = UNSET
    campaigns_opened: int | Unset = UNSET
    campaigns_received: int | Unset = UNSET
    last_clicked_at: None | str | Unset = UNSET
    last_opened_at: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        campaigns_clicked = self.campaigns_clicked

        campaigns_opened = self.campaigns_opened

        campaigns_received = self.campaigns_received

        last_clicked_at: None | str | Unset
        if isinstance(self.last_clicked_at, Unset):
            last_clicked_at = UNSET
        else:
            last_clicked_at = self.last_clicked_at

        last_opened_at: None | str | Unset
        if isinstance(self.last_opened_at, Unset):
            last_opened_at = UNSET
        else:
            last_opened_at = self.last_opened_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if campaigns_clicked is not UNSET:
            field_dict["campaigns_clicked"] = campaigns_clicked
        if campaigns_opened is not UNSET:
            field_dict["campaigns_opened"] = campaigns_opened
        if campaigns_received is not UNSET:
            field_dict["campaigns_received"] = campaigns_received
        if last_clicked_at is not UNSET:
            field_dict["last_clicked_at"] = last_clicked_at
        if last_opened_at is not UNSET:
            field_dict["last_opened_at"] = last_opened_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        campaigns_clicked = d.pop("campaigns_clicked", UNSET)

        campaigns_opened = d.pop("campaigns_opened", UNSET)

        campaigns_received = d.pop("campaigns_received", UNSET)

        def _parse_last_clicked_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_clicked_at = _parse_last_clicked_at(d.pop("last_clicked_at", UNSET))

        def _parse_last_opened_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_opened_at = _parse_last_opened_at(d.pop("last_opened_at", UNSET))

        contacts_resource_attributes_stats = cls(
            campaigns_clicked=campaigns_clicked,
            campaigns_opened=campaigns_opened,
            campaigns_received=campaigns_received,
            last_clicked_at=last_clicked_at,
            last_opened_at=last_opened_at,
        )

        contacts_resource_attributes_stats.additional_properties = d
        return contacts_resource_attributes_stats

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
