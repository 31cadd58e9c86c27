"""Which campaign earned an event's revenue: the last campaign the contact clicked within five days
before the event. Worked out once, when the event is recorded, and stored on it (``campaign_id``), so
revenue by campaign is read from the hourly counts like every other chart."""
from collections import defaultdict
from datetime import timedelta

from sqlalchemy import select

from nudgeweb.extensions import db
from nudgeweb.models.messages import Message, MessageEvent

CREDIT_WINDOW = timedelta(days=5)


def credit_campaigns(organization_id, rows):
    """Set ``campaign_id`` on each event row (dicts with contact_id, revenue, occurred_at) that has revenue."""
    with_revenue = [row for row in rows if row["revenue"] is not None]
    for row in rows:
        row["campaign_id"] = None
    if not with_revenue:
        return
    clicks = _campaign_clicks(organization_id, {row["contact_id"] for row in with_revenue},
                              min(row["occurred_at"] for row in with_revenue) - CREDIT_WINDOW,
                              max(row["occurred_at"] for row in with_revenue))
    for row in with_revenue:
        earlier = [(at, campaign_id) for at, campaign_id in clicks[row["contact_id"]]
                   if row["occurred_at"] - CREDIT_WINDOW <= at <= row["occurred_at"]]
        row["campaign_id"] = max(earlier, key=lambda click: click[0])[1] if earlier else None


def _campaign_clicks(organization_id, contact_ids, start, end):
    """{contact id: [(when, campaign id)]} of the contacts' clicks on campaign messages between start and end."""
    clicks = defaultdict(list)
    for contact_id, campaign_id, at in db.session.execute(
        select(Message.contact_id, Message.purpose_id, MessageEvent.occurred_at)
        .join(MessageEvent, MessageEvent.message_id == Message.id)
        .where(Message.organization_id == organization_id, Message.contact_id.in_(contact_ids),
               Message.purpose == "campaign", Message.purpose_id.is_not(None), Message.clicked_at.is_not(None),
               MessageEvent.type == "clicked", MessageEvent.occurred_at >= start, MessageEvent.occurred_at <= end)
    ):
        clicks[contact_id].append((at, campaign_id))
    return clicks
