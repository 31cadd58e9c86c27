"""Record domain events in the transaction of their cause; hear about them once it has committed.

    record_event("contact.created", {"contact_id": str(contact.id), "email": contact.email})

writes one ``DomainEvent`` row (flushed with the rest of the unit of work, so it exists exactly when
its cause committed) and, once the transaction commits, sends ``domain_events_recorded`` once per
organization and transaction with the organization id as sender. Whatever delivers events (webhooks,
automations) connects to that signal and reads the rows; a periodic sweep of theirs picks up any
whose signal was lost. ``record_events`` writes many at once (the send engine's batches).
"""
from blinker import Namespace
from sqlalchemy import insert

from nudgeweb.models.base import db, new_id, utcnow
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


def record_event(event_type, data, organization_id=None):
    """Write one event of ``event_type`` (a key of EVENT_TYPES) with its ``data`` object; return it."""
    organization_id = _check(event_type, organization_id)
    event = DomainEvent(id=new_id(), organization_id=organization_id, type=event_type, data=data, created_at=utcnow())
    db.session.add(event)
    _announce_after_commit(organization_id)
    return event


def record_events(event_type, datas, organization_id=None):
    """Write one event of ``event_type`` per object in ``datas`` in one statement."""
    organization_id = _check(event_type, organization_id)
    if not datas:
        return
    now = utcnow()
    rows = [dict(id=new_id(), organization_id=organization_id, type=event_type, data=data, created_at=now) for data in datas]
    db.session.execute(insert(DomainEvent), rows)
    _announce_after_commit(organization_id)


def event_payload(event):
    """The event as integrators receive it (seed 001's webhook payload)."""
    return {
        "id": f"evt_{event.id.hex}",
        "type": event.type,
        "created_at": event.created_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "data": event.data,
    }


def _check(event_type, organization_id):
    if event_type not in EVENT_TYPES:
        raise ValueError(f"Unknown event type {event_type!r}")
    organization_id = organization_id or current_organization_id()
    if organization_id is None:
        raise ValueError("An event belongs to an organization: none is in force")
    return organization_id


def _announce_after_commit(organization_id):
    # before_commit keys once per organization and transaction, however many events were recorded
    before_commit(("domain-events", organization_id),
                  lambda: after_commit(domain_events_recorded.send, organization_id))
