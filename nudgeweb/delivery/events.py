"""What happened to a message: one MessageEvent row, the message's own columns, the contact's
timeline, the domain event (email.opened, sms.delivered …) and the ``message_event`` signal, always
together, in the caller's transaction."""
import logging

from flask import current_app

from nudgeweb.delivery.signals import message_event, messages_event
from nudgeweb.domain_events import record_event as record_domain_event
from nudgeweb.models import db, utcnow
from nudgeweb.models.messages import MessageEvent

log = logging.getLogger(__name__)

CHANNEL_NAMES = {"email": "Email", "sms": "SMS"}
DOMAIN_EVENTS = {
    ("email", "sent"): "email.sent", ("email", "delivered"): "email.delivered", ("email", "opened"): "email.opened",
    ("email", "clicked"): "email.clicked", ("email", "bounced"): "email.bounced",
    ("email", "complained"): "email.complained",
    ("sms", "sent"): "sms.sent", ("sms", "delivered"): "sms.delivered", ("sms", "failed"): "sms.failed",
    ("sms", "bounced"): "sms.failed",
}


def domain_event_of(message, event):
    """The domain event of ``event`` for this message: only for messages to contacts or sent through the
    API (not a password reset, nor a note to the team)."""
    if message.contact_id is None and message.purpose != "api":
        return None
    return DOMAIN_EVENTS.get((message.channel, event))


def domain_event_data(message, at, **metadata):
    """The message's event as integrators get it (seed 001's shape)."""
    return {
        "message_id": str(message.id),
        "contact_id": str(message.contact_id) if message.contact_id else None,
        "email" if message.channel == "email" else "phone": message.to,
        "campaign_id": str(message.purpose_id) if message.purpose == "campaign" and message.purpose_id else None,
        "purpose": message.purpose,
        "purpose_id": str(message.purpose_id) if message.purpose_id else None,
        "timestamp": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "metadata": {name: value for name, value in metadata.items() if value},
    }
# What a message "sent" to the local outbox is, wherever a status is shown: it reached no one.
KEPT_IN_OUTBOX = "kept in the outbox: not delivered"


# {purpose: events}: the events of a purpose's messages that its own timeline lines tell (told_by_purpose)
_TOLD_BY_THEIR_PURPOSE = {}


def told_by_purpose(purpose, events):
    """The area of ``purpose`` tells ``events`` of its messages on the contact's timeline in its own words (a review
    request: "Review request: SMS sent"): they add no line of their own, which would say it twice."""
    _TOLD_BY_THEIR_PURPOSE[purpose] = frozenset(events)


def on_timeline(message, event):
    """Whether ``event`` of ``message`` gets a line of its own on the contact's timeline."""
    return message.contact_id is not None and event not in _TOLD_BY_THEIR_PURPOSE.get(message.purpose, ())


def summary_of(message, event, url=None, detail=None, backend=None):
    channel = CHANNEL_NAMES.get(message.channel, message.channel)
    about = f": {message.subject}" if message.subject else ""
    kept = (backend or message.backend) == "outbox"
    return {
        "sent": f"{channel} {KEPT_IN_OUTBOX}{about}" if kept else f"{channel} sent{about}",
        "delivered": f"{channel} delivered{about}",
        "opened": f"Opened the email{about}",
        "clicked": f"Clicked {url} in the {channel.lower() if channel == 'Email' else channel}{about}",
        "bounced": f"{channel} bounced{about} ({detail})" if detail else f"{channel} bounced{about}",
        "complained": f"Marked the email as spam{about}",
        "unsubscribed": f"Unsubscribed ({detail})" if detail else "Unsubscribed",
        "failed": f"{channel} not sent{about}: {detail}" if detail else f"{channel} not sent{about}",
    }[event]


