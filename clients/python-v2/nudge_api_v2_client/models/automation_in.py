from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.automation_entry_rule import AutomationEntryRule
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.automation_in_trigger_type_0 import AutomationInTriggerType0
    from ..models.automation_in_workflow_type_0 import AutomationInWorkflowType0


T = TypeVar("T", bound="AutomationIn")


@_attrs_define
class AutomationIn:
    """An automation in seed 001's words. POST and PUT need name, trigger and workflow (PUT replaces them and the
    description); PATCH changes the attributes given.

        Attributes:
            description (None | str | Unset):
            entry_rule (AutomationEntryRule | None | Unset): once (a contact enters once ever, the default), one_at_a_time
                (again once they have finished) or every_time (on every trigger).
            name (None | str | Unset):
            trigger (AutomationInTriggerType0 | None | Unset): {type, event_name?, conditions}: type is one of
                contact_subscribed, contact_created, tag_added, custom_event, review_clicked, review_rated, date, manual.
                contact_subscribed takes conditions.list_id; tag_added conditions.tag; custom_event event_name and
                conditions.properties; review_rated conditions.rating ({"lte": 2}); date conditions.field and conditions.time
                ("09:00").
            workflow (AutomationInWorkflowType0 | None | Unset): {steps: [...]}: each step has a type (send_email, send_sms,
                wait, wait_for_event, condition, add_tag, remove_tag, add_to_list, remove_from_list, notify_team, exit), an
                optional id (kept across edits) and its fields: send_email/send_sms template_id or campaign_id (subject); wait
                delay ("immediate", "1 hour", "2 days") or until {weekday, time}; wait_for_event event, timeout, on_event,
                on_timeout; condition if ({event}, {tag}, {list_id} or {field, operator, value}), then and else (continue, exit
                or a step id); add_tag/remove_tag tag; add_to_list/remove_from_list list_id; notify_team subject, message; exit.
    """

    description: None | str | Unset = UNSET
    entry_rule: AutomationEntryRule | None | Unset = UNSET
    name: None | str | Unset = UNSET
    trigger: AutomationInTriggerType0 | None | Unset = UNSET
    workflow: AutomationInWorkflowType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.automation_in_trigger_type_0 import AutomationInTriggerType0  # noqa: PLC0415
        from ..models.automation_in_workflow_type_0 import AutomationInWorkflowType0  # noqa: PLC0415

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

        trigger: dict[str, Any] | None | Unset
        if isinstance(self.trigger, Unset):
            trigger = UNSET
        elif isinstance(self.trigger, AutomationInTriggerType0):
            trigger = self.trigger.to_dict()
        else:
            trigger = self.trigger

        workflow: dict[str, Any] | None | Unset
        if isinstance(self.workflow, Unset):
            workflow = UNSET
        elif isinstance(self.workflow, AutomationInWorkflowType0):
            workflow = self.workflow.to_dict()
        else:
            workflow = self.workflow

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if description is not UNSET:
            field_dict["description"] = description
        if entry_rule is not UNSET:
            field_dict["entry_rule"] = entry_rule
        if name is not UNSET:
            field_dict["name"] = name
        if trigger is not UNSET:
            field_dict["trigger"] = trigger
        if workflow is not UNSET:
            field_dict["workflow"] = workflow

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.automation_in_trigger_type_0 import AutomationInTriggerType0  # noqa: PLC0415
        from ..models.automation_in_workflow_type_0 import AutomationInWorkflowType0  # noqa: PLC0415

        d = dict(src_dict)

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

        def _parse_trigger(data: object) -> AutomationInTriggerType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                trigger_type_0 = AutomationInTriggerType0.from_dict(data)

                return trigger_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AutomationInTriggerType0 | None | Unset, data)

        trigger = _parse_trigger(d.pop("trigger", UNSET))

        def _parse_workflow(data: object) -> AutomationInWorkflowType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                workflow_type_0 = AutomationInWorkflowType0.from_dict(data)

                return workflow_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AutomationInWorkflowType0 | None | Unset, data)

        workflow = _parse_workflow(d.pop("workflow", UNSET))

        automation_in = cls(
            description=description,
            entry_rule=entry_rule,
            name=name,
            trigger=trigger,
            workflow=workflow,
        )

        automation_in.additional_properties = d
        return automation_in

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
