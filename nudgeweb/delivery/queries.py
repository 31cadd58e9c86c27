"""Lists of messages for the Outbox page and the API."""
from sqlalchemy import or_, select

from nudgeweb.models.messages import Message, MessageEvent

PAGE_SIZE = 50


def messages_query(organization_id, filters):
    """Newest first; filters: channel, status, purpose, purpose_id, contact_id, created_after, q (address or subject)."""
    query = select(Message).where(Message.organization_id == organization_id)
    for name in ("channel", "status", "purpose", "purpose_id", "contact_id"):
        if filters.get(name):
            query = query.where(getattr(Message, name) == filters[name])
    if filters.get("created_after"):
        query = query.where(Message.created_at >= filters["created_after"])
    if filters.get("q"):
        like = f"%{filters['q'].strip()}%"
        query = query.where(or_(Message.to.ilike(like), Message.subject.ilike(like)))
    return query.order_by(Message.created_at.desc(), Message.id.desc())


def events_of(message):
    return select(MessageEvent).where(
        MessageEvent.organization_id == message.organization_id, MessageEvent.message_id == message.id
    ).order_by(MessageEvent.occurred_at)
