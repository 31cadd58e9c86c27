"""Send stored messages, each exactly once.

A task first *claims* its rows with one ``UPDATE … SET status='sending' WHERE status='queued'``:
only one worker can win a row, so a task that runs twice (Huey retry, a second consumer)
finds nothing left to send. Each message's outcome is committed right after the provider
answers, before the next one goes. A worker that dies between claim and send leaves its rows in
``sending``; once the claim is older than SEND_LEASE_SECONDS, ``recover_stalled`` puts them back
in the queue (the message in flight at the moment of the crash is the only one at risk).
"""
import logging
import threading
from contextlib import ExitStack, contextmanager
from datetime import timedelta

from flask import current_app
from sqlalchemy import bindparam, insert, or_, select, update
from sqlalchemy.orm.attributes import set_committed_value

from nudgeweb.delivery import tracking
from nudgeweb.delivery.backends import SendError
from nudgeweb.delivery.events import announce, record_event, summary_of
from nudgeweb.delivery.quiet_hours import end_of_quiet_hours, recipient_zone
from nudgeweb.delivery.transports import backend_for, sending_settings
from nudgeweb.models import ContactActivity, Organization, db, new_id, utcnow
from nudgeweb.models.messages import Message, MessageEvent

log = logging.getLogger(__name__)
FORGOTTEN_AFTER = timedelta(hours=1)  # a queued row this late lost its task (e.g. the queue was flushed)
messages_table = Message.__table__


def claim(organization_id, message_ids):
    """Mark the still-queued ones of ``message_ids`` as ours; returns the ids we won."""
    now = utcnow()
    with _one_writer():
        return _claim(organization_id, message_ids, now)


def _claim(organization_id, message_ids, now):
    claimed = db.session.execute(
        update(messages_table)
        .where(
            messages_table.c.organization_id == organization_id,
            messages_table.c.id.in_(message_ids),
            messages_table.c.status == "queued",
        )
        .values(status="sending", claimed_at=now, attempts=messages_table.c.attempts + 1, updated_at=now)
        .returning(messages_table.c.id)
    ).scalars().all()
    db.session.commit()
    return claimed


def send_claimed(organization_id, message_ids):
    """Claim and send; returns how many went out."""
    claimed = claim(organization_id, message_ids)
    if not claimed:
        return 0
    from nudgeweb.models.contacts import Contact

    session = db.session()
    session.expire_on_commit = False  # the batch's rows stay usable after each per-message commit
    try:
        organization = db.session.get(Organization, organization_id)
        settings = sending_settings(organization_id)
        messages = db.session.scalars(
            select(Message).where(Message.id.in_(claimed)).order_by(Message.created_at, Message.id)
            .execution_options(populate_existing=True)
        ).all()
        contact_ids = {m.contact_id for m in messages if m.contact_id}
        contacts = {c.id: c for c in db.session.scalars(select(Contact).where(Contact.id.in_(contact_ids)))}
        sent = 0
        with ExitStack() as stack:
            backends = {}
            for message in messages:
                contact = contacts.get(message.contact_id)
                if not _still_allowed(message, contact, organization, settings):
                    continue
                if message.channel not in backends:
                    backends[message.channel] = stack.enter_context(backend_for(message.channel, settings))
                sent += _send_one(message, contact, backends[message.channel])
        return sent
    finally:
        session.expire_on_commit = True


def _still_allowed(message, contact, organization, settings):
    """Consent and quiet hours, checked again at the moment of sending."""
    from nudgeweb.contacts.suppression import may_message

    if message.contact_id is None:
        return True
    if contact is None:
        _fail(message, None, "The contact was deleted.")
        return False
    allowed, reason = may_message(contact, message.channel, "marketing" if message.marketing else "transactional")
    if not allowed:
        _fail(message, contact, reason)
        return False
    later = end_of_quiet_hours(utcnow(), recipient_zone(contact, organization), settings.quiet_hours(message.channel))
    if later is not None:
        _requeue(message, later, count_attempt=False)
        return False
    return True


def _send_one(message, contact, backend):
    unsubscribe = None
    if message.channel == "email" and message.marketing and message.contact_id:
        unsubscribe = tracking.unsubscribe_url(message.id)
    try:
        provider_id = backend.send(message, unsubscribe_url=unsubscribe)
    except SendError as error:
        _failed_attempt(message, contact, error)
        return 0
    _record_sent(message, contact, backend.name, provider_id)
    return 1


