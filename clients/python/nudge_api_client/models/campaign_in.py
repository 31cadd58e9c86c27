from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.campaign_in_settings_type_0 import CampaignInSettingsType0


T = TypeVar("T", bound="CampaignIn")


@_attrs_define
class CampaignIn:
    """A campaign's attributes (seed 001's create body); on update only those given change.

    Attributes:
        body (None | str | Unset): The SMS text (at most 10 segments).
        channel (None | str | Unset): email (default) or sms
        exclude_list_ids (list[str] | None | Unset):
        exclude_tags (list[str] | None | Unset):
        from_email (None | str | Unset): Kept with the campaign; email goes out from your verified sending address with
            from_name as its name.
        from_name (None | str | Unset):
        html_content (None | str | Unset):
        name (None | str | Unset):
        preview_text (None | str | Unset):
        recipient_list_id (None | str | Unset): Send to the confirmed members of this list.
        reply_to (None | str | Unset):
        segment_id (None | str | Unset): ...and/or the contacts of this segment.
        send_rate (float | None | Unset):
        send_to_all (bool | None | Unset): Every subscribed contact.
        settings (CampaignInSettingsType0 | None | Unset): track_opens, track_clicks, google_analytics (true, or an
            object of utm_source, utm_medium, utm_campaign).
        subject (None | str | Unset):
        tags (list[str] | None | Unset): ...and/or the contacts with any of these tags.
        template_id (None | str | Unset): Copy the content of this template (of the same channel).
        text_content (None | str | Unset):
    """

    body: None | str | Unset = UNSET
    channel: None | str | Unset = UNSET
    exclude_list_ids: list[str] | None | Unset = UNSET
    exclude_tags: list[str] | None | Unset = UNSET
    from_email: None | str | Unset = UNSET
    from_name: None | str | Unset = UNSET
    html_content: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    preview_text: None | str | Unset = UNSET
    recipient_list_id: None | str | Unset = UNSET
    reply_to: None | str | Unset = UNSET
    segment_id: None | str | Unset = UNSET
    send_rate: float | None | Unset = UNSET
    send_to_all: bool | None | Unset = UNSET
    settings: CampaignInSettingsType0 | None | Unset = UNSET
    subject: None | str | Unset = UNSET
    tags: list[str] | None | Unset = UNSET
    template_id: None | str | Unset = UNSET
    text_content: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.campaign_in_settings_type_0 import CampaignInSettingsType0  # noqa: PLC0415

        body: None | str | Unset
        if isinstance(self.body, Unset):
            body = UNSET
        else:
            body = self.body

        channel: None | str | Unset
        if isinstance(self.channel, Unset):
            channel = UNSET
        else:
            channel = self.channel

        exclude_list_ids: list[str] | None | Unset
        if isinstance(self.exclude_list_ids, Unset):
            exclude_list_ids = UNSET
        elif isinstance(self.exclude_list_ids, list):
            exclude_list_ids = self.exclude_list_ids

        else:
            exclude_list_ids = self.exclude_list_ids

        exclude_tags: list[str] | None | Unset
        if isinstance(self.exclude_tags, Unset):
            exclude_tags = UNSET
        elif isinstance(self.exclude_tags, list):
            exclude_tags = self.exclude_tags

        else:
            exclude_tags = self.exclude_tags

        from_email: None | str | Unset
        if isinstance(self.from_email, Unset):
            from_email = UNSET
        else:
            from_email = self.from_email

        from_name: None | str | Unset
        if isinstance(self.from_name, Unset):
            from_name = UNSET
        else:
            from_name = self.from_name

        html_content: None | str | Unset
        if isinstance(self.html_content, Unset):
            html_content = UNSET
        else:
            html_content = self.html_content

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        preview_text: None | str | Unset
        if isinstance(self.preview_text, Unset):
            preview_text = UNSET
        else:
            preview_text = self.preview_text

        recipient_list_id: None | str | Unset
        if isinstance(self.recipient_list_id, Unset):
            recipient_list_id = UNSET
        else:
            recipient_list_id = self.recipient_list_id

        reply_to: None | str | Unset
        if isinstance(self.reply_to, Unset):
            reply_to = UNSET
        else:
            reply_to = self.reply_to

        segment_id: None | str | Unset
        if isinstance(self.segment_id, Unset):
            segment_id = UNSET
        else:
            segment_id = self.segment_id

        send_rate: float | None | Unset
        if isinstance(self.send_rate, Unset):
            send_rate = UNSET
        else:
            send_rate = self.send_rate

        send_to_all: bool | None | Unset
        if isinstance(self.send_to_all, Unset):
            send_to_all = UNSET
        else:
            send_to_all = self.send_to_all

        settings: dict[str, Any] | None | Unset
        if isinstance(self.settings, Unset):
            settings = UNSET
        elif isinstance(self.settings, CampaignInSettingsType0):
            settings = self.settings.to_dict()
        else:
            settings = self.settings

        subject: None | str | Unset
        if isinstance(self.subject, Unset):
            subject = UNSET
        else:
            subject = self.subject

        tags: list[str] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = self.tags

        else:
            tags = self.tags

        template_id: None | str | Unset
        if isinstance(self.template_id, Unset):
            template_id = UNSET
        else:
            template_id = self.template_id

        text_content: None | str | Unset
        if isinstance(self.text_content, Unset):
            text_content = UNSET
        else:
            text_content = self.text_content

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if body is not UNSET:
            field_dict["body"] = body
        if channel is not UNSET:
            field_dict["channel"] = channel
        if exclude_list_ids is not UNSET:
            field_dict["exclude_list_ids"] = exclude_list_ids
        if exclude_tags is not UNSET:
            field_dict["exclude_tags"] = exclude_tags
        if from_email is not UNSET:
            field_dict["from_email"] = from_email
        if from_name is not UNSET:
            field_dict["from_name"] = from_name
        if html_content is not UNSET:
            field_dict["html_content"] = html_content
        if name is not UNSET:
            field_dict["name"] = name
        if preview_text is not UNSET:
            field_dict["preview_text"] = preview_text
        if recipient_list_id is not UNSET:
            field_dict["recipient_list_id"] = recipient_list_id
        if reply_to is not UNSET:
            field_dict["reply_to"] = reply_to
        if segment_id is not UNSET:
            field_dict["segment_id"] = segment_id
        if send_rate is not UNSET:
            field_dict["send_rate"] = send_rate
        if send_to_all is not UNSET:
            field_dict["send_to_all"] = send_to_all
        if settings is not UNSET:
            field_dict["settings"] = settings
        if subject is not UNSET:
            field_dict["subject"] = subject
        if tags is not UNSET:
            field_dict["tags"] = tags
        if template_id is not UNSET:
            field_dict["template_id"] = template_id
        if text_content is not UNSET:
            field_dict["text_content"] = text_content

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.campaign_in_settings_type_0 import CampaignInSettingsType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_body(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        body = _parse_body(d.pop("body", UNSET))

        def _parse_channel(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        channel = _parse_channel(d.pop("channel", UNSET))

        def _parse_exclude_list_ids(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                exclude_list_ids_type_0 = cast(list[str], data)

                return exclude_list_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        exclude_list_ids = _parse_exclude_list_ids(d.pop("exclude_list_ids", UNSET))

        def _parse_exclude_tags(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                exclude_tags_type_0 = cast(list[str], data)

                return exclude_tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        exclude_tags = _parse_exclude_tags(d.pop("exclude_tags", UNSET))

        def _parse_from_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        from_email = _parse_from_email(d.pop("from_email", UNSET))

        def _parse_from_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        from_name = _parse_from_name(d.pop("from_name", UNSET))

        def _parse_html_content(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        html_content = _parse_html_content(d.pop("html_content", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_preview_text(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        preview_text = _parse_preview_text(d.pop("preview_text", UNSET))

        def _parse_recipient_list_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        recipient_list_id = _parse_recipient_list_id(d.pop("recipient_list_id", UNSET))

        def _parse_reply_to(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reply_to = _parse_reply_to(d.pop("reply_to", UNSET))

        def _parse_segment_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        segment_id = _parse_segment_id(d.pop("segment_id", UNSET))

        def _parse_send_rate(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        send_rate = _parse_send_rate(d.pop("send_rate", UNSET))

        def _parse_send_to_all(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        send_to_all = _parse_send_to_all(d.pop("send_to_all", UNSET))

        def _parse_settings(data: object) -> CampaignInSettingsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                settings_type_0 = CampaignInSettingsType0.from_dict(data)

                return settings_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CampaignInSettingsType0 | None | Unset, data)

        settings = _parse_settings(d.pop("settings", UNSET))

        def _parse_subject(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subject = _parse_subject(d.pop("subject", UNSET))

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

        def _parse_template_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        template_id = _parse_template_id(d.pop("template_id", UNSET))

        def _parse_text_content(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        text_content = _parse_text_content(d.pop("text_content", UNSET))

        campaign_in = cls(
            body=body,
            channel=channel,
            exclude_list_ids=exclude_list_ids,
            exclude_tags=exclude_tags,
            from_email=from_email,
            from_name=from_name,
            html_content=html_content,
            name=name,
            preview_text=preview_text,
            recipient_list_id=recipient_list_id,
            reply_to=reply_to,
            segment_id=segment_id,
            send_rate=send_rate,
            send_to_all=send_to_all,
            settings=settings,
            subject=subject,
            tags=tags,
            template_id=template_id,
            text_content=text_content,
        )

        campaign_in.additional_properties = d
        return campaign_in

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
