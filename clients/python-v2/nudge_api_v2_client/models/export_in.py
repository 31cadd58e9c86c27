from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.export_in_filters import ExportInFilters


T = TypeVar("T", bound="ExportIn")


@_attrs_define
class ExportIn:
    """
    Attributes:
        fields (list[str] | None | Unset): Columns (default: all, custom fields included).
        filters (ExportInFilters | Unset): Any of search, status, tag, source, email, phone, created_after,
            created_before, segment_id, list_id (tags = tag), as filter[…] of the list takes them: texts (lists of texts for
            status, tag, source).
        format_ (str | Unset):  Default: 'csv'.
    """

    fields: list[str] | None | Unset = UNSET
    filters: ExportInFilters | Unset = UNSET
    format_: str | Unset = "csv"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        fields: list[str] | None | Unset
        if isinstance(self.fields, Unset):
            fields = UNSET
        elif isinstance(self.fields, list):
            fields = self.fields

        else:
            fields = self.fields

        filters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.filters, Unset):
            filters = self.filters.to_dict()

        format_ = self.format_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if fields is not UNSET:
            field_dict["fields"] = fields
        if filters is not UNSET:
            field_dict["filters"] = filters
        if format_ is not UNSET:
            field_dict["format"] = format_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.export_in_filters import ExportInFilters  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_fields(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                fields_type_0 = cast(list[str], data)

                return fields_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        fields = _parse_fields(d.pop("fields", UNSET))

        _filters = d.pop("filters", UNSET)
        filters: ExportInFilters | Unset
        if isinstance(_filters, Unset):
            filters = UNSET
        else:
            filters = ExportInFilters.from_dict(_filters)

        format_ = d.pop("format", UNSET)

        export_in = cls(
            fields=fields,
            filters=filters,
            format_=format_,
        )

        export_in.additional_properties = d
        return export_in

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
