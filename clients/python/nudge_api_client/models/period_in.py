from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.period_in_status import PeriodInStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="PeriodIn")


@_attrs_define
class PeriodIn:
    """
    Attributes:
        channel (None | str | Unset): email, sms, preference
        employee_ids (list[str] | None | Unset): Who takes part; left out: every active employee
        ends_on (None | str | Unset):
        every_days (int | None | Unset):
        goal (int | None | Unset):
        goal_kind (None | str | Unset): requests_sent, reviews
        name (None | str | Unset):
        schedule_kind (None | str | Unset): weekdays, every_n_days
        send_time (None | str | Unset):
        starts_on (None | str | Unset):
        status (None | PeriodInStatus | Unset): active starts a draft; ended ends an active period
        template_name (None | str | Unset):
        weekdays (list[int] | None | Unset):
    """

    channel: None | str | Unset = UNSET
    employee_ids: list[str] | None | Unset = UNSET
    ends_on: None | str | Unset = UNSET
    every_days: int | None | Unset = UNSET
    goal: int | None | Unset = UNSET
    goal_kind: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    schedule_kind: None | str | Unset = UNSET
    send_time: None | str | Unset = UNSET
    starts_on: None | str | Unset = UNSET
    status: None | PeriodInStatus | Unset = UNSET
    template_name: None | str | Unset = UNSET
    weekdays: list[int] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        channel: None | str | Unset
        if isinstance(self.channel, Unset):
            channel = UNSET
        else:
            channel = self.channel

        employee_ids: list[str] | None | Unset
        if isinstance(self.employee_ids, Unset):
            employee_ids = UNSET
        elif isinstance(self.employee_ids, list):
            employee_ids = self.employee_ids

        else:
            employee_ids = self.employee_ids

        ends_on: None | str | Unset
        if isinstance(self.ends_on, Unset):
            ends_on = UNSET
        else:
            ends_on = self.ends_on

        every_days: int | None | Unset
        if isinstance(self.every_days, Unset):
            every_days = UNSET
        else:
            every_days = self.every_days

        goal: int | None | Unset
        if isinstance(self.goal, Unset):
            goal = UNSET
        else:
            goal = self.goal

        goal_kind: None | str | Unset
        if isinstance(self.goal_kind, Unset):
            goal_kind = UNSET
        else:
            goal_kind = self.goal_kind

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        schedule_kind: None | str | Unset
        if isinstance(self.schedule_kind, Unset):
            schedule_kind = UNSET
        else:
            schedule_kind = self.schedule_kind

        send_time: None | str | Unset
        if isinstance(self.send_time, Unset):
            send_time = UNSET
        else:
            send_time = self.send_time

        starts_on: None | str | Unset
        if isinstance(self.starts_on, Unset):
            starts_on = UNSET
        else:
            starts_on = self.starts_on

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, PeriodInStatus):
            status = self.status.value
        else:
            status = self.status

        template_name: None | str | Unset
        if isinstance(self.template_name, Unset):
            template_name = UNSET
        else:
            template_name = self.template_name

        weekdays: list[int] | None | Unset
        if isinstance(self.weekdays, Unset):
            weekdays = UNSET
        elif isinstance(self.weekdays, list):
            weekdays = self.weekdays

        else:
            weekdays = self.weekdays

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if channel is not UNSET:
            field_dict["channel"] = channel
        if employee_ids is not UNSET:
            field_dict["employee_ids"] = employee_ids
        if ends_on is not UNSET:
            field_dict["ends_on"] = ends_on
        if every_days is not UNSET:
            field_dict["every_days"] = every_days
        if goal is not UNSET:
            field_dict["goal"] = goal
        if goal_kind is not UNSET:
            field_dict["goal_kind"] = goal_kind
        if name is not UNSET:
            field_dict["name"] = name
        if schedule_kind is not UNSET:
            field_dict["schedule_kind"] = schedule_kind
        if send_time is not UNSET:
            field_dict["send_time"] = send_time
        if starts_on is not UNSET:
            field_dict["starts_on"] = starts_on
        if status is not UNSET:
            field_dict["status"] = status
        if template_name is not UNSET:
            field_dict["template_name"] = template_name
        if weekdays is not UNSET:
            field_dict["weekdays"] = weekdays

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_channel(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        channel = _parse_channel(d.pop("channel", UNSET))

        def _parse_employee_ids(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                employee_ids_type_0 = cast(list[str], data)

                return employee_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        employee_ids = _parse_employee_ids(d.pop("employee_ids", UNSET))

        def _parse_ends_on(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ends_on = _parse_ends_on(d.pop("ends_on", UNSET))

        def _parse_every_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        every_days = _parse_every_days(d.pop("every_days", UNSET))

        def _parse_goal(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        goal = _parse_goal(d.pop("goal", UNSET))

        def _parse_goal_kind(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        goal_kind = _parse_goal_kind(d.pop("goal_kind", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_schedule_kind(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        schedule_kind = _parse_schedule_kind(d.pop("schedule_kind", UNSET))

        def _parse_send_time(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        send_time = _parse_send_time(d.pop("send_time", UNSET))

        def _parse_starts_on(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        starts_on = _parse_starts_on(d.pop("starts_on", UNSET))

        def _parse_status(data: object) -> None | PeriodInStatus | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_1 = PeriodInStatus(data)

                return status_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PeriodInStatus | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_template_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        template_name = _parse_template_name(d.pop("template_name", UNSET))

        def _parse_weekdays(data: object) -> list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                weekdays_type_0 = cast(list[int], data)

                return weekdays_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None | Unset, data)

        weekdays = _parse_weekdays(d.pop("weekdays", UNSET))

        period_in = cls(
            channel=channel,
            employee_ids=employee_ids,
            ends_on=ends_on,
            every_days=every_days,
            goal=goal,
            goal_kind=goal_kind,
            name=name,
            schedule_kind=schedule_kind,
            send_time=send_time,
            starts_on=starts_on,
            status=status,
            template_name=template_name,
            weekdays=weekdays,
        )

        period_in.additional_properties = d
        return period_in

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
