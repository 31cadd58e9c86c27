from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Stats")


@_attrs_define
class Stats:
    """
    Attributes:
        bounced (int | Unset):  Default: 0.
        clicked (int | Unset):  Default: 0.
        complained (int | Unset):  Default: 0.
        delivered (int | Unset):  Default: 0.
        kept_in_outbox (int | Unset): Kept in the local outbox (no mail server or Twilio set up): delivered to no one,
            and not counted as sent. Default: 0.
        opened (int | Unset):  Default: 0.
        recipients (int | Unset):  Default: 0.
        sent (int | Unset):  Default: 0.
        unsubscribed (int | Unset):  Default: 0.
    """

    bounced: int | Unset = 0
    clicked: int | Unset = 0
    complained: int | Unset = 0
    delivered: int | Unset = 0
    kept_in_outbox: int | Unset = 0
    opened: int | Unset = 0
    recipients: int | Unset = 0
    sent: int | Unset = 0
    unsubscribed: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bounced = self.bounced

        clicked = self.clicked

        complained = self.complained

        delivered = self.delivered

        kept_in_outbox = self.kept_in_outbox

        opened = self.opened

        recipients = self.recipients

        sent = self.sent

        unsubscribed = self.unsubscribed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if bounced is not UNSET:
            field_dict["bounced"] = bounced
        if clicked is not UNSET:
            field_dict["clicked"] = clicked
        if complained is not UNSET:
            field_dict["complained"] = complained
        if delivered is not UNSET:
            field_dict["delivered"] = delivered
        if kept_in_outbox is not UNSET:
            field_dict["kept_in_outbox"] = kept_in_outbox
        if opened is not UNSET:
            field_dict["opened"] = opened
        if recipients is not UNSET:
            field_dict["recipients"] = recipients
        if sent is not UNSET:
            field_dict["sent"] = sent
        if unsubscribed is not UNSET:
            field_dict["unsubscribed"] = unsubscribed

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        bounced = d.pop("bounced", UNSET)

        clicked = d.pop("clicked", UNSET)

        complained = d.pop("complained", UNSET)

        delivered = d.pop("delivered", UNSET)

        kept_in_outbox = d.pop("kept_in_outbox", UNSET)

        opened = d.pop("opened", UNSET)

        recipients = d.pop("recipients", UNSET)

        sent = d.pop("sent", UNSET)

        unsubscribed = d.pop("unsubscribed", UNSET)

        stats = cls(
            bounced=bounced,
            clicked=clicked,
            complained=complained,
            delivered=delivered,
            kept_in_outbox=kept_in_outbox,
            opened=opened,
            recipients=recipients,
            sent=sent,
            unsubscribed=unsubscribed,
        )

        stats.additional_properties = d
        return stats

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
