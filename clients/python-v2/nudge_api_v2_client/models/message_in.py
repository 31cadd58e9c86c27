from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.message_in_channel import MessageInChannel
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.message_in_variables import MessageInVariables


T = TypeVar("T", bound="MessageIn")


@_attrs_define
class MessageIn:
    """
    Attributes:
        channel (MessageInChannel):
        template (str): The template's id or name.
        contact_id (None | Unset | UUID): Instead of `to`: an existing contact.
        marketing (bool | Unset): False for transactional messages (no unsubscribe link). Default: True.
        send_at (datetime.datetime | None | Unset): Later, not now.
        to (None | str | Unset): An email address or phone number; the contact is found or created.
        track (bool | Unset): Open and click tracking (email). Default: True.
        variables (MessageInVariables | Unset):
    """

    channel: MessageInChannel
    template: str
    contact_id: None | Unset | UUID = UNSET
    marketing: bool | Unset = True
    send_at: datetime.datetime | None | Unset = UNSET
    to: None | str | Unset = UNSET
    track: bool | Unset = True
    variables: MessageInVariables | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        channel = self.channel.value

        template = self.template

        contact_id: None | str | Unset
        if isinstance(self.contact_id, Unset):
            contact_id = UNSET
        elif isinstance(self.contact_id, UUID):
            contact_id = str(self.contact_id)
        else:
            contact_id = self.contact_id

        marketing = self.marketing

        send_at: None | str | Unset
        if isinstance(self.send_at, Unset):
            send_at = UNSET
        elif isinstance(self.send_at, datetime.datetime):
            send_at = self.send_at.isoformat()
        else:
            send_at = self.send_at

        to: None | str | Unset
        if isinstance(self.to, Unset):
            to = UNSET
        else:
            to = self.to

        track = self.track

        variables: dict[str, Any] | Unset = UNSET
        if not isinstance(self.variables, Unset):
            variables = self.variables.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "channel": channel,
                "template": template,
            }
        )
        if contact_id is not UNSET:
            field_dict["contact_id"] = contact_id
        if marketing is not UNSET:
            field_dict["marketing"] = marketing
        if send_at is not UNSET:
            field_dict["send_at"] = send_at
        if to is not UNSET:
            field_dict["to"] = to
        if track is not UNSET:
            field_dict["track"] = track
        if variables is not UNSET:
            field_dict["variables"] = variables

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.message_in_variables import MessageInVariables  # noqa: PLC0415

        d = dict(src_dict)
        channel = MessageInChannel(d.pop("channel"))

        template = d.pop("template")

        def _parse_contact_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                contact_id_type_0 = UUID(data)

                return contact_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        contact_id = _parse_contact_id(d.pop("contact_id", UNSET))

        marketing = d.pop("marketing", UNSET)

        def _parse_send_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                send_at_type_0 = datetime.datetime.fromisoformat(data)

                return send_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        send_at = _parse_send_at(d.pop("send_at", UNSET))

        def _parse_to(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        to = _parse_to(d.pop("to", UNSET))

        track = d.pop("track", UNSET)

        _variables = d.pop("variables", UNSET)
        variables: MessageInVariables | Unset
        if isinstance(_variables, Unset):
            variables = UNSET
        else:
            variables = MessageInVariables.from_dict(_variables)

        message_in = cls(
            channel=channel,
            template=template,
            contact_id=contact_id,
            marketing=marketing,
            send_at=send_at,
            to=to,
            track=track,
            variables=variables,
        )

        message_in.additional_properties = d
        return message_in

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
