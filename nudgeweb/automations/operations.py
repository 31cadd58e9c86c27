"""Automations: create, change, delete, start and pause them, enrol a contact by hand, read the activity.

The pages, the API and the starters call these. Every check of a body is made before anything is
written: ``workflow.normalize`` (the shapes) and ``check_references`` (the templates, campaigns and
lists a step names must be this organization's, of the step's channel) report together, as one
``AutomationError`` whose fields are dotted JSON paths into the body (``workflow.steps.2.delay``).
Running is the engine's (engine.py): these tell it what changed.
"""
import uuid

from sqlalchemy import and_, delete, func, or_, select

from nudgeweb import clock
from nudgeweb.automations import engine, workflow
from nudgeweb.field_errors import FieldErrors
from nudgeweb.models import Automation, AutomationEnrollment, AutomationStepRun, Campaign, Contact, ContactList, MessageTemplate, db

MAX_AUTOMATIONS = 100  # a business's automations; beyond it, one more is refused with this limit named
ACTIVITY_PAGE = 50
ENTRY_REFUSALS = {
    "once": "This contact has already been through this automation, and it lets each contact in once.",
    "one_at_a_time": "This contact is in this automation now; it lets them in again once they have finished.",
    "every_time": "This contact cannot enter this automation now.",
}


class AutomationError(FieldErrors):
    """An automation that cannot be saved or started: every bad field, as a dotted path into the body."""


class AutomationStateError(ValueError):
    """What was asked does not fit the automation's status (the API's 409)."""


class EnrollmentRefused(ValueError):
    """The contact may not enter, by the automation's entry rule (the API's 409, saying why)."""


class AutomationLimitError(ValueError):
    """The business has as many automations as it may have."""


def automations_query(organization_id, status=None):
    query = select(Automation).where(Automation.organization_id == organization_id)
    return query.where(Automation.status == status) if status else query


def enrollable_automations(organization_id):
    """The automations contacts may be enrolled into by hand (started, or paused), by name."""
    return db.session.scalars(automations_query(organization_id).where(Automation.status != "draft")
                              .order_by(Automation.name)).all()


def create_automation(organization, body, user=None, starter_key=None):
    """A draft automation from a body in the workflow format (seed 001's create body)."""
    count = db.session.scalar(select(func.count()).select_from(Automation)
                              .where(Automation.organization_id == organization.id))
    if count >= MAX_AUTOMATIONS:
        raise AutomationLimitError(f"A business may have at most {MAX_AUTOMATIONS} automations; delete one you no "
                                   "longer use to make another.")
    fields = checked_fields(organization.id, body)
    automation = Automation(organization_id=organization.id, status="draft", starter_key=starter_key,
                            created_by_id=getattr(user, "id", None), **{"description": "", "entry_rule": "once", **fields})
    db.session.add(automation)
    db.session.flush()
    return automation


def update_automation(automation, body, *, partial):
    """Change an automation: PUT (``partial=False``) replaces name, description, trigger and steps; PATCH
    changes the keys given. Returns ``(automation, moved)``: how many enrolments moved off removed steps."""
    fields = checked_fields(automation.organization_id, body, partial=partial, current=fields_of(automation))
    if not partial:
        fields.setdefault("description", "")
    old_steps = list(automation.steps or [])
    for name, value in fields.items():
        setattr(automation, name, value)
    db.session.flush()
    moved = 0
    if automation.status != "draft" and "steps" in fields and fields["steps"] != old_steps:
        moved = engine.steps_changed(automation, old_steps) or 0
    return automation, moved


def delete_automation(automation):
    """The automation goes, with its enrolments and their history."""
    for model in (AutomationStepRun, AutomationEnrollment):
        db.session.execute(delete(model).where(model.organization_id == automation.organization_id,
                                               model.automation_id == automation.id))
    db.session.delete(automation)
    db.session.flush()


def start_automation(automation):
    """Draft or paused to active (an active one stays as it is); refused while a step names a template,
    campaign or list that is gone, or there is no step."""
    if automation.status == "active":
        return automation
    errors = check_references(automation.organization_id, fields_of(automation))
    if not automation.steps:
        errors.append(("/workflow/steps", "Add at least one step before starting the automation."))
    if errors:
        raise AutomationError(field_errors(errors))
    automation.status, automation.started_at, automation.paused_at = "active", clock.now(), None
    db.session.flush()
    engine.started(automation)
    return automation


def pause_automation(automation):
    """Active to paused: every enrolment holds where it is (a paused one stays as it is)."""
    if automation.status == "draft":
        raise AutomationStateError("This automation has not been started, so there is nothing to pause.")
    if automation.status == "active":
        automation.status, automation.paused_at = "paused", clock.now()
        db.session.flush()
        engine.paused(automation)
    return automation


def _check_enrollable(automation):
    if automation.status == "draft":
        raise AutomationStateError("Start the automation before enrolling contacts: a draft runs no one.")


def enroll_contact(automation, contact_id, metadata=None, source="api"):
    """Enrol one contact of the business by hand (``source`` "manual") or through the API; the enrolment."""
    _check_enrollable(automation)
    errors = {}
    contact = _find(Contact, automation.organization_id, contact_id)
    if contact is None:
        errors["contact_id"] = "No contact with this id in your business."
    if metadata is not None and not isinstance(metadata, dict):
        errors["metadata"] = "Must be an object of names and values."
    if errors:
        raise AutomationError(errors)
    enrollment = engine.enroll(automation, contact, data=dict(metadata or {}), source=source)
    if enrollment is None:
        raise EnrollmentRefused(ENTRY_REFUSALS[automation.entry_rule])
    return enrollment


