from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.branding import Branding


T = TypeVar("T", bound="OrganizationSettings")


@_attrs_define
class OrganizationSettings:
    """
    Attributes:
        branding (Branding | None | Unset):
        default_from_email (None | str | Unset): The sender address used with the organization's own SMTP server.
        default_from_name (None | str | Unset):
        footer_address (None | str | Unset):
    """

    branding: Branding | None | Unset = UNSET
    default_from_email: None | str | Unset = UNSET
    default_from_name: None | str | Unset = UNSET
    footer_address: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.branding import Branding  # noqa: PLC0415

        branding: dict[str, Any] | None | Unset
        if isinstance(self.branding, Unset):
            branding = UNSET
        elif isinstance(self.branding, Branding):
            branding = self.branding.to_dict()
        else:
            branding = self.branding

        default_from_email: None | str | Unset
        if isinstance(self.default_from_email, Unset):
            default_from_email = UNSET
        else:
            default_from_email = self.default_from_email

        default_from_name: None | str | Unset
        if isinstance(self.default_from_name, Unset):
            default_from_name = UNSET
        else:
            default_from_name = self.default_from_name

        footer_address: None | str | Unset
        if isinstance(self.footer_address, Unset):
            footer_address = UNSET
        else:
            footer_address = self.footer_address

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if branding is not UNSET:
            field_dict["branding"] = branding
        if default_from_email is not UNSET:
            field_dict["default_from_email"] = default_from_email
        if default_from_name is not UNSET:
            field_dict["default_from_name"] = default_from_name
        if footer_address is not UNSET:
            field_dict["footer_address"] = footer_address

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.branding import Branding  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_branding(data: object) -> Branding | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                branding_type_0 = Branding.from_dict(data)

                return branding_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Branding | None | Unset, data)

        branding = _parse_branding(d.pop("branding", UNSET))

        def _parse_default_from_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        default_from_email = _parse_default_from_email(d.pop("default_from_email", UNSET))

        def _parse_default_from_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        default_from_name = _parse_default_from_name(d.pop("default_from_name", UNSET))

        def _parse_footer_address(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        footer_address = _parse_footer_address(d.pop("footer_address", UNSET))

        organization_settings = cls(
            branding=branding,
            default_from_email=default_from_email,
            default_from_name=default_from_name,
            footer_address=footer_address,
        )

        organization_settings.additional_properties = d
        return organization_settings

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
