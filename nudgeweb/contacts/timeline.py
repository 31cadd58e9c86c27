"""A contact's activity timeline: every area records its entries through record_activity."""
from sqlalchemy import select

from nudgeweb.bulk import insert_row, insert_rows
from nudgeweb.models import db, new_id, utcnow
from nudgeweb.models.contacts import ContactActivity


def record_activity(contact, kind, summary, data=None, occurred_at=None):
    """Add one entry (kind e.g. "created", "message.sent", "review_request.clicked") to the timeline.

    The entry joins the caller's transaction (written as bulk.insert_row writes: after the contact's own
    row when that is still to be flushed), and is committed with it.
    """
    [row] = activity_rows(contact.organization_id, [{"contact_id": contact.id, "kind": kind, "summary": summary,
                                                     "data": data, "occurred_at": occurred_at}])
    insert_row(ContactActivity.__table__, row, after=contact)


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
    insert_rows(ContactActivity.__table__, activity_rows(organization_id, entries))


def activity_rows(organization_id, entries):
    """The contact_activities rows of ``entries`` (see record_activities), for a bulk insert."""
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
