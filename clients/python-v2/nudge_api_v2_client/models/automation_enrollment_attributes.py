from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.automation_enrollment_status import AutomationEnrollmentStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.automation_enrollment_attributes_metadata_type_0 import AutomationEnrollmentAttributesMetadataType0


T = TypeVar("T", bound="AutomationEnrollmentAttributes")


@_attrs_define
class AutomationEnrollmentAttributes:
    """
    Attributes:
        automation_id (None | str | Unset):
        contact_id (None | str | Unset):
        enrolled_at (datetime.datetime | None | Unset):
        exit_reason (None | str | Unset):
        finished_at (datetime.datetime | None | Unset):
        metadata (AutomationEnrollmentAttributesMetadataType0 | None | Unset):
        next_run_at (datetime.datetime | None | Unset): When that step runs (null while held by a pause, waiting for an
            event, or finished).
        source (None | str | Unset): trigger, manual or api
        status (AutomationEnrollmentStatus | None | Unset):
        step_id (None | str | Unset): The step it is on (null once finished).
    """

    automation_id: None | str | Unset = UNSET
    contact_id: None | str | Unset = UNSET
    enrolled_at: datetime.datetime | None | Unset = UNSET
    exit_reason: None | str | Unset = UNSET
    finished_at: datetime.datetime | None | Unset = UNSET
    metadata: AutomationEnrollmentAttributesMetadataType0 | None | Unset = UNSET
    next_run_at: datetime.datetime | None | Unset = UNSET
    source: None | str | Unset = UNSET
    status: AutomationEnrollmentStatus | None | Unset = UNSET
    step_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.automation_enrollment_attributes_metadata_type_0 import (
            AutomationEnrollmentAttributesMetadataType0,  # noqa: PLC0415
        )

        automation_id: None | str | Unset
        if isinstance(self.automation_id, Unset):
            automation_id = UNSET
        else:
            automation_id = self.automation_id

        contact_id: None | str | Unset
        if isinstance(self.contact_id, Unset):
            contact_id = UNSET
        else:
            contact_id = self.contact_id

        enrolled_at: None | str | Unset
        if isinstance(self.enrolled_at, Unset):
            enrolled_at = UNSET
        elif isinstance(self.enrolled_at, datetime.datetime):
            enrolled_at = self.enrolled_at.isoformat()
        else:
            enrolled_at = self.enrolled_at

        exit_reason: None | str | Unset
        if isinstance(self.exit_reason, Unset):
            exit_reason = UNSET
        else:
            exit_reason = self.exit_reason

        finished_at: None | str | Unset
        if isinstance(self.finished_at, Unset):
            finished_at = UNSET
        elif isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, AutomationEnrollmentAttributesMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        next_run_at: None | str | Unset
        if isinstance(self.next_run_at, Unset):
            next_run_at = UNSET
        elif isinstance(self.next_run_at, datetime.datetime):
            next_run_at = self.next_run_at.isoformat()
        else:
            next_run_at = self.next_run_at

        source: None | str | Unset
        if isinstance(self.source, Unset):
            source = UNSET
        else:
            source = self.source

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, AutomationEnrollmentStatus):
            status = self.status.value
        else:
            status = self.status

        step_id: None | str | Unset
        if isinstance(self.step_id, Unset):
            step_id = UNSET
        else:
            step_id = self.step_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if automation_id is not UNSET:
            field_dict["automation_id"] = automation_id
        if contact_id is not UNSET:
            field_dict["contact_id"] = contact_id
        if enrolled_at is not UNSET:
            field_dict["enrolled_at"] = enrolled_at
        if exit_reason is not UNSET:
            field_dict["exit_reason"] = exit_reason
        if finished_at is not UNSET:
            field_dict["finished_at"] = finished_at
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if next_run_at is not UNSET:
            field_dict["next_run_at"] = next_run_at
        if source is not UNSET:
            field_dict["source"] = source
        if status is not UNSET:
            field_dict["status"] = status
        if step_id is not UNSET:
            field_dict["step_id"] = step_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.automation_enrollment_attributes_metadata_type_0 import (
            AutomationEnrollmentAttributesMetadataType0,  # noqa: PLC0415
        )

        d = dict(src_dict)

        def _parse_automation_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        automation_id = _parse_automation_id(d.pop("automation_id", UNSET))

        def _parse_contact_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        contact_id = _parse_contact_id(d.pop("contact_id", UNSET))

        def _parse_enrolled_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                enrolled_at_type_0 = datetime.datetime.fromisoformat(data)

                return enrolled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        enrolled_at = _parse_enrolled_at(d.pop("enrolled_at", UNSET))

        def _parse_exit_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        exit_reason = _parse_exit_reason(d.pop("exit_reason", UNSET))

        def _parse_finished_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        finished_at = _parse_finished_at(d.pop("finished_at", UNSET))

        def _parse_metadata(data: object) -> AutomationEnrollmentAttributesMetadataType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = AutomationEnrollmentAttributesMetadataType0.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AutomationEnrollmentAttributesMetadataType0 | None | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        def _parse_next_run_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_run_at_type_0 = datetime.datetime.fromisoformat(data)

                return next_run_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        next_run_at = _parse_next_run_at(d.pop("next_run_at", UNSET))

        def _parse_source(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source = _parse_source(d.pop("source", UNSET))

        def _parse_status(data: object) -> AutomationEnrollmentStatus | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = AutomationEnrollmentStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AutomationEnrollmentStatus | None | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_step_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        step_id = _parse_step_id(d.pop("step_id", UNSET))

        automation_enrollment_attributes = cls(
            automation_id=automation_id,
            contact_id=contact_id,
            enrolled_at=enrolled_at,
            exit_reason=exit_reason,
            finished_at=finished_at,
            metadata=metadata,
            next_run_at=next_run_at,
            source=source,
            status=status,
            step_id=step_id,
        )

        automation_enrollment_attributes.additional_properties = d
        return automation_enrollment_attributes

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
