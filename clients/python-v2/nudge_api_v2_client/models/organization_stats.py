from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="OrganizationStats")


@_attrs_define
class OrganizationStats:
    """
    Attributes:
        total_campaigns (int):
        total_contacts (int):
        total_emails_sent (int):
    """

    total_campaigns: int
    total_contacts: int
    total_emails_sent: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total_campaigns = self.total_campaigns

        total_contacts = self.total_contacts

        total_emails_sent = self.total_emails_sent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total_campaigns": total_campaigns,
                "total_contacts": total_contacts,
                "total_emails_sent": total_emails_sent,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        total_campaigns = d.pop("total_campaigns")

        total_contacts = d.pop("total_contacts")

        total_emails_sent = d.pop("total_emails_sent")

        organization_stats = cls(
            total_campaigns=total_campaigns,
            total_contacts=total_contacts,
            total_emails_sent=total_emails_sent,
        )

        organization_stats.additional_properties = d
        return organization_stats

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