def _apply_to_message(message, event, now, detail):
    """Returns False when the event adds nothing new for the timeline (a repeated open)."""
    if event == "delivered" and message.status in ("sending", "sent"):
        message.status, message.delivered_at = "delivered", now
    elif event == "opened":
        if message.opened_at is not None:
            return False
        message.opened_at = now
    elif event == "clicked":
        message.opened_at = message.opened_at or now
        message.clicked_at = message.clicked_at or now
    elif event in ("bounced", "failed"):
        message.status, message.failed_at = event, now
        message.error = (detail or message.error or "")[:1000] or None
    return True


def record_event(message, event, *, contact=None, url=None, ip=None, user_agent=None, detail=None,
                 occurred_at=None, timeline=True):
    """Record ``event`` for ``message`` and tell the other areas (``message_event``, whose receivers'
    writes join this transaction).

    ``timeline=False`` when the caller already put the fact on the contact's timeline.
    """
    from nudgeweb.contacts.timeline import record_activity

    now = occurred_at or utcnow()
    news = _apply_to_message(message, event, now, detail)
    db.session.add(MessageEvent(
        organization_id=message.organization_id, message_id=message.id, contact_id=message.contact_id,
        type=event, url=url, ip=ip, user_agent=(user_agent or "")[:500] or None,
        detail=(detail or "")[:500] or None, occurred_at=now,
    ))
    if news and timeline and on_timeline(message, event):
        contact = contact or message_contact(message)
        if contact is not None:
            data = {"message_id": str(message.id), "channel": message.channel, "purpose": message.purpose}
            if message.purpose_id:
                data["purpose_id"] = str(message.purpose_id)
            if url:
                data["url"] = url
            record_activity(contact, f"message.{event}", summary_of(message, event, url, detail), data, now)
    domain_event = domain_event_of(message, event) if news else None
    if domain_event:
        record_domain_event(domain_event, domain_event_data(message, now, ip_address=ip, user_agent=user_agent, url=url,
                                                            reason=detail), message.organization_id)
    announce(message, event, url=url, reason=detail)
    db.session.flush()  # written (and counted) now: the reports read through Core, which does not autoflush


def announce(message, event, **extra):
    """Send ``message_event`` in the current transaction; a broken receiver is logged and its writes
    undone (a savepoint), it never stops the sending."""
    if not message_event.has_receivers_for(message.purpose):
        return
    if event in ("failed", "bounced") and not extra.get("reason"):
        extra["reason"] = message.error
    extra = {name: value for name, value in extra.items() if value is not None}
    try:
        with db.session.begin_nested():
            message_event.send(message.purpose, message=message, event=event, **extra)
    except Exception:  # noqa: BLE001 - another area's bug must not stop a batch half way
        if current_app.testing:
            raise
        log.exception("A message_event receiver failed for %s %s", event, message.id)


def announce_all(messages, event):
    """``announce`` for a batch (the send engine's sends): each purpose hears of its messages at once
    (``messages_event``) when it listens for batches, else one by one; the receivers' writes go out in
    one flush under one savepoint. If a receiver fails, each message is announced again alone, so
    that only the broken one's writes are undone."""
    by_purpose = {}
    for message in messages:
        if message_event.has_receivers_for(message.purpose) or messages_event.has_receivers_for(message.purpose):
            by_purpose.setdefault(message.purpose, []).append(message)
    if not by_purpose:
        return
    try:
        with db.session.begin_nested(), db.session.no_autoflush:
            for purpose, group in by_purpose.items():
                if messages_event.has_receivers_for(purpose):
                    messages_event.send(purpose, messages=group, event=event)
                    continue
                for message in group:
                    message_event.send(purpose, message=message, event=event)
    except Exception:  # noqa: BLE001 - as announce: the batch goes on
        if current_app.testing:
            raise
        for group in by_purpose.values():
            for message in group:
                announce(message, event)


def message_contact(message):
    from nudgeweb.models.contacts import Contact

    return db.session.get(Contact, message.contact_id) if message.contact_id else None
