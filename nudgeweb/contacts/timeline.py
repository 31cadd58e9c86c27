"""A contact's activity timeline: every area records its entries through record_activity."""
from sqlalchemy import select

from nudgeweb.models import db, utcnow
from nudgeweb.models.contacts import ContactActivity


def record_activity(contact, kind, summary, data=None, occurred_at=None):
    """Add one entry (kind e.g. "created", "message.sent", "review_request.clicked") to the timeline.

    The entry joins the caller's transaction: it is written with the caller's next flush (one flush
    for a request's rows, not one per entry), and committed with it.
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
    return activity


def timeline_of(contact, limit=100):
    """The contact's most recent activities, newest first."""
    return db.session.scalars(
        select(ContactActivity)
        .where(ContactActivity.contact_id == contact.id, ContactActivity.organization_id == contact.organization_id)
        .order_by(ContactActivity.occurred_at.desc(), ContactActivity.id.desc())
        .limit(limit)
    ).all()


def record_activities(organization_id, entries):
    """Many timeline entries in one executemany (bulk work such as imports), in the caller's transaction.

    ``entries``: dicts with contact_id, kind, summary and optionally data and occurred_at.
    """
    from nudgeweb.bulk import insert_rows

    insert_rows(ContactActivity.__table__, activity_rows(organization_id, entries))


def activity_rows(organization_id, entries):
    """The contact_activities rows of ``entries`` (see record_activities), for a bulk insert."""
    from nudgeweb.models import new_id

    now = utcnow()
    return [
        {
            "id": new_id(),
            "organization_id": organization_id,
            "contact_id": entry["contact_id"],
            "kind": entry["kind"],
            "summary": entry["summary"][:500],
            "data": entry.get("data") or {},
            "occurred_at": entry.get("occurred_at") or now,
            "created_at": now,
        }
        for entry in entries
    ]