def enroll_contacts(organization_id, automation_id, contact_ids, source="manual"):
    """Enrol many contacts of the business at once (the contacts page's bulk action), by the automation's
    entry rule: ``(automation, entered, kept_out)``, how many went in and how many the rule kept out.
    ``contact_ids`` are the organization's own (contacts.operations.chosen_contacts)."""
    automation = _find(Automation, organization_id, automation_id) if automation_id else None
    if automation is None:
        raise AutomationError({"automation_id": "Choose the automation."})
    _check_enrollable(automation)
    contact_ids = list(dict.fromkeys(contact_ids))
    entered = engine.enroll_many(automation, [(contact_id, {}) for contact_id in contact_ids], source=source)
    return automation, len(entered), len(contact_ids) - len(entered)


def activity_query(automation):
    """The automation's step runs (entries, steps and exits of every contact), newest first."""
    return (select(AutomationStepRun)
            .where(AutomationStepRun.organization_id == automation.organization_id,
                   AutomationStepRun.automation_id == automation.id)
            .order_by(AutomationStepRun.occurred_at.desc(), AutomationStepRun.id.desc()))


def activity(automation, cursor=None, limit=ACTIVITY_PAGE):
    """One page of the activity, newest first, each step run with its contact (``run.contact``), and the
    cursor of the next page (None on the last): the id of the page's last run."""
    query = activity_query(automation)
    last = _find(AutomationStepRun, automation.organization_id, cursor) if cursor else None
    if last is not None:
        query = query.where(or_(AutomationStepRun.occurred_at < last.occurred_at,
                                and_(AutomationStepRun.occurred_at == last.occurred_at,
                                     AutomationStepRun.id < last.id)))
    runs = list(db.session.scalars(query.limit(limit + 1)))
    with_contacts(runs)
    return runs[:limit], (str(runs[limit - 1].id) if len(runs) > limit else None)


def with_contacts(runs):
    """Give each step run its contact (``run.contact``), in one query."""
    ids = {run.contact_id for run in runs}
    contacts = {contact.id: contact for contact in db.session.scalars(
        select(Contact).where(Contact.id.in_(ids)))} if ids else {}
    for run in runs:
        run.contact = contacts.get(run.contact_id)
    return runs


def fields_of(automation):
    """The automation's fields as normalize reads them (the ``current`` of a PATCH)."""
    return {"name": automation.name, "description": automation.description, "trigger": automation.trigger,
            "trigger_type": automation.trigger_type, "steps": automation.steps, "entry_rule": automation.entry_rule}


def checked_fields(organization_id, body, *, partial=False, current=None):
    """The fields of ``body`` normalized and checked against the database; every error at once."""
    fields, errors = workflow.normalize(body, partial=partial, current=current)
    errors = errors + check_references(organization_id, fields, positions=_positions(body))
    if errors:
        raise AutomationError(field_errors(errors))
    return fields


def check_references(organization_id, fields, positions=None):
    """The errors of the templates, campaigns and lists named by ``fields`` (normalized): each must be
    this organization's, a template or campaign of the sending step's channel. ``positions``: each
    normalized step's index in the body (steps normalize dropped leave gaps)."""
    errors = []
    trigger_list = (fields.get("trigger") or {}).get("conditions", {}).get("list_id")
    if trigger_list and _find(ContactList, organization_id, trigger_list) is None:
        errors.append(("/trigger/conditions/list_id", "No list with this id in your business."))
    steps = fields.get("steps") or []
    for index, step in zip(positions if positions is not None else range(len(steps)), steps):
        errors += _step_reference_errors(organization_id, step, f"/workflow/steps/{index}")
    return errors


def _step_reference_errors(organization_id, step, pointer):
    channel = {"send_email": "email", "send_sms": "sms"}.get(step["type"])
    found = []
    for key, model, word in (("template_id", MessageTemplate, "template"), ("campaign_id", Campaign, "campaign")):
        if channel and step.get(key):
            row = _find(model, organization_id, step[key])
            if row is None:
                found.append((f"{pointer}/{key}", f"No {word} with this id in your business."))
            elif row.channel != channel:
                found.append((f"{pointer}/{key}", f"This is an {row.channel} {word}; a {step['type']} step needs "
                                                  f"an {channel} one."))
    list_id = step.get("list_id") or (step.get("if") or {}).get("list_id")
    if list_id and _find(ContactList, organization_id, list_id) is None:
        where = "list_id" if step.get("list_id") else "if/list_id"
        found.append((f"{pointer}/{where}", "No list with this id in your business."))
    return found


def field_errors(errors):
    """(pointer, message) pairs as {dotted path: message} (/workflow/steps/2/delay -> workflow.steps.2.delay)."""
    found = {}
    for pointer, message in errors:
        found.setdefault(pointer.strip("/").replace("/", ".") or "workflow", message)
    return found


def _positions(body):
    """Where each step normalize keeps sits in the body: it drops those that are not an object of a known type."""
    flow = body.get("workflow") if isinstance(body, dict) else None
    raw = flow.get("steps") if isinstance(flow, dict) else None
    if not isinstance(raw, list):
        return None
    return [index for index, step in enumerate(raw)
            if isinstance(step, dict) and step.get("type") in workflow.STEP_TYPES]


def _find(model, organization_id, value):
    try:
        row_id = value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError:
        return None
    return db.session.scalar(select(model).where(model.organization_id == organization_id, model.id == row_id))
