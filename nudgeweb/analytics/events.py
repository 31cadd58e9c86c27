"""Contact events (seed 003's Events API): what a contact did, told by the business's own systems.

``record_events`` writes one or many at once: each is checked (every bad field named, nothing
stored when any is bad), its contact found by id or found or created by email/phone (seed 003's
upsert), and the rows, their timeline entries and their hourly counts go in with a few statements.
"""
import uuid
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

import orjson
from sqlalchemy import bindparam, func, select

from nudgeweb import clock
from nudgeweb.analytics.attribution import credit_campaigns
from nudgeweb.analytics.counters import count_rows
from nudgeweb.analytics.currency import currency_of_id
from nudgeweb.analytics.signals import contact_events_recorded
from nudgeweb.bulk import insert_rows, together
from nudgeweb.contacts.operations import ContactFinder, ContactValidationError, upsert_contact
from nudgeweb.contacts.timeline import record_activities
from nudgeweb.extensions import db
from nudgeweb.field_errors import FieldErrors
from nudgeweb.models import Contact, Organization, new_id, utcnow
from nudgeweb.models.analytics import MAX_EVENT_NAME, AnalyticsCount, ContactEvent

MAX_BATCH = 1000
MAX_PROPERTIES_BYTES = 8000
MAX_REVENUE = 10**11
FUTURE_TOLERANCE = timedelta(minutes=5)  # clocks of the caller's machines drift a little
EARLIEST = datetime(2000, 1, 1, tzinfo=timezone.utc)


class EventError(FieldErrors):
    """Events that cannot be recorded; ``errors`` names each bad field (``events.3.name`` in a batch)."""


def event_errors(item, now=None):
    """{field: message} for one event's values (the API has checked their types)."""
    now = now or utcnow()
    errors = {}
    if not (item.get("name") or "").strip():
        errors["name"] = "An event needs a name."
    elif len(item["name"]) > MAX_EVENT_NAME:
        errors["name"] = f"At most {MAX_EVENT_NAME} characters."
    if not (item.get("contact_id") or item.get("email") or item.get("phone")):
        errors["contact_id"] = "Say whose event it is: contact_id, email or phone."
    properties = item.get("properties")
    if properties is not None and not isinstance(properties, dict):
        errors["properties"] = "Properties must be an object."
    elif properties and len(orjson.dumps(properties)) > MAX_PROPERTIES_BYTES:
        errors["properties"] = f"At most {MAX_PROPERTIES_BYTES} bytes of JSON."
    revenue = item.get("revenue")
    if revenue is not None and (isinstance(revenue, bool) or not isinstance(revenue, (int, float))):
        errors["revenue"] = "Revenue must be a number."
    elif revenue is not None and not -MAX_REVENUE < revenue < MAX_REVENUE:
        errors["revenue"] = f"Revenue must be between -{MAX_REVENUE:,} and {MAX_REVENUE:,}."
    currency = item.get("currency")
    if currency is not None and not (len(currency) == 3 and currency.isalpha()):
        errors["currency"] = "A three-letter ISO 4217 code, such as USD."
    occurred_at = item.get("occurred_at")
    if occurred_at is not None:
        occurred_at = _aware(occurred_at)
        if occurred_at > now + FUTURE_TOLERANCE:
            errors["occurred_at"] = "That is in the future: an event is something that happened."
        elif occurred_at < EARLIEST:
            errors["occurred_at"] = f"No earlier than {EARLIEST:%Y-%m-%d}."
    return errors


def record_events(organization_id, items, batch=False):
    """Record every event of ``items`` (dicts: name, contact_id or email/phone, properties,
    revenue, currency, occurred_at) for the organization of ``organization_id`` or none: EventError
    names each bad field. Returns the rows."""
    now = clock.now()  # (the clock tests move: an automation's "since entering" compares with it)
    organization_id, errors = _as_uuid(organization_id), {}
    for index, item in enumerate(items):
        errors.update({_field(index, name, batch): message for name, message in event_errors(item, now).items()})
    if errors:
        raise EventError(errors)
    time_zone, contacts = _contacts_of(organization_id, items, batch)
    currency = currency_of_id(organization_id)  # (an event that gives none)
    rows = [_row(organization_id, item, contacts[index], currency, now) for index, item in enumerate(items)]
    credit_campaigns(rows)
    with together():
        insert_rows(ContactEvent.__table__, rows)
        count_rows(db.session, organization_id, ContactEvent, rows, time_zone=time_zone)
        record_activities(organization_id, [
            {"contact_id": row["contact_id"], "kind": "event", "summary": summary_of(row),
             "occurred_at": row["occurred_at"],
             "data": {"event_id": str(row["id"]), "name": row["name"], "properties": row["properties"]}}
            for row in rows
        ])
    contact_events_recorded.send(organization_id, rows=rows)
    return [SimpleNamespace(**row) for row in rows]


