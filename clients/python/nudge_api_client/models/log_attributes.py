from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.log_attributes_request_type_0 import LogAttributesRequestType0
    from ..models.log_attributes_response_type_0 import LogAttributesResponseType0


T = TypeVar("T", bound="LogAttributes")


@_attrs_define
class LogAttributes:
    """
    Attributes:
        duration_ms (int | None | Unset):
        error (None | str | Unset): Why there was no answer (a timeout, a refused address …).
        event_id (None | str | Unset):
        event_type (None | str | Unset):
        request (LogAttributesRequestType0 | None | Unset): {headers, body}: what was sent.
        response (LogAttributesResponseType0 | None | Unset): {headers, body}: what came back (the body's first 2,000
            characters).
        status (None | str | Unset): success or failed
        status_code (int | None | Unset):
        test (bool | None | Unset):
        timestamp (None | str | Unset):
        webhook_id (None | str | Unset):
    """

    duration_ms: int | None | Unset = UNSET
    error: None | str | Unset = UNSET
    event_id: None | str | Unset = UNSET
    event_type: None | str | Unset = UNSET
    request: LogAttributesRequestType0 | None | Unset = UNSET
    response: LogAttributesResponseType0 | None | Unset = UNSET
    status: None | str | Unset = UNSET
    status_code: int | None | Unset = UNSET
    test: bool | None | Unset = UNSET
    timestamp: None | str | Unset = UNSET
    webhook_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.log_attributes_request_type_0 import LogAttributesRequestType0  # noqa: PLC0415
        from ..models.log_attributes_response_type_0 import LogAttributesResponseType0  # noqa: PLC0415

        duration_ms: int | None | Unset
        if isinstance(self.duration_ms, Unset):
            duration_ms = UNSET
        else:
            duration_ms = self.duration_ms

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        event_id: None | str | Unset
        if isinstance(self.event_id, Unset):
            event_id = UNSET
        else:
            event_id = self.event_id

        event_type: None | str | Unset
        if isinstance(self.event_type, Unset):
            event_type = UNSET
        else:
            event_type = self.event_type

        request: dict[str, Any] | None | Unset
        if isinstance(self.request, Unset):
            request = UNSET
        elif isinstance(self.request, LogAttributesRequestType0):
            request = self.request.to_dict()
        else:
            request = self.request

        response: dict[str, Any] | None | Unset
        if isinstance(self.response, Unset):
            response = UNSET
        elif isinstance(self.response, LogAttributesResponseType0):
            response = self.response.to_dict()
        else:
            response = self.response

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        else:
            status = self.status

        status_code: int | None | Unset
        if isinstance(self.status_code, Unset):
            status_code = UNSET
        else:
            status_code = self.status_code

        test: bool | None | Unset
        if isinstance(self.test, Unset):
            test = UNSET
        else:
            test = self.test

        timestamp: None | str | Unset
        if isinstance(self.timestamp, Unset):
            timestamp = UNSET
        else:
            timestamp = self.timestamp

        webhook_id: None | str | Unset
        if isinstance(self.webhook_id, Unset):
            webhook_id = UNSET
        else:
            webhook_id = self.webhook_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if duration_ms is not UNSET:
            field_dict["duration_ms"] = duration_ms
        if error is not UNSET:
            field_dict["error"] = error
        if event_id is not UNSET:
            field_dict["event_id"] = event_id
        if event_type is not UNSET:
            field_dict["event_type"] = event_type
        if request is not UNSET:
            field_dict["request"] = request
        if response is not UNSET:
            field_dict["response"] = response
        if status is not UNSET:
            field_dict["status"] = status
        if status_code is not UNSET:
            field_dict["status_code"] = status_code
        if test is not UNSET:
            field_dict["test"] = test
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp
        if webhook_id is not UNSET:
            field_dict["webhook_id"] = webhook_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.log_attributes_request_type_0 import LogAttributesRequestType0  # noqa: PLC0415
        from ..models.log_attributes_response_type_0 import LogAttributesResponseType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_duration_ms(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        duration_ms = _parse_duration_ms(d.pop("duration_ms", UNSET))

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        def _parse_event_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        event_id = _parse_event_id(d.pop("event_id", UNSET))

        def _parse_event_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        event_type = _parse_event_type(d.pop("event_type", UNSET))

        def _parse_request(data: object) -> LogAttributesRequestType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                request_type_0 = LogAttributesRequestType0.from_dict(data)

                return request_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LogAttributesRequestType0 | None | Unset, data)

        request = _parse_request(d.pop("request", UNSET))

        def _parse_response(data: object) -> LogAttributesResponseType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_type_0 = LogAttributesResponseType0.from_dict(data)

                return response_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LogAttributesResponseType0 | None | Unset, data)

        response = _parse_response(d.pop("response", UNSET))

        def _parse_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_status_code(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        status_code = _parse_status_code(d.pop("status_code", UNSET))

        def _parse_test(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        test = _parse_test(d.pop("test", UNSET))

        def _parse_timestamp(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        timestamp = _parse_timestamp(d.pop("timestamp", UNSET))

        def _parse_webhook_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        webhook_id = _parse_webhook_id(d.pop("webhook_id", UNSET))

        log_attributes = cls(
            duration_ms=duration_ms,
            error=error,
            event_id=event_id,
            event_type=event_type,
            request=request,
            response=response,
            status=status,
            status_code=status_code,
            test=test,
            timestamp=timestamp,
            webhook_id=webhook_id,
        )

        log_attributes.additional_properties = d
        return log_attributes

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
