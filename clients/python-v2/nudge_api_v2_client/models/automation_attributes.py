from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.automation_entry_rule import AutomationEntryRule
from ..models.automation_status import AutomationStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.automation_attributes_trigger_type_0 import AutomationAttributesTriggerType0
    from ..models.automation_attributes_workflow_type_0 import AutomationAttributesWorkflowType0
    from ..models.automation_stats import AutomationStats


T = TypeVar("T", bound="AutomationAttributes")


@_attrs_define
class AutomationAttributes:
    """
    Attributes:
        created_at (datetime.datetime | None | Unset):
        description (None | str | Unset):
        entry_rule (AutomationEntryRule | None | Unset): once (a contact enters once ever, the default), one_at_a_time
            (again once they have finished) or every_time (on every trigger).
        name (None | str | Unset):
        organization_id (None | str | Unset):
        paused_at (datetime.datetime | None | Unset):
        started_at (datetime.datetime | None | Unset):
        starter_key (None | str | Unset): The starter it was made from, if any.
        stats (AutomationStats | None | Unset):
        status (AutomationStatus | None | Unset):
        trigger (AutomationAttributesTriggerType0 | None | Unset): {type, event_name?, conditions}: type is one of
            contact_subscribed, contact_created, tag_added, custom_event, review_clicked, review_rated, date, manual.
            contact_subscribed takes conditions.list_id; tag_added conditions.tag; custom_event event_name and
            conditions.properties; review_rated conditions.rating ({"lte": 2}); date conditions.field and conditions.time
            ("09:00").
        updated_at (datetime.datetime | None | Unset):
        workflow (AutomationAttributesWorkflowType0 | None | Unset): {steps: [...]}: each step has a type (send_email,
            send_sms, wait, wait_for_event, condition, add_tag, remove_tag, add_to_list, remove_from_list, notify_team,
            exit), an optional id (kept across edits) and its fields: send_email/send_sms template_id or campaign_id
            (subject); wait delay ("immediate", "1 hour", "2 days") or until {weekday, time}; wait_for_event event, timeout,
            on_event, on_timeout; condition if ({event}, {tag}, {list_id} or {field, operator, value}), then and else
            (continue, exit or a step id); add_tag/remove_tag tag; add_to_list/remove_from_list list_id; notify_team
            subject, message; exit.
    """

    created_at: datetime.datetime | None | Unset = UNSET
    description: None | str | Unset = UNSET
    entry_rule: AutomationEntryRule | None | Unset = UNSET
    name: None | str | Unset = UNSET
    organization_id: None | str | Unset = UNSET
    paused_at: datetime.datetime | None | Unset = UNSET
    started_at: datetime.datetime | None | Unset = UNSET
    starter_key: None | str | Unset = UNSET
    stats: AutomationStats | None | Unset = UNSET
    status: AutomationStatus | None | Unset = UNSET
    trigger: AutomationAttributesTriggerType0 | None | Unset = UNSET
    updated_at: datetime.datetime | None | Unset = UNSET
    workflow: AutomationAttributesWorkflowType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.automation_attributes_trigger_type_0 import AutomationAttributesTriggerType0  # noqa: PLC0415
        from ..models.automation_attributes_workflow_type_0 import AutomationAttributesWorkflowType0  # noqa: PLC0415
        from ..models.automation_stats import AutomationStats  # noqa: PLC0415

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

        entry_rule: None | str | Unset
        if isinstance(self.entry_rule, Unset):
            entry_rule = UNSET
        elif isinstance(self.entry_rule, AutomationEntryRule):
            entry_rule = self.entry_rule.value
        else:
            entry_rule = self.entry_rule

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

        paused_at: None | str | Unset
        if isinstance(self.paused_at, Unset):
            paused_at = UNSET
        elif isinstance(self.paused_at, datetime.datetime):
            paused_at = self.paused_at.isoformat()
        else:
            paused_at = self.paused_at

        started_at: None | str | Unset
        if isinstance(self.started_at, Unset):
            started_at = UNSET
        elif isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        starter_key: None | str | Unset
        if isinstance(self.starter_key, Unset):
            starter_key = UNSET
        else:
            starter_key = self.starter_key

        stats: dict[str, Any] | None | Unset
        if isinstance(self.stats, Unset):
            stats = UNSET
        elif isinstance(self.stats, AutomationStats):
            stats = self.stats.to_dict()
        else:
            stats = self.stats

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, AutomationStatus):
            status = self.status.value
        else:
            status = self.status

        trigger: dict[str, Any] | None | Unset
        if isinstance(self.trigger, Unset):
            trigger = UNSET
        elif isinstance(self.trigger, AutomationAttributesTriggerType0):
            trigger = self.trigger.to_dict()
        else:
            trigger = self.trigger

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        elif isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        workflow: dict[str, Any] | None | Unset
        if isinstance(self.workflow, Unset):
            workflow = UNSET
        elif isinstance(self.workflow, AutomationAttributesWorkflowType0):
            workflow = self.workflow.to_dict()
        else:
            workflow = self.workflow

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if description is not UNSET:
            field_dict["description"] = description
        if entry_rule is not UNSET:
            field_dict["entry_rule"] = entry_rule
        if name is not UNSET:
            field_dict["name"] = name
        if organization_id is not UNSET:
            field_dict["organization_id"] = organization_id
        if paused_at is not UNSET:
            field_dict["paused_at"] = paused_at
        if started_at is not UNSET:
            field_dict["started_at"] = started_at
        if starter_key is not UNSET:
            field_dict["starter_key"] = starter_key
        if stats is not UNSET:
            field_dict["stats"] = stats
        if status is not UNSET:
            field_dict["status"] = status
        if trigger is not UNSET:
            field_dict["trigger"] = trigger
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if workflow is not UNSET:
            field_dict["workflow"] = workflow

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.automation_attributes_trigger_type_0 import AutomationAttributesTriggerType0  # noqa: PLC0415
        from ..models.automation_attributes_workflow_type_0 import AutomationAttributesWorkflowType0  # noqa: PLC0415
        from ..models.automation_stats import AutomationStats  # noqa: PLC0415

        d = dict(src_dict)

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

        def _parse_entry_rule(data: object) -> AutomationEntryRule | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                entry_rule_type_0 = AutomationEntryRule(data)

                return entry_rule_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AutomationEntryRule | None | Unset, data)

        entry_rule = _parse_entry_rule(d.pop("entry_rule", UNSET))

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

        def _parse_paused_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                paused_at_type_0 = datetime.datetime.fromisoformat(data)

                return paused_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        paused_at = _parse_paused_at(d.pop("paused_at", UNSET))

        def _parse_started_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        started_at = _parse_started_at(d.pop("started_at", UNSET))

        def _parse_starter_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        starter_key = _parse_starter_key(d.pop("starter_key", UNSET))

        def _parse_stats(data: object) -> AutomationStats | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                stats_type_0 = AutomationStats.from_dict(data)

                return stats_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AutomationStats | None | Unset, data)

        stats = _parse_stats(d.pop("stats", UNSET))

        def _parse_status(data: object) -> AutomationStatus | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = AutomationStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AutomationStatus | None | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_trigger(data: object) -> AutomationAttributesTriggerType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                trigger_type_0 = AutomationAttributesTriggerType0.from_dict(data)

                return trigger_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AutomationAttributesTriggerType0 | None | Unset, data)

        trigger = _parse_trigger(d.pop("trigger", UNSET))

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

        def _parse_workflow(data: object) -> AutomationAttributesWorkflowType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                workflow_type_0 = AutomationAttributesWorkflowType0.from_dict(data)

                return workflow_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AutomationAttributesWorkflowType0 | None | Unset, data)

        workflow = _parse_workflow(d.pop("workflow", UNSET))

        automation_attributes = cls(
            created_at=created_at,
            description=description,
            entry_rule=entry_rule,
            name=name,
            organization_id=organization_id,
            paused_at=paused_at,
            started_at=started_at,
            starter_key=starter_key,
            stats=stats,
            status=status,
            trigger=trigger,
            updated_at=updated_at,
            workflow=workflow,
        )

        automation_attributes.additional_properties = d
        return automation_attributes

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
