"""Which campaign earned an event's revenue: the last campaign the contact clicked within five days
before the event. Worked out once, when the event is recorded, and stored on it (``campaign_id``), so
revenue by campaign is read from the hourly counts like every other chart."""
from collections import defaultdict
from datetime import timedelta

from sqlalchemy import bindparam, select

from nudgeweb.extensions import db
from nudgeweb.models.messages import Message, MessageEvent

CREDIT_WINDOW = timedelta(days=5)
messages, events = Message.__table__, MessageEvent.__table__


def credit_campaigns(rows):
    """Set ``campaign_id`` on each event row (dicts: contact_id, revenue, occurred_at; one organization's contacts)."""
    with_revenue = [row for row in rows if row["revenue"] is not None]
    for row in rows:
        row["campaign_id"] = None
    if not with_revenue:
        return
    clicks = _campaign_clicks({row["contact_id"] for row in with_revenue},
                              min(row["occurred_at"] for row in with_revenue) - CREDIT_WINDOW,
                              max(row["occurred_at"] for row in with_revenue))
    for row in with_revenue:
        earlier = [(at, campaign_id) for at, campaign_id in clicks[row["contact_id"]]
                   if row["occurred_at"] - CREDIT_WINDOW <= at <= row["occurred_at"]]
        row["campaign_id"] = max(earlier, key=lambda click: click[0])[1] if earlier else None


# Core, built once (this runs for every event posted with revenue), and no organization in the WHERE clause:
# the contacts are the organization's (record_events found them in it), so are their messages; with it, or with
# the purpose, SQLite would read every message of the organization (or every campaign message) by those indexes
# instead of the contacts' few by theirs
_CLICKS = (select(messages.c.contact_id, messages.c.purpose, messages.c.purpose_id, events.c.occurred_at)
           .join(events, events.c.message_id == messages.c.id)
           .where(messages.c.contact_id.in_(bindparam("contact_ids", expanding=True)),
                  messages.c.clicked_at.is_not(None), events.c.type == "clicked",
                  events.c.occurred_at >= bindparam("start"), events.c.occurred_at <= bindparam("end")))


def _campaign_clicks(contact_ids, start, end):
    """{contact id: [(when, campaign id)]} of the contacts' clicks on campaign messages between start and end."""
    clicks = defaultdict(list)
    for contact_id, purpose, campaign_id, at in db.session.connection().execute(
            _CLICKS, {"contact_ids": list(contact_ids), "start": start, "end": end}):
        if purpose == "campaign" and campaign_id is not None:
            clicks[contact_id].append((at, campaign_id))
    return clicks
