from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Subscription")


@_attrs_define
class Subscription:
    """
    Attributes:
        billing_period_end (str): The end of this month.
        emails_sent (int): Emails sent this calendar month (UTC).
        plan (str): self_hosted: this installation bills nothing.
        status (str):
        email_limit (int | None | Unset): null: no limit.
    """

    billing_period_end: str
    emails_sent: int
    plan: str
    status: str
    email_limit: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        billing_period_end = self.billing_period_end

        emails_sent = self.emails_sent

        plan = self.plan

        status = self.status

        email_limit: int | None | Unset
        if isinstance(self.email_limit, Unset):
            email_limit = UNSET
        else:
            email_limit = self.email_limit

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "billing_period_end": billing_period_end,
                "emails_sent": emails_sent,
                "plan": plan,
                "status": status,
            }
        )
        if email_limit is not UNSET:
            field_dict["email_limit"] = email_limit

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        billing_period_end = d.pop("billing_period_end")

        emails_sent = d.pop("emails_sent")

        plan = d.pop("plan")

        status = d.pop("status")

        def _parse_email_limit(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        email_limit = _parse_email_limit(d.pop("email_limit", UNSET))

        subscription = cls(
            billing_period_end=billing_period_end,
            emails_sent=emails_sent,
            plan=plan,
            status=status,
            email_limit=email_limit,
        )

        subscription.additional_properties = d
        return subscription

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
