from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AutomationStats")


@_attrs_define
class AutomationStats:
    """
    Attributes:
        completed (int | Unset):  Default: 0.
        currently_active (int | Unset):  Default: 0.
        stopped (int | Unset):  Default: 0.
        total_enrolled (int | Unset):  Default: 0.
    """

    completed: int | Unset = 0
    currently_active: int | Unset = 0
    stopped: int | Unset = 0
    total_enrolled: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        completed = self.completed

        currently_active = self.currently_active

        stopped = self.stopped

        total_enrolled = self.total_enrolled

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if completed is not UNSET:
            field_dict["completed"] = completed
        if currently_active is not UNSET:
            field_dict["currently_active"] = currently_active
        if stopped is not UNSET:
            field_dict["stopped"] = stopped
        if total_enrolled is not UNSET:
            field_dict["total_enrolled"] = total_enrolled

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        completed = d.pop("completed", UNSET)

        currently_active = d.pop("currently_active", UNSET)

        stopped = d.pop("stopped", UNSET)

        total_enrolled = d.pop("total_enrolled", UNSET)

        automation_stats = cls(
            completed=completed,
            currently_active=currently_active,
            stopped=stopped,
            total_enrolled=total_enrolled,
        )

        automation_stats.additional_properties = d
        return automation_stats

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
