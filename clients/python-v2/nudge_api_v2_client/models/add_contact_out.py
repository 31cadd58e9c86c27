from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.review_request_status import ReviewRequestStatus

T = TypeVar("T", bound="AddContactOut")


@_attrs_define
class AddContactOut:
    """
    Attributes:
        contact_email (None | str):
        contact_id (str):
        contact_name (str):
        contact_phone (None | str):
        id (str):
        message (str):
        scheduled_for (datetime.datetime):
        status (ReviewRequestStatus):
    """

    contact_email: None | str
    contact_id: str
    contact_name: str
    contact_phone: None | str
    id: str
    message: str
    scheduled_for: datetime.datetime
    status: ReviewRequestStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contact_email: None | str
        contact_email = self.contact_email

        contact_id = self.contact_id

        contact_name = self.contact_name

        contact_phone: None | str
        contact_phone = self.contact_phone

        id = self.id

        message = self.message

        scheduled_for = self.scheduled_for.isoformat()

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contact_email": contact_email,
                "contact_id": contact_id,
                "contact_name": contact_name,
                "contact_phone": contact_phone,
                "id": id,
                "message": message,
                "scheduled_for": scheduled_for,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_contact_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        contact_email = _parse_contact_email(d.pop("contact_email"))

        contact_id = d.pop("contact_id")

        contact_name = d.pop("contact_name")

        def _parse_contact_phone(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        contact_phone = _parse_contact_phone(d.pop("contact_phone"))

        id = d.pop("id")

        message = d.pop("message")

        scheduled_for = datetime.datetime.fromisoformat(d.pop("scheduled_for"))

        status = ReviewRequestStatus(d.pop("status"))

        add_contact_out = cls(
            contact_email=contact_email,
            contact_id=contact_id,
            contact_name=contact_name,
            contact_phone=contact_phone,
            id=id,
            message=message,
            scheduled_for=scheduled_for,
            status=status,
        )

        add_contact_out.additional_properties = d
        return add_contact_out

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
