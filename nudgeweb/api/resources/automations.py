"""Automations (seed 001 "Automation Endpoints"; seed 003 calls them workflows, and both paths serve the same
resource): list, get, create, update (PUT replaces, PATCH merges), delete, start, pause, enrol a contact and
the activity, on the automations area's operations (the same checks as the builder's)."""
from typing import Any

from pydantic import BaseModel, Field

from nudgeweb.api import TAG_DESCRIPTIONS, Attributes, Body, ListSpec, ResourceType, api_route, documents, iso
from nudgeweb.api.credentials import current_credential
from nudgeweb.api.errors import ApiError, bad_parameter
from nudgeweb.api.schemas import vocabulary
from nudgeweb.automations import engine, operations, workflow
from nudgeweb.models import AUTOMATION_STATUSES, ENROLLMENT_STATUSES, ENTRY_RULES, Automation, AutomationStepRun
from nudgeweb.scoping import get_or_404

TAGS = ["Automations"]
PATHS = ("/automations", "/workflows")
AUTOMATION_STATUS = vocabulary("AutomationStatus", AUTOMATION_STATUSES)
ENTRY_RULE = vocabulary("AutomationEntryRule", ENTRY_RULES)
ENTRY_RULE_HELP = ("once (a contact enters once ever, the default), one_at_a_time (again once they have finished) "
                   "or every_time (on every trigger).")
TRIGGER_HELP = ("{type, event_name?, conditions}: type is one of " + ", ".join(workflow.TRIGGER_TYPES) + ". "
                "contact_subscribed takes conditions.list_id; tag_added conditions.tag; custom_event event_name and "
                "conditions.properties; review_rated conditions.rating ({\"lte\": 2}); date conditions.field and "
                "conditions.time (\"09:00\").")
WORKFLOW_HELP = ("{steps: [...]}: each step has a type (" + ", ".join(workflow.STEP_TYPES) + "), an optional id "
                 "(kept across edits) and its fields: send_email/send_sms template_id or campaign_id (subject); "
                 "wait delay (\"immediate\", \"1 hour\", \"2 days\") or until {weekday, time}; wait_for_event event, "
                 "timeout, on_event, on_timeout; condition if ({event}, {tag}, {list_id} or {field, operator, "
                 "value}), then and else (continue, exit or a step id); add_tag/remove_tag tag; add_to_list/"
                 "remove_from_list list_id; notify_team subject, message; exit.")
SEED_WELCOME = {
    "name": "Welcome Series", "description": "3-email welcome sequence for new subscribers",
    "trigger": {"type": "contact_subscribed", "conditions": {"list_id": "0190d1a2-0000-7000-8000-000000000001"}},
    "workflow": {"steps": [
        {"id": "step_1", "type": "send_email", "delay": "immediate", "campaign_id": "0190d1a2-0000-7000-8000-00000000000a"},
        {"id": "step_2", "type": "wait", "delay": "2 days"},
        {"id": "step_3", "type": "send_email", "campaign_id": "0190d1a2-0000-7000-8000-00000000000b"}]},
}


class AutomationStats(BaseModel):
    total_enrolled: int = 0
    currently_active: int = 0
    completed: int = 0
    stopped: int = 0


class AutomationAttributes(Attributes):
    organization_id: str | None = None
    name: str | None = Field(None, examples=["Welcome Series"])
    description: str | None = Field(None, examples=["3-email welcome sequence for new subscribers"])
    status: AUTOMATION_STATUS | None = Field(None, examples=["active"])
    trigger: dict[str, Any] | None = Field(None, description=TRIGGER_HELP, examples=[SEED_WELCOME["trigger"]])
    workflow: dict[str, Any] | None = Field(None, description=WORKFLOW_HELP, examples=[SEED_WELCOME["workflow"]])
    entry_rule: ENTRY_RULE | None = Field(None, description=ENTRY_RULE_HELP)
    stats: AutomationStats | None = None
    starter_key: str | None = Field(None, description="The starter it was made from, if any.")
    started_at: str | None = None
    paused_at: str | None = None
    created_at: str | None = Field(None, examples=["2024-01-01T00:00:00Z"])
    updated_at: str | None = None


