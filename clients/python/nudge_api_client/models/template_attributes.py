from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.template_channel import TemplateChannel
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.variable import Variable


T = TypeVar("T", bound="TemplateAttributes")


@_attrs_define
class TemplateAttributes:
    """
    Attributes:
        body (None | str | Unset): The text of an SMS template.
        category (None | str | Unset): A category of the business's own (lower-case letters, digits, _), e.g.
            review_request, follow_up, employee_nudge, newsletter, announcement, transactional, general.
        channel (None | TemplateChannel | Unset):
        created_at (datetime.datetime | None | Unset):
        description (None | str | Unset):
        html_content (None | str | Unset):
        is_public (bool | None | Unset): Always false: templates belong to their organization.
        name (None | str | Unset):
        organization_id (None | str | Unset):
        starter_key (None | str | Unset): Set on the starter templates Nudge made.
        subject (None | str | Unset):
        text_content (None | str | Unset):
        thumbnail_url (None | str | Unset): Always null: Nudge draws no thumbnails (seed 001 field).
        updated_at (datetime.datetime | None | Unset):
        usage_count (int | None | Unset): Messages made from the template.
        variables (list[Variable] | None | Unset):
    """

    body: None | str | Unset = UNSET
    category: None | str | Unset = UNSET
    channel: None | TemplateChannel | Unset = UNSET
    created_at: datetime.datetime | None | Unset = UNSET
    description: None | str | Unset = UNSET
    html_content: None | str | Unset = UNSET
    is_public: bool | None | Unset = UNSET
    name: None | str | Unset = UNSET
    organization_id: None | str | Unset = UNSET
    starter_key: None | str | Unset = UNSET
    subject: None | str | Unset = UNSET
    text_content: None | str | Unset = UNSET
    thumbnail_url: None | str | Unset = UNSET
    updated_at: datetime.datetime | None | Unset = UNSET
    usage_count: int | None | Unset = UNSET
    variables: list[Variable] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        body: None | str | Unset
        if isinstance(self.body, Unset):
            body = UNSET
        else:
            body = self.body

        category: None | str | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        else:
            category = self.category

        channel: None | str | Unset
        if isinstance(self.channel, Unset):
            channel = UNSET
        elif isinstance(self.channel, TemplateChannel):
            channel = self.channel.value
        else:
            channel = self.channel

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        html_content: None | str | Unset
        if isinstance(self.html_content, Unset):
            html_content = UNSET
        else:
            html_content = self.html_content

        is_public: bool | None | Unset
        if isinstance(self.is_public, Unset):
            is_public = UNSET
        else:
            is_public = self.is_public

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        organization_id: None | str | Unset
        if isinstance(self.organization_id, Unset):
            organization_id = UNSET
        else:
            organization_id = self.organization_id

        starter_key: None | str | Unset
        if isinstance(self.starter_key, Unset):
            starter_key = UNSET
        else:
            starter_key = self.starter_key

        subject: None | str | Unset
        if isinstance(self.subject, Unset):
            subject = UNSET
        else:
            subject = self.subject

        text_content: None | str | Unset
        if isinstance(self.text_content, Unset):
            text_content = UNSET
        else:
            text_content = self.text_content

        thumbnail_url: None | str | Unset
        if isinstance(self.thumbnail_url, Unset):
            thumbnail_url = UNSET
        else:
            thumbnail_url = self.thumbnail_url

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        elif isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        usage_count: int | None | Unset
        if isinstance(self.usage_count, Unset):
            usage_count = UNSET
        else:
            usage_count = self.usage_count

        variables: list[dict[str, Any]] | None | Unset
        if isinstance(self.variables, Unset):
            variables = UNSET
        elif isinstance(self.variables, list):
            variables = []
            for variables_type_0_item_data in self.variables:
                variables_type_0_item = variables_type_0_item_data.to_dict()
                variables.append(variables_type_0_item)

        else:
            variables = self.variables

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if body is not UNSET:
            field_dict["body"] = body
        if category is not UNSET:
            field_dict["category"] = category
        if channel is not UNSET:
            field_dict["channel"] = channel
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if description is not UNSET:
            field_dict["description"] = description
        if html_content is not UNSET:
            field_dict["html_content"] = html_content
        if is_public is not UNSET:
            field_dict["is_public"] = is_public
        if name is not UNSET:
            field_dict["name"] = name
        if organization_id is not UNSET:
            field_dict["organization_id"] = organization_id
        if starter_key is not UNSET:
            field_dict["starter_key"] = starter_key
        if subject is not UNSET:
            field_dict["subject"] = subject
        if text_content is not UNSET:
            field_dict["text_content"] = text_content
        if thumbnail_url is not UNSET:
            field_dict["thumbnail_url"] = thumbnail_url
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if usage_count is not UNSET:
            field_dict["usage_count"] = usage_count
        if variables is not UNSET:
            field_dict["variables"] = variables

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.variable import Variable  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_body(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        body = _parse_body(d.pop("body", UNSET))

        def _parse_category(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        category = _parse_category(d.pop("category", UNSET))

        def _parse_channel(data: object) -> None | TemplateChannel | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                channel_type_0 = TemplateChannel(data)

                return channel_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TemplateChannel | Unset, data)

        channel = _parse_channel(d.pop("channel", UNSET))

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

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_html_content(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        html_content = _parse_html_content(d.pop("html_content", UNSET))

        def _parse_is_public(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_public = _parse_is_public(d.pop("is_public", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_organization_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        organization_id = _parse_organization_id(d.pop("organization_id", UNSET))

        def _parse_starter_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        starter_key = _parse_starter_key(d.pop("starter_key", UNSET))

        def _parse_subject(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subject = _parse_subject(d.pop("subject", UNSET))

        def _parse_text_content(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        text_content = _parse_text_content(d.pop("text_content", UNSET))

        def _parse_thumbnail_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        thumbnail_url = _parse_thumbnail_url(d.pop("thumbnail_url", UNSET))

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

        def _parse_usage_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        usage_count = _parse_usage_count(d.pop("usage_count", UNSET))

        def _parse_variables(data: object) -> list[Variable] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                variables_type_0 = []
                _variables_type_0 = data
                for variables_type_0_item_data in _variables_type_0:
                    variables_type_0_item = Variable.from_dict(variables_type_0_item_data)

                    variables_type_0.append(variables_type_0_item)

                return variables_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Variable] | None | Unset, data)

        variables = _parse_variables(d.pop("variables", UNSET))

        template_attributes = cls(
            body=body,
            category=category,
            channel=channel,
            created_at=created_at,
            description=description,
            html_content=html_content,
            is_public=is_public,
            name=name,
            organization_id=organization_id,
            starter_key=starter_key,
            subject=subject,
            text_content=text_content,
            thumbnail_url=thumbnail_url,
            updated_at=updated_at,
            usage_count=usage_count,
            variables=variables,
        )

        template_attributes.additional_properties = d
        return template_attributes

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
