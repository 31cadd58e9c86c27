from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ScheduleIn")


@_attrs_define
class ScheduleIn:
    """
    Attributes:
        scheduled_at (datetime.datetime): ISO 8601; without an offset it is wall-clock time in ``timezone``.
        send_time_optimization (bool | Unset): Each contact with a time zone gets it at that time in their own zone.
            Default: False.
        timezone (None | str | Unset):
    """

    scheduled_at: datetime.datetime
    send_time_optimization: bool | Unset = False
    timezone: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        scheduled_at = self.scheduled_at.isoformat()

        send_time_optimization = self.send_time_optimization

        timezone: None | str | Unset
        if isinstance(self.timezone, Unset):
            timezone = UNSET
        else:
            timezone = self.timezone

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "scheduled_at": scheduled_at,
            }
        )
        if send_time_optimization is not UNSET:
            field_dict["send_time_optimization"] = send_time_optimization
        if timezone is not UNSET:
            field_dict["timezone"] = timezone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        scheduled_at = datetime.datetime.fromisoformat(d.pop("scheduled_at"))

        send_time_optimization = d.pop("send_time_optimization", UNSET)

        def _parse_timezone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        timezone = _parse_timezone(d.pop("timezone", UNSET))

        schedule_in = cls(
            scheduled_at=scheduled_at,
            send_time_optimization=send_time_optimization,
            timezone=timezone,
        )

        schedule_in.additional_properties = d
        return schedule_in

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
