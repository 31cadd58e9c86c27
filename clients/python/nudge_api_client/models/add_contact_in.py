from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.add_contact_in_metadata import AddContactInMetadata


T = TypeVar("T", bound="AddContactIn")


@_attrs_define
class AddContactIn:
    """Seed 000's body. Types are checked by the view so that every bad field is reported at once.

    Attributes:
        company_name (None | str | Unset): Contact's company name
        delay_hours (int | Unset): Hours to wait before sending the review request Default: 0.
        email (None | str | Unset): Contact's email address (required if no mobile_phone_number)
        first_name (None | str | Unset): Contact's first name
        force (bool | Unset): Send even to a contact asked for a review recently (by default such a call answers 200
            with the request that exists, and sends nothing again). Default: False.
        last_name (None | str | Unset): Contact's last name
        metadata (AddContactInMetadata | None | Unset): Additional custom data: at most 16 KB as JSON
        mobile_phone_number (None | str | Unset): Contact's mobile phone number in E.164 format (required if no email)
    """

    company_name: None | str | Unset = UNSET
    delay_hours: int | Unset = 0
    email: None | str | Unset = UNSET
    first_name: None | str | Unset = UNSET
    force: bool | Unset = False
    last_name: None | str | Unset = UNSET
    metadata: AddContactInMetadata | None | Unset = UNSET
    mobile_phone_number: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.add_contact_in_metadata import AddContactInMetadata  # noqa: PLC0415

        company_name: None | str | Unset
        if isinstance(self.company_name, Unset):
            company_name = UNSET
        else:
            company_name = self.company_name

        delay_hours = self.delay_hours

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        first_name: None | str | Unset
        if isinstance(self.first_name, Unset):
            first_name = UNSET
        else:
            first_name = self.first_name

        force = self.force

        last_name: None | str | Unset
        if isinstance(self.last_name, Unset):
            last_name = UNSET
        else:
            last_name = self.last_name

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, AddContactInMetadata):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        mobile_phone_number: None | str | Unset
        if isinstance(self.mobile_phone_number, Unset):
            mobile_phone_number = UNSET
        else:
            mobile_phone_number = self.mobile_phone_number

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if company_name is not UNSET:
            field_dict["company_name"] = company_name
        if delay_hours is not UNSET:
            field_dict["delay_hours"] = delay_hours
        if email is not UNSET:
            field_dict["email"] = email
        if first_name is not UNSET:
            field_dict["first_name"] = first_name
        if force is not UNSET:
            field_dict["force"] = force
        if last_name is not UNSET:
            field_dict["last_name"] = last_name
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if mobile_phone_number is not UNSET:
            field_dict["mobile_phone_number"] = mobile_phone_number

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.add_contact_in_metadata import AddContactInMetadata  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_company_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        company_name = _parse_company_name(d.pop("company_name", UNSET))

        delay_hours = d.pop("delay_hours", UNSET)

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        def _parse_first_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        first_name = _parse_first_name(d.pop("first_name", UNSET))

        force = d.pop("force", UNSET)

        def _parse_last_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_name = _parse_last_name(d.pop("last_name", UNSET))

        def _parse_metadata(data: object) -> AddContactInMetadata | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = AddContactInMetadata.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AddContactInMetadata | None | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        def _parse_mobile_phone_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        mobile_phone_number = _parse_mobile_phone_number(d.pop("mobile_phone_number", UNSET))

        add_contact_in = cls(
            company_name=company_name,
            delay_hours=delay_hours,
            email=email,
            first_name=first_name,
            force=force,
            last_name=last_name,
            metadata=metadata,
            mobile_phone_number=mobile_phone_number,
        )

        add_contact_in.additional_properties = d
        return add_contact_in

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
