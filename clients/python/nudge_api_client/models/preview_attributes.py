from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PreviewAttributes")


@_attrs_define
class PreviewAttributes:
    """
    Attributes:
        body (None | str | Unset): SMS text.
        channel (None | str | Unset):
        characters (int | None | Unset): SMS length as the phone counts it (GSM-7 septets or UTF-16 units), as sent.
        encoding (None | str | Unset): GSM-7 or UCS-2.
        html (None | str | Unset): Email HTML with CSS inlined.
        segments (int | None | Unset): SMS segments the message costs as sent (with the opt-out line Nudge adds).
        subject (None | str | Unset):
        text (None | str | Unset): Email text part (written, or made from the HTML).
    """

    body: None | str | Unset = UNSET
    channel: None | str | Unset = UNSET
    characters: int | None | Unset = UNSET
    encoding: None | str | Unset = UNSET
    html: None | str | Unset = UNSET
    segments: int | None | Unset = UNSET
    subject: None | str | Unset = UNSET
    text: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
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

        characters: int | None | Unset
        if isinstance(self.characters, Unset):
            characters = UNSET
        else:
            characters = self.characters

        encoding: None | str | Unset
        if isinstance(self.encoding, Unset):
            encoding = UNSET
        else:
            encoding = self.encoding

        html: None | str | Unset
        if isinstance(self.html, Unset):
            html = UNSET
        else:
            html = self.html

        segments: int | None | Unset
        if isinstance(self.segments, Unset):
            segments = UNSET
        else:
            segments = self.segments

        subject: None | str | Unset
        if isinstance(self.subject, Unset):
            subject = UNSET
        else:
            subject = self.subject

        text: None | str | Unset
        if isinstance(self.text, Unset):
            text = UNSET
        else:
            text = self.text

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if body is not UNSET:
            field_dict["body"] = body
        if channel is not UNSET:
            field_dict["channel"] = channel
        if characters is not UNSET:
            field_dict["characters"] = characters
        if encoding is not UNSET:
            field_dict["encoding"] = encoding
        if html is not UNSET:
            field_dict["html"] = html
        if segments is not UNSET:
            field_dict["segments"] = segments
        if subject is not UNSET:
            field_dict["subject"] = subject
        if text is not UNSET:
            field_dict["text"] = text

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
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

        def _parse_characters(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        characters = _parse_characters(d.pop("characters", UNSET))

        def _parse_encoding(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        encoding = _parse_encoding(d.pop("encoding", UNSET))

        def _parse_html(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        html = _parse_html(d.pop("html", UNSET))

        def _parse_segments(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        segments = _parse_segments(d.pop("segments", UNSET))

        def _parse_subject(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subject = _parse_subject(d.pop("subject", UNSET))

        def _parse_text(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        text = _parse_text(d.pop("text", UNSET))

        preview_attributes = cls(
            body=body,
            channel=channel,
            characters=characters,
            encoding=encoding,
            html=html,
            segments=segments,
            subject=subject,
            text=text,
        )

        preview_attributes.additional_properties = d
        return preview_attributes

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
