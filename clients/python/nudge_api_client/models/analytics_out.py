from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.analytics_out_data import AnalyticsOutData
    from ..models.analytics_out_meta_type_0 import AnalyticsOutMetaType0


T = TypeVar("T", bound="AnalyticsOut")


@_attrs_define
class AnalyticsOut:
    """
    Attributes:
        data (AnalyticsOutData):
        meta (AnalyticsOutMetaType0 | None | Unset):
    """

    data: AnalyticsOutData
    meta: AnalyticsOutMetaType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.analytics_out_meta_type_0 import AnalyticsOutMetaType0  # noqa: PLC0415

        data = self.data.to_dict()

        meta: dict[str, Any] | None | Unset
        if isinstance(self.meta, Unset):
            meta = UNSET
        elif isinstance(self.meta, AnalyticsOutMetaType0):
            meta = self.meta.to_dict()
        else:
            meta = self.meta

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
        from ..models.analytics_out_data import AnalyticsOutData  # noqa: PLC0415
        from ..models.analytics_out_meta_type_0 import AnalyticsOutMetaType0  # noqa: PLC0415

        d = dict(src_dict)
        data = AnalyticsOutData.from_dict(d.pop("data"))

        def _parse_meta(data: object) -> AnalyticsOutMetaType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                meta_type_0 = AnalyticsOutMetaType0.from_dict(data)

                return meta_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AnalyticsOutMetaType0 | None | Unset, data)

        meta = _parse_meta(d.pop("meta", UNSET))

        analytics_out = cls(
            data=data,
            meta=meta,
        )

        analytics_out.additional_properties = d
        return analytics_out

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