# The hot path, in Core: one short transaction per sent message (its row, its event, its timeline
# entry) is what makes a re-run safe, and the ORM's unit of work would cost more than the send.
_MARK_SENT = (
    update(messages_table).where(messages_table.c.id == bindparam("message_id"))
    .values(status="sent", backend=bindparam("backend"), provider_id=bindparam("provider_id"),
            sent_at=bindparam("now"), updated_at=bindparam("now"), error=None)
)


def _record_sent(message, contact, backend_name, provider_id):
    now = utcnow()
    with _one_writer():
        _write_sent(message, contact, backend_name, provider_id, now)
    for name, value in (("status", "sent"), ("backend", backend_name), ("provider_id", provider_id),
                        ("sent_at", now), ("error", None)):
        set_committed_value(message, name, value)
    announce(message, "sent")


_WRITER = threading.Lock()


@contextmanager
def _one_writer():
    """SQLite has one writer at a time: the threads of a consumer take turns here, where a turn
    starts the moment the last one ends, rather than in SQLite's busy handler, which sleeps in steps."""
    if db.engine.dialect.name != "sqlite":
        yield
        return
    with _WRITER:
        yield


def _write_sent(message, contact, backend_name, provider_id, now):
    connection = db.session.connection()
    connection.execute(_MARK_SENT, {"message_id": message.id, "backend": backend_name, "provider_id": provider_id,
                                    "now": now})
    connection.execute(insert(MessageEvent.__table__), {
        "id": new_id(), "organization_id": message.organization_id, "message_id": message.id,
        "contact_id": message.contact_id, "type": "sent", "occurred_at": now})
    if contact is not None:
        connection.execute(insert(ContactActivity.__table__), {
            "id": new_id(), "organization_id": message.organization_id, "contact_id": contact.id,
            "kind": "message.sent", "summary": summary_of(message, "sent")[:500], "occurred_at": now, "created_at": now,
            "data": {"message_id": str(message.id), "channel": message.channel, "purpose": message.purpose}})
    db.session.commit()


def _failed_attempt(message, contact, error):
    if error.permanent:
        if error.bounce:
            _bounce(message, contact, error.reason)
        else:
            _fail(message, contact, error.reason)
    elif message.attempts >= current_app.config["SEND_MAX_ATTEMPTS"]:
        _fail(message, contact, f"Gave up after {message.attempts} attempts: {error.reason}")
    else:
        delay = current_app.config["SEND_RETRY_BASE_SECONDS"] * 4 ** (message.attempts - 1)
        message.error = error.reason[:1000]
        _requeue(message, utcnow() + timedelta(seconds=delay))


def _fail(message, contact, reason):
    record_event(message, "failed", contact=contact, detail=reason)


def _bounce(message, contact, reason):
    from nudgeweb.contacts.operations import unsubscribe

    record_event(message, "bounced", contact=contact, detail=reason)
    if contact is not None and contact.status == "subscribed":
        unsubscribe(contact, reason=reason[:200], status="bounced")


def _requeue(message, when, count_attempt=True):
    """Back in the queue for ``when`` (a retry, or the end of quiet hours)."""
    message.status, message.send_at, message.claimed_at = "queued", when, None
    if not count_attempt:
        message.attempts -= 1
    db.session.commit()
    from nudgeweb.delivery.operations import schedule_send

    schedule_send(message.organization_id, [message.id], when)


def recover_stalled():
    """Put back claims older than the lease (their worker died) and re-schedule forgotten rows."""
    now = utcnow()
    cutoff = now - timedelta(seconds=current_app.config["SEND_LEASE_SECONDS"])
    stalled = db.session.execute(
        select(messages_table.c.organization_id, messages_table.c.id).where(
            or_(
                (messages_table.c.status == "sending") & (messages_table.c.claimed_at <= cutoff),
                (messages_table.c.status == "queued") & (messages_table.c.send_at <= now - FORGOTTEN_AFTER),
            )
        )
    ).all()
    if not stalled:
        return 0
    db.session.execute(
        update(messages_table)
        .where(messages_table.c.id.in_([row.id for row in stalled]), messages_table.c.status == "sending",
               messages_table.c.claimed_at <= cutoff)
        .values(status="queued", claimed_at=None)
    )
    db.session.commit()
    from nudgeweb.delivery.operations import schedule_send

    by_organization = {}
    for row in stalled:
        by_organization.setdefault(row.organization_id, []).append(row.id)
    size = current_app.config["SEND_BATCH_SIZE"]
    for organization_id, ids in by_organization.items():
        for start in range(0, len(ids), size):
            schedule_send(organization_id, ids[start: start + size])
    log.info("Re-queued %d stalled messages", len(stalled))
    return len(stalled)
