"""Triggers: which of the organization's active automations a batch of happenings enters contacts into.

Each happening is read after its commit, in a Huey task per transaction's batch (automations.tasks):

- domain events (``domain_events_written`` names them; the task reads the rows): ``contact.created``
  (contact_created; and contact_subscribed when the contact was created subscribed; an import's
  contacts only when the import said ``trigger_automations``), ``contact.subscribed``,
  ``review_request.clicked`` and ``review_request.rated`` (which also meet wait_for_event steps);
- contact events of the Events API (analytics.signals.contact_events_recorded): custom_event, with
  property conditions, and wait_for_event steps waiting for that name;
- tags (contacts.signals.contact_tagged): tag_added;
- list joins (campaigns.signals.list_joined): contact_subscribed with or without a list;
- dates (``date_automations_due``, a periodic task): a birthday or a custom date field, every year,
  once the business's local time of day has come.

The automations that listen are looked up by (organization, status, trigger type), an index; a
receiver only asks for a task when one listens (``listening``), once per transaction.
"""
import uuid
from datetime import datetime, time, timezone

from sqlalchemy import bindparam, exists, or_, select

from nudgeweb import clock, organization_cache
from nudgeweb.automations import engine
from nudgeweb.automations.steps import property_matches
from nudgeweb.models import Contact, ContactEvent, DomainEvent, db
from nudgeweb.models.automations import Automation, AutomationEnrollment

organization_cache.watch(Automation)

REVIEW_EVENTS = {"review_request.clicked": "review_clicked", "review_request.rated": "review_rated"}
DOMAIN_TRIGGERS = {"contact.created": ("contact_created", "contact_subscribed"),
                   "contact.subscribed": ("contact_subscribed",),
                   "review_request.clicked": ("review_clicked",), "review_request.rated": ("review_rated",)}


# Core, built once, with the organization named: these run for every event posted through the API,
# where the ORM's per-query work (and its organization criteria) cost more than the database's answer
_automations, _enrollments = Automation.__table__, AutomationEnrollment.__table__
_ACTIVE_TRIGGERS = exists().where(
    _automations.c.organization_id == bindparam("organization_id"), _automations.c.status == "active",
    _automations.c.trigger_type.in_(bindparam("trigger_types", expanding=True)))
_WAITING = exists().where(
    _enrollments.c.organization_id == bindparam("organization_id"), _enrollments.c.status == "active",
    _enrollments.c.contact_id.in_(bindparam("contact_ids", expanding=True)),
    _enrollments.c.waiting_for_event.in_(bindparam("names", expanding=True)))
_LISTENING_OR_WAITING = select(or_(_ACTIVE_TRIGGERS, _WAITING))


def listening(organization_id, trigger_types):
    """Whether an active automation of the organization has one of these triggers (organization_cache)."""
    active = organization_cache.cached(organization_id, "automation-triggers", lambda: _active_triggers(organization_id))
    return not active.isdisjoint(trigger_types)


def _active_triggers(organization_id):
    """The trigger types of the organization's active automations."""
    return frozenset(db.session.scalars(select(Automation.trigger_type).distinct().where(
        Automation.organization_id == organization_id, Automation.status == "active")))


def events_heard(organization_id, contact_ids, names):
    """Whether contact events of these contacts and names concern an automation of the organization: an
    active one with a custom_event trigger, or an enrolment of these contacts waiting for one of these
    names (one statement: every event posted asks)."""
    return bool(db.session.connection().scalar(_LISTENING_OR_WAITING, {
        "organization_id": engine.as_uuid(organization_id), "trigger_types": ["custom_event"],
        "contact_ids": list(contact_ids), "names": list(names)}))


def enrol(organization_id, trigger_type, happenings):
    """Enrol into each active automation of ``trigger_type`` the contacts of ``happenings`` that match it:
    (contact_id, facts) where facts is what the trigger's conditions read, kept as the enrolment's data.
    Returns how many were enrolled."""
    automations = db.session.scalars(select(Automation).where(
        Automation.organization_id == organization_id, Automation.status == "active",
        Automation.trigger_type == trigger_type)).all()
    enrolled = 0
    for automation in automations:
        entries = [(contact_id, {"trigger": trigger_type, **facts}) for contact_id, facts in happenings
                   if matches(automation.trigger, facts)]
        enrolled += len(engine.enroll_many(automation, entries, run_now=True)) if entries else 0
    return enrolled


def matches(trigger, facts):
    """Whether a happening's ``facts`` meet a trigger's conditions."""
    conditions, kind = trigger.get("conditions") or {}, trigger["type"]
    if kind == "custom_event":
        properties = facts.get("properties") or {}
        return facts.get("event") == trigger.get("event_name") and all(
            property_matches(properties.get(key), wanted) for key, wanted in (conditions.get("properties") or {}).items())
    if kind == "tag_added":
        return (conditions.get("tag") or "").lower() == facts.get("tag")
    if kind == "contact_subscribed" and conditions.get("list_id"):
        return facts.get("list_id") is not None and engine.as_uuid(facts["list_id"]) == engine.as_uuid(conditions["list_id"])
    if kind == "review_rated" and "rating" in conditions:
        return facts.get("rating") is not None and property_matches(facts["rating"], conditions["rating"])
    return True