class AutomationIn(Body):
    """An automation in seed 001's words. POST and PUT need name, trigger and workflow (PUT replaces them and the
    description); PATCH changes the attributes given."""

    name: str | None = Field(None, examples=["Abandoned Cart Recovery"])
    description: str | None = Field(None, examples=["Recover abandoned shopping carts"])
    trigger: dict[str, Any] | None = Field(None, description=TRIGGER_HELP)
    workflow: dict[str, Any] | None = Field(None, description=WORKFLOW_HELP)
    entry_rule: ENTRY_RULE | None = Field(None, description=ENTRY_RULE_HELP)

    model_config = {"json_schema_extra": {"examples": [{
        "name": "Abandoned Cart Recovery", "description": "Recover abandoned shopping carts",
        "trigger": {"type": "custom_event", "event_name": "cart_abandoned"},
        "workflow": {"steps": [
            {"type": "wait", "delay": "1 hour"},
            {"type": "send_email", "template_id": "0190d1a2-0000-7000-8000-00000000000c",
             "subject": "You left something behind!"},
            {"type": "condition", "if": {"event": "purchase_completed"}, "then": "exit", "else": "continue"},
            {"type": "wait", "delay": "24 hours"},
            {"type": "send_email", "template_id": "0190d1a2-0000-7000-8000-00000000000d",
             "subject": "10% off your cart items!"}]},
    }]}}

    def data(self):
        return self.model_dump(mode="json", exclude_unset=True)

    @classmethod
    def domain_errors(cls, data):
        return operations.field_errors(workflow.normalize(data, partial=True)[1])


class AutomationEnrollIn(Body):
    contact_id: str = Field(max_length=64, examples=["0190d1a2-0000-7000-8000-000000000000"])
    metadata: dict[str, Any] | None = Field(None, examples=[{"source": "api", "custom_field": "value"}],
                                            description="Kept with the enrolment; conditions and emails may read it.")


class AutomationEnrollmentAttributes(Attributes):
    automation_id: str | None = None
    contact_id: str | None = None
    status: vocabulary("AutomationEnrollmentStatus", ENROLLMENT_STATUSES) | None = None
    step_id: str | None = Field(None, description="The step it is on (null once finished).")
    next_run_at: str | None = Field(None, description="When that step runs (null while held by a pause, "
                                                      "waiting for an event, or finished).")
    source: str | None = Field(None, examples=["api"], description="trigger, manual or api")
    metadata: dict[str, Any] | None = None
    enrolled_at: str | None = None
    finished_at: str | None = None
    exit_reason: str | None = None


class AutomationActivityAttributes(Attributes):
    contact_id: str | None = None
    contact_email: str | None = None
    contact_name: str | None = None
    step_id: str | None = Field(None, examples=["step_1"])
    step_type: str | None = Field(None, examples=["send_email"], description="A step type, or enrolled, completed "
                                                                               "or exited.")
    outcome: str | None = Field(None, examples=["done"], description="done, skipped, waiting, branched, enrolled, "
                                                                     "completed, exited or stopped")
    detail: str | None = None
    message_id: str | None = None
    occurred_at: str | None = Field(None, examples=["2024-01-15T10:30:00Z"])


def _attributes(automation):
    return {
        "organization_id": str(automation.organization_id), "name": automation.name,
        "description": automation.description or "", "status": automation.status, "trigger": automation.trigger,
        "workflow": {"steps": automation.steps or []}, "entry_rule": automation.entry_rule,
        "stats": engine.stats(automation), "starter_key": automation.starter_key,
        "started_at": iso(automation.started_at), "paused_at": iso(automation.paused_at),
        "created_at": iso(automation.created_at), "updated_at": iso(automation.updated_at),
    }


