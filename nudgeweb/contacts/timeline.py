"""A contact's activity timeline: every area records its entries through record_activity."""
from sqlalchemy import select

from nudgeweb.models import db, utcnow
from nudgeweb.models.contacts import ContactActivity


def record_activity(contact, kind, summary, data=None, occurred_at=None):
    """Add one entry (kind e.g. "created", "message.sent", "review_request.clicked") to the timeline.

    The entry joins the caller's transaction: it is flushed, not committed.
    """
    activity = ContactActivity(
        organization_id=contact.organization_id,
        contact_id=contact.id,
        kind=kind,
        summary=summary[:500],
        data=data or {},
        occurred_at=occurred_at or utcnow(),
    )
    db.session.add(activity)
    db.session.flush()
    return activity


def timeline_of(contact, limit=100):
    """The contact's most recent activities, newest first."""
    return db.session.scalars(
        select(ContactActivity)
        .where(ContactActivity.contact_id == contact.id, ContactActivity.organization_id == contact.organization_id)
        .order_by(ContactActivity.occurred_at.desc(), ContactActivity.id.desc())
        .limit(limit)
    ).all()
