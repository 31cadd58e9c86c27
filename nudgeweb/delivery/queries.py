"""Lists of messages for the Outbox page and the API."""
import re

from sqlalchemy import or_, select

from nudgeweb.contacts.fields import normalize_phone
from nudgeweb.models.contacts import Contact
from nudgeweb.models.messages import Message, MessageEvent
from nudgeweb.organization_cache import organization

PAGE_SIZE = 50


def messages_query(organization_id, filters):
    """Newest first; filters: channel, status, purpose, purpose_id, contact_id, created_after, q (address or subject),
    kept_in_outbox (True: only what the local outbox kept; False: only what left the machine)."""
    query = select(Message).where(Message.organization_id == organization_id)
    for name in ("channel", "status", "purpose", "purpose_id", "contact_id"):
        if filters.get(name):
            query = query.where(getattr(Message, name) == filters[name])
    if "kept_in_outbox" in filters:  # (the pages' "Kept in the Outbox", apart from what left the machine)
        kept = Message.backend == "outbox"
        query = query.where(kept if filters["kept_in_outbox"] else Message.backend.is_distinct_from("outbox"))
    if filters.get("created_after"):
        query = query.where(Message.created_at >= filters["created_after"])
    if filters.get("q"):
        query = query.where(_matching(organization_id, filters["q"].strip()))
    return query.order_by(Message.created_at.desc(), Message.id.desc())


def _matching(organization_id, words):
    """The address or subject holds ``words``, or the recipient's name does, or the address is the phone number
    they are as the pages show it ("087 123 4501" for +353871234501)."""
    like = f"%{words}%"
    named = select(Contact.id).where(Contact.organization_id == organization_id,
                                     (Contact.first_name + " " + Contact.last_name).ilike(like))
    conditions = [Message.to.ilike(like), Message.subject.ilike(like), Message.contact_id.in_(named)]
    country = organization(organization_id).default_country
    phone = normalize_phone(words, country)[0] if any(ch.isdigit() for ch in words) else None
    if phone:
        conditions.append(Message.to == phone)
    elif PART_OF_A_NUMBER.fullmatch(words):  # "0415" or "987 654": digits of a number, its trunk 0 dropped
        digits = re.sub(r"\D", "", words).removeprefix("0")
        if len(digits) >= 3:
            conditions.append(Message.to.contains(digits))
    return or_(*conditions)


PART_OF_A_NUMBER = re.compile(r"[\d\s().+-]+")


def events_of(message):
    return select(MessageEvent).where(
        MessageEvent.organization_id == message.organization_id, MessageEvent.message_id == message.id
    ).order_by(MessageEvent.occurred_at)