def summary_of(row):
    revenue = f" ({row['revenue']:,.2f} {row['currency']})" if row["revenue"] is not None else ""
    return f"Event: {row['name']}{revenue}"


def _row(organization_id, item, contact_id, currency, now):
    revenue = item.get("revenue")
    return {
        "id": new_id(), "organization_id": organization_id, "contact_id": contact_id, "name": item["name"].strip(),
        "properties": item.get("properties") or {}, "revenue": None if revenue is None else round(float(revenue), 2),
        "currency": None if revenue is None else (item.get("currency") or currency).upper(),
        "occurred_at": _aware(item.get("occurred_at")) or now, "created_at": now,
    }


# Core, built once: this runs for every event posted. The organization's row comes with the contacts
# (its time zone places the hourly counts), so that what a request reads of it costs no statement of its own.
_organizations, _contacts = Organization.__table__, Contact.__table__
_ORGANIZATION_AND_CONTACTS = select(_organizations.c.timezone, _contacts.c.id).select_from(_organizations.outerjoin(
    _contacts, (_contacts.c.organization_id == _organizations.c.id)
    & _contacts.c.id.in_(bindparam("contact_ids", expanding=True)))).where(_organizations.c.id == bindparam("organization_id"))


def _contacts_of(organization_id, items, batch):
    """(the organization's time zone, the contact id of each item): by id (each must be the
    organization's), else found or created by email/phone. EventError names every item whose contact cannot be."""
    ids = {_as_uuid(item.get("contact_id")) for item in items if item.get("contact_id")} - {None}
    found = db.session.connection().execute(_ORGANIZATION_AND_CONTACTS,
                                            {"organization_id": organization_id, "contact_ids": list(ids)}).all()
    time_zone, known = found[0][0], {contact_id for _, contact_id in found}
    finder = organization = None
    contacts, errors = {}, {}
    for index, item in enumerate(items):
        if item.get("contact_id"):
            contact_id = _as_uuid(item["contact_id"])
            if contact_id is None or contact_id not in known:
                errors[_field(index, "contact_id", batch)] = "No contact of yours has this id."
            contacts[index] = contact_id
            continue
        if finder is None:
            organization = db.session.get(Organization, organization_id)
            finder = ContactFinder(organization_id, [item.get("email") for item in items],
                                   [item.get("phone") for item in items])
        try:
            contact, _ = upsert_contact(organization, {"email": item.get("email"), "phone": item.get("phone")},
                                        source="api", update_existing=False, finder=finder)
        except ContactValidationError as error:
            errors.update({_field(index, name, batch): message for name, message in error.errors.items()})
            continue
        finder.remember(contact)
        contacts[index] = contact.id
    if errors:
        raise EventError(errors)
    return time_zone, contacts


def event_names(organization_id):
    """[(name, count)] of the organization's events, the most frequent first (from the hourly counts)."""
    total = func.sum(AnalyticsCount.count)
    return db.session.execute(
        select(AnalyticsCount.dimension, total)
        .where(AnalyticsCount.organization_id == organization_id, AnalyticsCount.metric == "event")
        .group_by(AnalyticsCount.dimension).order_by(total.desc(), AnalyticsCount.dimension)
    ).all()


def latest_events(organization_id, limit=20):
    """[(event, contact)] the latest first; the contact is None when it was deleted."""
    return db.session.execute(
        select(ContactEvent, Contact).outerjoin(Contact, Contact.id == ContactEvent.contact_id)
        .where(ContactEvent.organization_id == organization_id)
        .order_by(ContactEvent.occurred_at.desc(), ContactEvent.id.desc()).limit(limit)
    ).all()


def _field(index, name, batch):
    return f"events.{index}.{name}" if batch else name


def _as_uuid(value):
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError:
        return None


def _aware(moment):
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=timezone.utc)
