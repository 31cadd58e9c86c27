from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.invite_in_role import InviteInRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="InviteIn")


@_attrs_define
class InviteIn:
    """
    Attributes:
        email (str):
        role (InviteInRole | Unset):  Default: InviteInRole.EDITOR.
        send_invitation_email (bool | Unset): False: the invitation is made but no email goes out (invite again to send
            it); the link is never shown. Default: True.
    """

    email: str
    role: InviteInRole | Unset = InviteInRole.EDITOR
    send_invitation_email: bool | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        role: str | Unset = UNSET
        if not isinstance(self.role, Unset):
            role = self.role.value

        send_invitation_email = self.send_invitation_email

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "email": email,
            }
        )
        if role is not UNSET:
            field_dict["role"] = role
        if send_invitation_email is not UNSET:
            field_dict["send_invitation_email"] = send_invitation_email

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        _role = d.pop("role", UNSET)
        role: InviteInRole | Unset
        if isinstance(_role, Unset):
            role = UNSET
        else:
            role = InviteInRole(_role)

        send_invitation_email = d.pop("send_invitation_email", UNSET)

        invite_in = cls(
            email=email,
            role=role,
            send_invitation_email=send_invitation_email,
        )

        invite_in.additional_properties = d
        return invite_in

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
