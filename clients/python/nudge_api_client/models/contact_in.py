from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact_in_custom_fields_type_0 import ContactInCustomFieldsType0


T = TypeVar("T", bound="ContactIn")


@_attrs_define
class ContactIn:
    """A contact's fields; ``mobile_phone_number`` (seed 000) and ``name`` (seed 003) are accepted too.

    Attributes:
        company_name (None | str | Unset):
        custom_fields (ContactInCustomFieldsType0 | None | Unset):
        double_opt_in (bool | None | Unset): Send the contact a confirmation email; they join the lists given only once
            they confirm.
        email (None | str | Unset):
        first_name (None | str | Unset):
        last_name (None | str | Unset):
        lists (list[str] | None | Unset): The ids of the lists the contact belongs to from now on (seed 001); a list
            with double opt-in, or any list when double_opt_in is true, waits for the contact to confirm by email.
        mobile_phone_number (None | str | Unset): Alias of phone (seed 000).
        name (None | str | Unset): Full name, split when first/last are not given.
        phone (None | str | Unset):
        status (None | str | Unset): subscribed, unsubscribed, bounced, complained
        tags (list[str] | None | str | Unset): A list or one comma-separated string: at most 100 tags of at most 50
            characters (an upsert adds to the contact's tags, within the same limit).
        timezone (None | str | Unset):
    """

    company_name: None | str | Unset = UNSET
    custom_fields: ContactInCustomFieldsType0 | None | Unset = UNSET
    double_opt_in: bool | None | Unset = UNSET
    email: None | str | Unset = UNSET
    first_name: None | str | Unset = UNSET
    last_name: None | str | Unset = UNSET
    lists: list[str] | None | Unset = UNSET
    mobile_phone_number: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET
    status: None | str | Unset = UNSET
    tags: list[str] | None | str | Unset = UNSET
    timezone: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.contact_in_custom_fields_type_0 import ContactInCustomFieldsType0  # noqa: PLC0415

        company_name: None | str | Unset
        if isinstance(self.company_name, Unset):
            company_name = UNSET
        else:
            company_name = self.company_name

        custom_fields: dict[str, Any] | None | Unset
        if isinstance(self.custom_fields, Unset):
            custom_fields = UNSET
        elif isinstance(self.custom_fields, ContactInCustomFieldsType0):
            custom_fields = self.custom_fields.to_dict()
        else:
            custom_fields = self.custom_fields

        double_opt_in: bool | None | Unset
        if isinstance(self.double_opt_in, Unset):
            double_opt_in = UNSET
        else:
            double_opt_in = self.double_opt_in

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

        last_name: None | str | Unset
        if isinstance(self.last_name, Unset):
            last_name = UNSET
        else:
            last_name = self.last_name

        lists: list[str] | None | Unset
        if isinstance(self.lists, Unset):
            lists = UNSET
        elif isinstance(self.lists, list):
            lists = self.lists

        else:
            lists = self.lists

        mobile_phone_number: None | str | Unset
        if isinstance(self.mobile_phone_number, Unset):
            mobile_phone_number = UNSET
        else:
            mobile_phone_number = self.mobile_phone_number

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        else:
            status = self.status

        tags: list[str] | None | str | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = self.tags

        else:
            tags = self.tags

        timezone: None | str | Unset
        if isinstance(self.timezone, Unset):
            timezone = UNSET
        else:
            timezone = self.timezone

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if company_name is not UNSET:
            field_dict["company_name"] = company_name
        if custom_fields is not UNSET:
            field_dict["custom_fields"] = custom_fields
        if double_opt_in is not UNSET:
            field_dict["double_opt_in"] = double_opt_in
        if email is not UNSET:
            field_dict["email"] = email
        if first_name is not UNSET:
            field_dict["first_name"] = first_name
        if last_name is not UNSET:
            field_dict["last_name"] = last_name
        if lists is not UNSET:
            field_dict["lists"] = lists
        if mobile_phone_number is not UNSET:
            field_dict["mobile_phone_number"] = mobile_phone_number
        if name is not UNSET:
            field_dict["name"] = name
        if phone is not UNSET:
            field_dict["phone"] = phone
        if status is not UNSET:
            field_dict["status"] = status
        if tags is not UNSET:
            field_dict["tags"] = tags
        if timezone is not UNSET:
            field_dict["timezone"] = timezone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_in_custom_fields_type_0 import ContactInCustomFieldsType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_company_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        company_name = _parse_company_name(d.pop("company_name", UNSET))

        def _parse_custom_fields(data: object) -> ContactInCustomFieldsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                custom_fields_type_0 = ContactInCustomFieldsType0.from_dict(data)

                return custom_fields_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContactInCustomFieldsType0 | None | Unset, data)

        custom_fields = _parse_custom_fields(d.pop("custom_fields", UNSET))

        def _parse_double_opt_in(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        double_opt_in = _parse_double_opt_in(d.pop("double_opt_in", UNSET))

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

        def _parse_last_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_name = _parse_last_name(d.pop("last_name", UNSET))

        def _parse_lists(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                lists_type_0 = cast(list[str], data)

                return lists_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        lists = _parse_lists(d.pop("lists", UNSET))

        def _parse_mobile_phone_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        mobile_phone_number = _parse_mobile_phone_number(d.pop("mobile_phone_number", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        def _parse_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_tags(data: object) -> list[str] | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tags_type_0 = cast(list[str], data)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | str | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        def _parse_timezone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        timezone = _parse_timezone(d.pop("timezone", UNSET))

        contact_in = cls(
            company_name=company_name,
            custom_fields=custom_fields,
            double_opt_in=double_opt_in,
            email=email,
            first_name=first_name,
            last_name=last_name,
            lists=lists,
            mobile_phone_number=mobile_phone_number,
            name=name,
            phone=phone,
            status=status,
            tags=tags,
            timezone=timezone,
        )

        contact_in.additional_properties = d
        return contact_in

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
