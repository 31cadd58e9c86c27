from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.automation_enroll_in_metadata_type_0 import AutomationEnrollInMetadataType0


T = TypeVar("T", bound="AutomationEnrollIn")


@_attrs_define
class AutomationEnrollIn:
    """
    Attributes:
        contact_id (str):
        metadata (AutomationEnrollInMetadataType0 | None | Unset): Kept with the enrolment; conditions and emails may
            read it.
    """

    contact_id: str
    metadata: AutomationEnrollInMetadataType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.automation_enroll_in_metadata_type_0 import AutomationEnrollInMetadataType0  # noqa: PLC0415

        contact_id = self.contact_id

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, AutomationEnrollInMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contact_id": contact_id,
            }
        )
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.automation_enroll_in_metadata_type_0 import AutomationEnrollInMetadataType0  # noqa: PLC0415

        d = dict(src_dict)
        contact_id = d.pop("contact_id")

        def _parse_metadata(data: object) -> AutomationEnrollInMetadataType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = AutomationEnrollInMetadataType0.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AutomationEnrollInMetadataType0 | None | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        automation_enroll_in = cls(
            contact_id=contact_id,
            metadata=metadata,
        )

        automation_enroll_in.additional_properties = d
        return automation_enroll_in

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