def _enrollment_attributes(enrollment):
    return {
        "automation_id": str(enrollment.automation_id), "contact_id": str(enrollment.contact_id),
        "status": enrollment.status, "step_id": enrollment.step_id, "next_run_at": iso(enrollment.next_run_at),
        "source": enrollment.source, "metadata": enrollment.data or {}, "enrolled_at": iso(enrollment.enrolled_at),
        "finished_at": iso(enrollment.finished_at), "exit_reason": enrollment.exit_reason,
    }


def _activity_attributes(run):
    contact = getattr(run, "contact", None)
    name = " ".join(part for part in (contact.first_name, contact.last_name) if part) if contact else None
    return {
        "contact_id": str(run.contact_id), "contact_email": contact.email if contact else None,
        "contact_name": name or None, "step_id": run.step_id, "step_type": run.step_type, "outcome": run.outcome,
        "detail": run.detail, "message_id": str(run.message_id) if run.message_id else None,
        "occurred_at": iso(run.occurred_at),
    }


def _contact(row):
    return {"contact": {"data": {"type": "contacts", "id": str(row.contact_id)}}}


AUTOMATIONS = ResourceType("automations", _attributes, AutomationAttributes, path="/automations")
ENROLLMENTS = ResourceType("automation_enrollments", _enrollment_attributes, AutomationEnrollmentAttributes, path=None,
                           relationships=_contact)
ACTIVITY = ResourceType("automation_activities", _activity_attributes, AutomationActivityAttributes, path=None,
                        relationships=_contact)
AUTOMATION_LIST = ListSpec(
    filters={"status": ", ".join(AUTOMATION_STATUSES), "trigger_type": ", ".join(workflow.TRIGGER_TYPES)},
    sorts={"created_at": Automation.created_at, "name": Automation.name}, default_sort="-created_at",
    id_column=Automation.id)
ACTIVITY_LIST = ListSpec(sorts={"occurred_at": AutomationStepRun.occurred_at}, default_sort="-occurred_at",
                         id_column=AutomationStepRun.id)


TAG_DESCRIPTIONS["Automations"] = (
    "Seed 003 calls automations workflows: every operation below also answers at `/workflows` in place of "
    "`/automations` (the same resource, the same answers). The alias is left out of this document, so that a "
    "generated client has each operation once.")


def routes(rule, method, **options):
    """Declare the route at /automations and, as seed 003 names the resource, at /workflows (an alias the
    OpenAPI document describes in the tag's words rather than as operations of its own)."""
    return api_route(PATHS[0] + rule, method, tags=TAGS, aliases=tuple(path + rule for path in PATHS[1:]), **options)


def _automation(automation_id):
    return get_or_404(Automation, automation_id)


def _one(automation, status=200, meta=None):
    headers = {"Location": f"{documents.api_root()}/automations/{automation.id}"} if status == 201 else None
    return documents.single(AUTOMATIONS, automation, status=status, meta=meta, headers=headers)


def _done(action):
    """Run ``action``; what the automation's status or entry rule forbids is a 409 saying why, the limit a 403."""
    try:
        return action()
    except operations.AutomationStateError as error:
        raise ApiError(409, str(error), "ERR_INVALID_STATE", "Not possible in this status") from None
    except operations.EnrollmentRefused as error:
        raise ApiError(409, str(error), "ERR_ALREADY_ENROLLED", "The contact may not enter") from None
    except operations.AutomationLimitError as error:
        raise ApiError(403, str(error), "ERR_QUOTA_EXCEEDED", "Quota exceeded") from None


@routes("", "GET", summary="List automations", scope="automations:read", list_spec=AUTOMATION_LIST,
        response=AUTOMATIONS, many=True)
def list_automations(params):
    statement = operations.automations_query(current_credential().organization_id)
    for name, values in (("status", AUTOMATION_STATUSES), ("trigger_type", workflow.TRIGGER_TYPES)):
        if name in params.filters:
            if params.filters[name] not in values:
                raise bad_parameter(f"filter[{name}]", f"Use one of {', '.join(values)}.")
            statement = statement.where(getattr(Automation, name) == params.filters[name])
    return documents.list_response(AUTOMATIONS, statement, AUTOMATION_LIST, params)


