from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.contact_source import ContactSource
from ..models.contact_status import ContactStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact_attributes_custom_fields_type_0 import ContactAttributesCustomFieldsType0
    from ..models.contacts_resource_attributes_stats import ContactsResourceAttributesStats


T = TypeVar("T", bound="ContactsResourceAttributes")


@_attrs_define
class ContactsResourceAttributes:
    """
    Attributes:
        company_name (None | str | Unset):
        created_at (datetime.datetime | None | Unset):
        custom_fields (ContactAttributesCustomFieldsType0 | None | Unset):
        email (None | str | Unset):
        first_name (None | str | Unset):
        full_name (None | str | Unset):
        last_name (None | str | Unset):
        lists (list[str] | None | Unset): The ids of the lists the contact is in (pending ones too).
        phone (None | str | Unset): E.164
        source (ContactSource | None | Unset):
        status (ContactStatus | None | Unset):
        subscribed_at (datetime.datetime | None | Unset):
        tags (list[str] | None | Unset):
        timezone (None | str | Unset):
        unsubscribed_at (datetime.datetime | None | Unset):
        updated_at (datetime.datetime | None | Unset):
        organization_id (str | Unset):
        stats (ContactsResourceAttributesStats | Unset): On a single contact, not in lists.
    """

    company_name: None | str | Unset = UNSET
    created_at: datetime.datetime | None | Unset = UNSET
    custom_fields: ContactAttributesCustomFieldsType0 | None | Unset = UNSET
    email: None | str | Unset = UNSET
    first_name: None | str | Unset = UNSET
    full_name: None | str | Unset = UNSET
    last_name: None | str | Unset = UNSET
    lists: list[str] | None | Unset = UNSET
    phone: None | str | Unset = UNSET
    source: ContactSource | None | Unset = UNSET
    status: ContactStatus | None | Unset = UNSET
    subscribed_at: datetime.datetime | None | Unset = UNSET
    tags: list[str] | None | Unset = UNSET
    timezone: None | str | Unset = UNSET
    unsubscribed_at: datetime.datetime | None | Unset = UNSET
    updated_at: datetime.datetime | None | Unset = UNSET
    organization_id: str | Unset = UNSET
    stats: ContactsResourceAttributesStats | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.contact_attributes_custom_fields_type_0 import ContactAttributesCustomFieldsType0  # noqa: PLC0415

        company_name: None | str | Unset
        if isinstance(self.company_name, Unset):
            company_name = UNSET
        else:
            company_name = self.company_name

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        custom_fields: dict[str, Any] | None | Unset
        if isinstance(self.custom_fields, Unset):
            custom_fields = UNSET
        elif isinstance(self.custom_fields, ContactAttributesCustomFieldsType0):
            custom_fields = self.custom_fields.to_dict()
        else:
            custom_fields = self.custom_fields

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

        full_name: None | str | Unset
        if isinstance(self.full_name, Unset):
            full_name = UNSET
        else:
            full_name = self.full_name

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

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        source: None | str | Unset
        if isinstance(self.source, Unset):
            source = UNSET
        elif isinstance(self.source, ContactSource):
            source = self.source.value
        else:
            source = self.source

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, ContactStatus):
            status = self.status.value
        else:
            status = self.status

        subscribed_at: None | str | Unset
        if isinstance(self.subscribed_at, Unset):
            subscribed_at = UNSET
        elif isinstance(self.subscribed_at, datetime.datetime):
            subscribed_at = self.subscribed_at.isoformat()
        else:
            subscribed_at = self.subscribed_at

        tags: list[str] | None | Unset
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

        unsubscribed_at: None | str | Unset
        if isinstance(self.unsubscribed_at, Unset):
            unsubscribed_at = UNSET
        elif isinstance(self.unsubscribed_at, datetime.datetime):
            unsubscribed_at = self.unsubscribed_at.isoformat()
        else:
            unsubscribed_at = self.unsubscribed_at

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        elif isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        organization_id = self.organization_id

        stats: dict[str, Any] | Unset = UNSET
        if not isinstance(self.stats, Unset):
            stats = self.stats.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if company_name is not UNSET:
            field_dict["company_name"] = company_name
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if custom_fields is not UNSET:
            field_dict["custom_fields"] = custom_fields
        if email is not UNSET:
            field_dict["email"] = email
        if first_name is not UNSET:
            field_dict["first_name"] = first_name
        if full_name is not UNSET:
            field_dict["full_name"] = full_name
        if last_name is not UNSET:
            field_dict["last_name"] = last_name
        if lists is not UNSET:
            field_dict["lists"] = lists
        if phone is not UNSET:
            field_dict["phone"] = phone
        if source is not UNSET:
            field_dict["source"] = source
        if status is not UNSET:
            field_dict["status"] = status
        if subscribed_at is not UNSET:
            field_dict["subscribed_at"] = subscribed_at
        if tags is not UNSET:
            field_dict["tags"] = tags
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if unsubscribed_at is not UNSET:
            field_dict["unsubscribed_at"] = unsubscribed_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if organization_id is not UNSET:
            field_dict["organization_id"] = organization_id
        if stats is not UNSET:
            field_dict["stats"] = stats

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_attributes_custom_fields_type_0 import ContactAttributesCustomFieldsType0  # noqa: PLC0415
        from ..models.contacts_resource_attributes_stats import ContactsResourceAttributesStats  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_company_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        company_name = _parse_company_name(d.pop("company_name", UNSET))

        def _parse_created_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_at = _parse_created_at(d.pop("created_at", UNSET))

        def _parse_custom_fields(data: object) -> ContactAttributesCustomFieldsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                custom_fields_type_0 = ContactAttributesCustomFieldsType0.from_dict(data)

                return custom_fields_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContactAttributesCustomFieldsType0 | None | Unset, data)

        custom_fields = _parse_custom_fields(d.pop("custom_fields", UNSET))

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

        def _parse_full_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        full_name = _parse_full_name(d.pop("full_name", UNSET))

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

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        def _parse_source(data: object) -> ContactSource | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                source_type_0 = ContactSource(data)

                return source_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContactSource | None | Unset, data)

        source = _parse_source(d.pop("source", UNSET))

        def _parse_status(data: object) -> ContactStatus | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = ContactStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContactStatus | None | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_subscribed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                subscribed_at_type_0 = datetime.datetime.fromisoformat(data)

                return subscribed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        subscribed_at = _parse_subscribed_at(d.pop("subscribed_at", UNSET))

        def _parse_tags(data: object) -> list[str] | None | Unset:
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
            return cast(list[str] | None | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        def _parse_timezone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        timezone = _parse_timezone(d.pop("timezone", UNSET))

        def _parse_unsubscribed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                unsubscribed_at_type_0 = datetime.datetime.fromisoformat(data)

                return unsubscribed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        unsubscribed_at = _parse_unsubscribed_at(d.pop("unsubscribed_at", UNSET))

        def _parse_updated_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)

                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        updated_at = _parse_updated_at(d.pop("updated_at", UNSET))

        organization_id = d.pop("organization_id", UNSET)

        _stats = d.pop("stats", UNSET)
        stats: ContactsResourceAttributesStats | Unset
        if isinstance(_stats, Unset):
            stats = UNSET
        else:
            stats = ContactsResourceAttributesStats.from_dict(_stats)

        contacts_resource_attributes = cls(
            company_name=company_name,
            created_at=created_at,
            custom_fields=custom_fields,
            email=email,
            first_name=first_name,
            full_name=full_name,
            last_name=last_name,
            lists=lists,
            phone=phone,
            source=source,
            status=status,
            subscribed_at=subscribed_at,
            tags=tags,
            timezone=timezone,
            unsubscribed_at=unsubscribed_at,
            updated_at=updated_at,
            organization_id=organization_id,
            stats=stats,
        )

        contacts_resource_attributes.additional_properties = d
        return contacts_resource_attributes

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
