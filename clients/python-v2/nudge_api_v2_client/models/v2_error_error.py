from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.v2_error_error_type import V2ErrorErrorType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.v2_error_error_details_item import V2ErrorErrorDetailsItem


T = TypeVar("T", bound="V2ErrorError")


@_attrs_define
class V2ErrorError:
    """
    Attributes:
        code (str):
        details (list[V2ErrorErrorDetailsItem]):
        documentation_url (str):
        message (str):
        request_id (str):
        type_ (V2ErrorErrorType):
        retry_after (int | Unset): Seconds to wait (429 only).
    """

    code: str
    details: list[V2ErrorErrorDetailsItem]
    documentation_url: str
    message: str
    request_id: str
    type_: V2ErrorErrorType
    retry_after: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        details = []
        for details_item_data in self.details:
            details_item = details_item_data.to_dict()
            details.append(details_item)

        documentation_url = self.documentation_url

        message = self.message

        request_id = self.request_id

        type_ = self.type_.value

        retry_after = self.retry_after

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "details": details,
                "documentation_url": documentation_url,
                "message": message,
                "request_id": request_id,
                "type": type_,
            }
        )
        if retry_after is not UNSET:
            field_dict["retry_after"] = retry_after

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.v2_error_error_details_item import V2ErrorErrorDetailsItem  # noqa: PLC0415

        d = dict(src_dict)
        code = d.pop("code")

        details = []
        _details = d.pop("details")
        for details_item_data in _details:
            details_item = V2ErrorErrorDetailsItem.from_dict(details_item_data)

            details.append(details_item)

        documentation_url = d.pop("documentation_url")

        message = d.pop("message")

        request_id = d.pop("request_id")

        type_ = V2ErrorErrorType(d.pop("type"))

        retry_after = d.pop("retry_after", UNSET)

        v2_error_error = cls(
            code=code,
            details=details,
            documentation_url=documentation_url,
            message=message,
            request_id=request_id,
            type_=type_,
            retry_after=retry_after,
        )

        v2_error_error.additional_properties = d
        return v2_error_error

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
