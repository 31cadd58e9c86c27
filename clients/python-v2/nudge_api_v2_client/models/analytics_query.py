from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AnalyticsQuery")


@_attrs_define
class AnalyticsQuery:
    """
    Attributes:
        end_date (None | str | Unset): ISO 8601 date or time (the timeline until then).
        granularity (None | str | Unset): hour, day, week or month (default: hours for the first two days, then days)
        metrics (None | str | Unset): Comma-separated names of metrics to answer (default: all).
        start_date (None | str | Unset): ISO 8601 date or time (the timeline from then).
    """

    end_date: None | str | Unset = UNSET
    granularity: None | str | Unset = UNSET
    metrics: None | str | Unset = UNSET
    start_date: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        end_date: None | str | Unset
        if isinstance(self.end_date, Unset):
            end_date = UNSET
        else:
            end_date = self.end_date

        granularity: None | str | Unset
        if isinstance(self.granularity, Unset):
            granularity = UNSET
        else:
            granularity = self.granularity

        metrics: None | str | Unset
        if isinstance(self.metrics, Unset):
            metrics = UNSET
        else:
            metrics = self.metrics

        start_date: None | str | Unset
        if isinstance(self.start_date, Unset):
            start_date = UNSET
        else:
            start_date = self.start_date

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if end_date is not UNSET:
            field_dict["end_date"] = end_date
        if granularity is not UNSET:
            field_dict["granularity"] = granularity
        if metrics is not UNSET:
            field_dict["metrics"] = metrics
        if start_date is not UNSET:
            field_dict["start_date"] = start_date

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_end_date(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        end_date = _parse_end_date(d.pop("end_date", UNSET))

        def _parse_granularity(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        granularity = _parse_granularity(d.pop("granularity", UNSET))

        def _parse_metrics(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        metrics = _parse_metrics(d.pop("metrics", UNSET))

        def _parse_start_date(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        start_date = _parse_start_date(d.pop("start_date", UNSET))

        analytics_query = cls(
            end_date=end_date,
            granularity=granularity,
            metrics=metrics,
            start_date=start_date,
        )

        analytics_query.additional_properties = d
        return analytics_query

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
