"""Record domain events in the transaction of their cause; hear about them once it has committed.

    record_event("contact.created", {"contact_id": str(contact.id), "email": contact.email})

writes one ``DomainEvent`` row (in the transaction of its cause, so it exists exactly when
its cause committed) and, once the transaction commits, sends ``domain_events_recorded`` once per
organization and transaction with the organization id as sender. Whatever delivers events (webhooks,
automations) connects to that signal and reads the rows; a periodic sweep of theirs picks up any
whose signal was lost. ``record_events`` writes many at once (the send engine's batches).

Just before the commit, ``domain_events_written`` is sent (sender: the organization id, ``events=``:
the transaction's events as dicts with ``id``, ``type``, ``created_at`` and ``data``): a receiver
writes what must exist exactly when the events do (webhooks write their deliveries) in the same
transaction, and flushes, never commits.
"""
from dataclasses import dataclass
from datetime import datetime

from blinker import Namespace

from nudgeweb.bulk import insert_row, insert_rows
from nudgeweb.models.base import new_id, utcnow
from nudgeweb.models.domain_events import DomainEvent
from nudgeweb.unit_of_work import after_commit, before_commit, current_organization_id

EVENT_TYPES = {
    "email.sent": "Email was sent",
    "email.delivered": "Email was delivered",
    "email.opened": "Email was opened",
    "email.clicked": "Link was clicked",
    "email.bounced": "Email bounced",
    "email.complained": "Spam complaint received",
    "sms.sent": "SMS was sent",
    "sms.delivered": "SMS was delivered",
    "sms.failed": "SMS failed",
    "contact.created": "Contact was created",
    "contact.updated": "Contact information updated",
    "contact.deleted": "Contact was deleted",
    "contact.subscribed": "Contact subscribed",
    "contact.unsubscribed": "Contact unsubscribed",
    "campaign.completed": "Campaign finished sending",
    "automation.enrolled": "Contact enrolled in automation",
    "automation.completed": "Contact completed automation",
    "review_request.scheduled": "Review request was scheduled",
    "review_request.sent": "Review request was sent",
    "review_request.clicked": "Customer clicked through to a review site",
    "review_request.rated": "Customer gave a rating",
    "feedback.received": "Customer sent private feedback",
    "nudge.sent": "Employee was nudged",
    "import.completed": "Contact import finished",
}

_signals = Namespace()
domain_events_recorded = _signals.signal("domain-events-recorded")
domain_events_written = _signals.signal("domain-events-written")


@dataclass(frozen=True)
class RecordedEvent:
    """An event as record_event wrote it (its row is not read back as an object)."""

    id: object
    type: str
    data: dict
    created_at: datetime


def record_event(event_type, data, organization_id=None):
    """Write one event of ``event_type`` (a key of EVENT_TYPES) with its ``data`` object; return it."""
    organization_id = _check(event_type, organization_id)
    event = dict(id=new_id(), type=event_type, data=data, created_at=utcnow())
    insert_row(DomainEvent.__table__, {"organization_id": organization_id, **event})
    _announce(organization_id, [event])
    return RecordedEvent(**event)


def record_events(event_type, datas, organization_id=None):
    """Write one event of ``event_type`` per object in ``datas`` in one statement."""
    organization_id = _check(event_type, organization_id)
    if not datas:
        return
    now = utcnow()
    rows = [dict(id=new_id(), organization_id=organization_id, type=event_type, data=data, created_at=now) for data in datas]
    insert_rows(DomainEvent.__table__, rows)  # (Core: the ORM's bulk path costs more than the insert itself)
    _announce(organization_id, rows)


def event_payload(event):
    """The event (a DomainEvent, or its dict) as integrators receive it (seed 001's webhook payload)."""
    if isinstance(event, dict):
        event_id, event_type, created_at, data = event["id"], event["type"], event["created_at"], event["data"]
    else:
        event_id, event_type, created_at, data = event.id, event.type, event.created_at, event.data
    return {"id": public_event_id(event_id), "type": event_type,
            "created_at": created_at.strftime("%Y-%m-%dT%H:%M:%SZ"), "data": data}


def public_event_id(event_id):
    return f"evt_{event_id.hex}"


def _check(event_type, organization_id):
    if event_type not in EVENT_TYPES:
        raise ValueError(f"Unknown event type {event_type!r}")
    organization_id = organization_id or current_organization_id()
    if organization_id is None:
        raise ValueError("An event belongs to an organization: none is in force")
    return organization_id


class _Written:
    """One organization's events of one transaction: told just before the commit, announced after it."""

    def __init__(self, organization_id):
        self.organization_id = organization_id
        self.events = []

    def __call__(self):
        events, self.events = self.events, []
        domain_events_written.send(self.organization_id, events=events)
        after_commit(domain_events_recorded.send, self.organization_id)


def _announce(organization_id, events):
    # before_commit keys once per organization and transaction, however many events were recorded
    written = before_commit(("domain-events", organization_id), _Written(organization_id))
    written.events.extend(events)
