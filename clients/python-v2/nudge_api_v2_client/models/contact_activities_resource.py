from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact_activities_resource_metadata import ContactActivitiesResourceMetadata


T = TypeVar("T", bound="ContactActivitiesResource")


@_attrs_define
class ContactActivitiesResource:
    """
    Attributes:
        id (str):
        timestamp (str):
        type_ (str):
        campaign_id (None | str | Unset):
        metadata (ContactActivitiesResourceMetadata | Unset):
    """

    id: str
    timestamp: str
    type_: str
    campaign_id: None | str | Unset = UNSET
    metadata: ContactActivitiesResourceMetadata | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        timestamp = self.timestamp

        type_ = self.type_

        campaign_id: None | str | Unset
        if isinstance(self.campaign_id, Unset):
            campaign_id = UNSET
        else:
            campaign_id = self.campaign_id

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "timestamp": timestamp,
                "type": type_,
            }
        )
        if campaign_id is not UNSET:
            field_dict["campaign_id"] = campaign_id
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_activities_resource_metadata import ContactActivitiesResourceMetadata  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        timestamp = d.pop("timestamp")

        type_ = d.pop("type")

        def _parse_campaign_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        campaign_id = _parse_campaign_id(d.pop("campaign_id", UNSET))

        _metadata = d.pop("metadata", UNSET)
        metadata: ContactActivitiesResourceMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = ContactActivitiesResourceMetadata.from_dict(_metadata)

        contact_activities_resource = cls(
            id=id,
            timestamp=timestamp,
            type_=type_,
            campaign_id=campaign_id,
            metadata=metadata,
        )

        contact_activities_resource.additional_properties = d
        return contact_activities_resource

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