# --- what each task reads ------------------------------------------------------------------------

def from_domain_events(organization_id, event_ids):
    """Enrol from these domain events (and meet the wait_for_event steps waiting for review events)."""
    events = db.session.scalars(select(DomainEvent).where(
        DomainEvent.id.in_([uuid.UUID(str(event_id)) for event_id in event_ids])).order_by(DomainEvent.created_at)).all()
    happenings = {}
    waited = {}
    for event in events:
        contact_id = _contact_id(event.data)
        if contact_id is None:
            continue
        for trigger_type, facts in _facts_of(event):
            happenings.setdefault(trigger_type, []).append((contact_id, facts))
        if event.type in REVIEW_EVENTS:
            waited.setdefault(REVIEW_EVENTS[event.type], set()).add(contact_id)
    enrolled = sum(enrol(organization_id, kind, items) for kind, items in happenings.items())
    for name, contact_ids in waited.items():
        engine.event_happened(organization_id, name, contact_ids)
    return enrolled


def _facts_of(event):
    """(trigger type, facts) of one domain event."""
    data = event.data or {}
    if event.type == "contact.created":
        if data.get("source") == "import" and not (data.get("metadata") or {}).get("trigger_automations"):
            return []
        return [("contact_created", {})] + ([("contact_subscribed", {"list_id": None})]
                                            if data.get("status") == "subscribed" else [])
    if event.type == "contact.subscribed":
        return [("contact_subscribed", {"list_id": None})]
    if event.type == "review_request.clicked":
        return [("review_clicked", {"review_request_id": data.get("review_request_id")})]
    if event.type == "review_request.rated":
        return [("review_rated", {"review_request_id": data.get("review_request_id"), "rating": data.get("rating")})]
    return []


def _contact_id(data):
    try:
        return uuid.UUID(data["contact_id"])
    except (KeyError, TypeError, ValueError):
        return None


def from_contact_events(organization_id, event_ids):
    """Enrol from these custom events, and meet the wait_for_event steps waiting for them."""
    rows = db.session.execute(select(ContactEvent.contact_id, ContactEvent.name, ContactEvent.properties).where(
        ContactEvent.id.in_([uuid.UUID(str(event_id)) for event_id in event_ids])).order_by(ContactEvent.occurred_at)).all()
    enrolled = enrol(organization_id, "custom_event",
                     [(contact_id, {"event": name, "properties": properties or {}}) for contact_id, name, properties in rows])
    by_name = {}
    for contact_id, name, _ in rows:
        by_name.setdefault(name, set()).add(contact_id)
    for name, contact_ids in by_name.items():
        engine.event_happened(organization_id, name, contact_ids)
    return enrolled


def from_tags(organization_id, pairs):
    """Enrol from (contact_id, tag) pairs: tag_added."""
    return enrol(organization_id, "tag_added", [(uuid.UUID(str(contact_id)), {"tag": tag}) for contact_id, tag in pairs])


def from_list_joins(organization_id, list_id, contact_ids):
    """Enrol contacts that joined a list: contact_subscribed (that list's, or any subscription)."""
    return enrol(organization_id, "contact_subscribed",
                 [(uuid.UUID(str(contact_id)), {"list_id": str(list_id)}) for contact_id in contact_ids])


# --- dates ---------------------------------------------------------------------------------------

def date_automations_due(now=None):
    """(organization_id, automation_id) of active date automations whose local time of day has come
    (across organizations: the periodic task's sweep)."""
    now = now or clock.now()
    due = []
    for automation_id, organization_id, trigger in db.session.execute(select(
            Automation.id, Automation.organization_id, Automation.trigger).where(
            Automation.status == "active", Automation.trigger_type == "date")):
        local = now.astimezone(engine.organization_zone(organization_id))
        if local.time() >= _time_of(trigger):
            due.append((organization_id, automation_id))
    return due


def from_dates(automation_id, now=None):
    """Enrol the contacts whose date field is today (the business's local day), once this day."""
    now = now or clock.now()
    automation = db.session.get(Automation, automation_id)
    if automation is None or automation.status != "active" or automation.trigger_type != "date":
        return 0
    local = now.astimezone(engine.organization_zone(automation.organization_id))
    if local.time() < _time_of(automation.trigger):
        return 0
    field = automation.trigger["conditions"]["field"]
    day_start = datetime.combine(local.date(), time(0), local.tzinfo).astimezone(timezone.utc)
    value = Contact.custom_fields[field].as_string()
    entered_today = exists().where(AutomationEnrollment.automation_id == automation.id,
                                   AutomationEnrollment.contact_id == Contact.id,
                                   AutomationEnrollment.enrolled_at >= day_start)
    contact_ids = db.session.scalars(select(Contact.id).where(
        Contact.organization_id == automation.organization_id, value.like(f"%{local:%m-%d}"), ~entered_today)).all()
    entries = [(contact_id, {"trigger": "date", "field": field, "date": f"{local:%Y-%m-%d}"}) for contact_id in contact_ids]
    return len(engine.enroll_many(automation, entries, now=now))


def _time_of(trigger):
    hour, minute = (int(part) for part in (trigger.get("conditions") or {}).get("time", "09:00").split(":"))
    return time(hour, minute)