@routes("", "POST", summary="Create an automation", scope="automations:write", body=AutomationIn,
        response=AUTOMATIONS, status=201, errors=("403",),
        description="A draft: start it to run it. Every bad field of the trigger and the steps is a 422 at its "
                    "pointer (`/data/attributes/workflow/steps/2/delay`), with a template, campaign or list of no "
                    "one here, or of the wrong channel, among them; nothing is saved. At most "
                    f"{operations.MAX_AUTOMATIONS} automations (a 403 ERR_QUOTA_EXCEEDED).")
def create_automation(body):
    credential = current_credential()
    automation = _done(lambda: operations.create_automation(credential.membership.organization, body.data(),
                                                            user=credential.membership.user))
    return _one(automation, 201)


@routes("/<automation_id>", "GET", summary="Get an automation", scope="automations:read", response=AUTOMATIONS)
def get_automation(automation_id):
    return _one(_automation(automation_id))


def _update(automation_id, body, partial):
    automation, moved = operations.update_automation(_automation(automation_id), body.data(), partial=partial)
    return _one(automation, meta={"moved_enrollments": moved} if moved else None)


@routes("/<automation_id>", "PUT", summary="Replace an automation", scope="automations:write", body=AutomationIn,
        response=AUTOMATIONS,
        description="Name, trigger and workflow are required; the description goes when not given. On a running "
                    "automation, contacts on a step that is removed move to the step after it "
                    "(meta.moved_enrollments says how many).")
def put_automation(automation_id, body):
    return _update(automation_id, body, partial=False)


@routes("/<automation_id>", "PATCH", summary="Update some of an automation", scope="automations:write",
        body=AutomationIn, response=AUTOMATIONS, description="The attributes given change; as PUT otherwise.")
def patch_automation(automation_id, body):
    return _update(automation_id, body, partial=True)


@routes("/<automation_id>", "DELETE", summary="Delete an automation", scope="automations:write", status=204,
        description="With its enrolments and their history: contacts in it stop where they are.")
def delete_automation(automation_id):
    operations.delete_automation(_automation(automation_id))
    return None


@routes("/<automation_id>/start", "POST", summary="Start an automation", scope="automations:write",
        response=AUTOMATIONS, description="A draft or a paused automation runs (a paused one continues where each "
                                          "contact was). A step whose template, campaign or list is gone is a 422 at "
                                          "that step.")
def start_automation(automation_id):
    return _one(operations.start_automation(_automation(automation_id)))


@routes("/<automation_id>/pause", "POST", summary="Pause an automation", scope="automations:write",
        response=AUTOMATIONS, errors=("409",),
        description="Every contact in it holds where they are until it is started again; a draft is a 409.")
def pause_automation(automation_id):
    return _one(_done(lambda: operations.pause_automation(_automation(automation_id))))


@routes("/<automation_id>/enroll", "POST", summary="Enroll a contact", scope="automations:write", body=AutomationEnrollIn,
        response=ENROLLMENTS, status=201, errors=("409",),
        description="The contact enters the automation now (a paused one holds them at its first step). A contact "
                    "the entry rule keeps out, or a draft automation, is a 409 saying why.")
def enroll_contact(automation_id, body):
    automation = _automation(automation_id)
    enrollment = _done(lambda: operations.enroll_contact(automation, body.contact_id, body.metadata))
    return documents.single(ENROLLMENTS, enrollment, status=201)


@routes("/<automation_id>/activity", "GET", summary="An automation's activity", scope="automations:read",
        list_spec=ACTIVITY_LIST, response=ACTIVITY, many=True,
        description="Every entry, step and exit of every contact, newest first, with the contact.")
def automation_activity(automation_id, params):
    statement = operations.activity_query(_automation(automation_id))
    return documents.list_response(ACTIVITY, statement, ACTIVITY_LIST, params, prepare=operations.with_contacts)
