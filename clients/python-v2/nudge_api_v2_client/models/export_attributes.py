from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.export_attributes_filters import ExportAttributesFilters


T = TypeVar("T", bound="ExportAttributes")


@_attrs_define
class ExportAttributes:
    """
    Attributes:
        created_at (datetime.datetime):
        download_url (str): Streams the CSV (for 24 hours; also links.download).
        expires_at (datetime.datetime):
        fields (list[str]):
        filters (ExportAttributesFilters):
        format_ (Literal['csv']):
        status (Literal['completed']): An export is ready at once.
        total (int):
    """

    created_at: datetime.datetime
    download_url: str
    expires_at: datetime.datetime
    fields: list[str]
    filters: ExportAttributesFilters
    format_: Literal["csv"]
    status: Literal["completed"]
    total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        download_url = self.download_url

        expires_at = self.expires_at.isoformat()

        fields = self.fields

        filters = self.filters.to_dict()

        format_ = self.format_

        status = self.status

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "download_url": download_url,
                "expires_at": expires_at,
                "fields": fields,
                "filters": filters,
                "format": format_,
                "status": status,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.export_attributes_filters import ExportAttributesFilters  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        download_url = d.pop("download_url")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        fields = cast(list[str], d.pop("fields"))

        filters = ExportAttributesFilters.from_dict(d.pop("filters"))

        format_ = cast(Literal["csv"], d.pop("format"))
        if format_ != "csv":
            raise ValueError(f"format must match const 'csv', got '{format_}'")

        status = cast(Literal["completed"], d.pop("status"))
        if status != "completed":
            raise ValueError(f"status must match const 'completed', got '{status}'")

        total = d.pop("total")

        export_attributes = cls(
            created_at=created_at,
            download_url=download_url,
            expires_at=expires_at,
            fields=fields,
            filters=filters,
            format_=format_,
            status=status,
            total=total,
        )

        export_attributes.additional_properties = d
        return export_attributes

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
