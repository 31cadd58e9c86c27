"""Send stored messages, each exactly once.

A task first *claims* its rows with one ``UPDATE … SET status='sending' WHERE status='queued'``:
only one worker can win a row, so a task that runs twice (Huey retry, a second consumer)
finds nothing left to send. The moment the provider accepts a message, its ``sent_at`` and
provider id are committed (one small UPDATE on a connection of its own, before the next
message goes): that row is never sent again. A message kept in the local outbox leaves nothing
to send twice: its receipt waits for the end of the batch. Everything else about the send (status ``sent``,
the events, the contacts' timeline entries, the ``message_event`` signal) is written for the
whole batch at its end, in one transaction. A worker that dies mid-batch leaves its rows in
``sending``; once the claim is older than SEND_LEASE_SECONDS, ``recover_stalled`` records
those with a ``sent_at`` as sent and puts the others back in the queue (the message in flight
at the moment of the crash is the only one at risk).

The send task commits as it goes (``checkpoint``): the claim before anything is sent, each
failure or retry as it happens, the batch's sends at its end.
"""
import logging
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import bindparam, or_, select, update
from sqlalchemy.orm import lazyload
from sqlalchemy.orm.attributes import set_committed_value

from nudgeweb.analytics.counters import campaign_of, count_rows
from nudgeweb.bulk import insert_rows, prepared_statement
from nudgeweb.campaigns import summaries as campaign_summaries
from nudgeweb.contacts.timeline import record_activities
from nudgeweb.delivery import sealed, slots, tracking
from nudgeweb.delivery.backends import SendError
from nudgeweb.delivery.events import announce_all, domain_event_data, domain_event_of, on_timeline, record_event, summary_of
from nudgeweb.delivery.operations import schedule_send
from nudgeweb.delivery.quiet_hours import end_of_quiet_hours, recipient_zone
from nudgeweb.delivery.transports import backend_for, sending_settings
from nudgeweb.domain_events import record_events
from nudgeweb.models import Organization, db, new_id, utcnow
from nudgeweb.models.messages import Message, MessageEvent
from nudgeweb.sqlite_writer import one_writer
from nudgeweb.unit_of_work import ACROSS_ORGANIZATIONS, checkpoint

log = logging.getLogger(__name__)
# A message still queued this long after its time lost its task (handed to a worker that died taking it, the queue
# flushed): the minute's sweep queues one. A busy organization's backlog gets one more task, which the flag and the
# slots keep from multiplying.
FORGOTTEN_AFTER = timedelta(minutes=2)
messages_table = Message.__table__


def claim(organization_id, message_ids=(), due_by=None):
    """Mark the still-queued ones of ``message_ids`` as ours, with the organization's other messages
    due now or by ``due_by`` (up to SEND_BATCH_SIZE in all), committed before anything is sent;
    returns the ids we won.

    The send task (tasks.send_due_messages) names none: it takes the organization's messages due now,
    however they were queued (one at a time by an integration's requests, or a campaign's batch), and
    sends them in batches over one connection. It looks first (``any_due``): a task with nothing
    left to take stops after one read, without taking the writer's turn.
    """
    now = utcnow()
    with one_writer():
        claimed = _claim(organization_id, message_ids, now, _due_by(now, due_by))
        checkpoint()  # the claim holds for every other worker from now on
    return claimed


def any_due(organization_id, due_by=None):
    """Whether one of the organization's messages due now (or by ``due_by``) waits in the queue."""
    return db.session.scalar(
        select(messages_table.c.id).where(
            messages_table.c.organization_id == organization_id,
            messages_table.c.status == "queued",
            messages_table.c.send_at <= _due_by(utcnow(), due_by),
        ).limit(1)
    ) is not None


def _due_by(now, due_by):
    """The task queued for a message's ``send_at`` sends it then, even if its clock is a hair behind."""
    return now if due_by is None else max(now, due_by)


def _claim(organization_id, message_ids, now, due_by):
    room = current_app.config["SEND_BATCH_SIZE"] - len(message_ids)
    also_due = (
        select(messages_table.c.id)
        .where(messages_table.c.status == "queued", messages_table.c.send_at <= due_by,
               messages_table.c.organization_id == organization_id)
        .order_by(messages_table.c.send_at).limit(max(room, 0))
    )
    wanted = messages_table.c.id.in_(also_due.scalar_subquery())
    if message_ids:
        wanted = or_(messages_table.c.id.in_(message_ids), wanted)
    return db.session.execute(
        update(messages_table)
        .where(messages_table.c.organization_id == organization_id, wanted, messages_table.c.status == "queued")
        .values(status="sending", claimed_at=now, sent_at=None, attempts=messages_table.c.attempts + 1,
                updated_at=now)
        .returning(messages_table.c.id)
    ).scalars().all()


@dataclass
class Sent:
    """A message the provider accepted, waiting for the end of its batch to be recorded."""

    message: Message
    backend: str
    provider_id: str | None
    at: datetime
    receipted: bool = True  # its receipt was committed as it went (else it is written with the batch)


def send_claimed(organization_id, message_ids, settings=None):
    """Claim and send; returns how many went out."""
    return send_batch(organization_id, claim(organization_id, message_ids), settings)


def send_batch(organization_id, claimed, settings=None):
    """Send the messages we claimed (``claim``), over one connection a channel; returns how many went out."""
    if not claimed:
        return 0
    from nudgeweb.models.contacts import Contact

    session = db.session()
    session.expire_on_commit = False  # the batch's rows stay usable after a failure's checkpoint
    sent = []
    try:
        organization = db.session.get(Organization, organization_id)
        settings = settings or sending_settings(organization_id)
        # By primary key alone, the organization checked here: with the organization's condition in the
        # query, SQLite (no statistics) walks all the organization's rows for each batch instead.
        messages = [message for message in db.session.scalars(
            select(Message).where(Message.id.in_(claimed)).order_by(Message.created_at, Message.id)
            .execution_options(populate_existing=True, **ACROSS_ORGANIZATIONS)
        ) if message.organization_id == organization_id]
        contact_ids = {m.contact_id for m in messages if m.contact_id}
        contacts = {c.id: c for c in db.session.scalars(
            select(Contact).where(Contact.id.in_(contact_ids)).options(lazyload(Contact.tag_rows))  # not needed here
            .execution_options(**ACROSS_ORGANIZATIONS)) if c.organization_id == organization_id}
        links = sealed.links_for(messages)
        with ExitStack() as stack:
            backends = {}
            receipts = stack.enter_context(_Receipts(db.engine))
            for message in messages:
                contact = contacts.get(message.contact_id)
                if not _still_allowed(message, contact, organization, settings):
                    continue
                route = (message.channel, sealed.uses_install_transport(message.purpose))
                if route not in backends:
                    route_settings = sealed.install_settings(organization_id) if route[1] else settings
                    backends[route] = stack.enter_context(backend_for(message.channel, route_settings))
                done = _send_one(message, contact, backends[route], receipts, links)
                if done is not None:
                    sent.append(done)
    finally:
        try:
            record_sent(organization_id, sent)
        finally:
            session.expire_on_commit = True
    return len(sent)


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


def _send_one(message, contact, backend, receipts, links):
    unsubscribe = None
    if message.channel == "email" and message.marketing and message.contact_id:
        unsubscribe = tracking.unsubscribe_url(message.id)
    outgoing = sealed.unsealed(message, links.get(message.id)) if sealed.is_sealed(message.purpose) else message
    if outgoing is None:
        _fail(message, contact, "The link of this message no longer works (it was used, or is too old): "
                                "nothing was sent.")
        return None
    try:
        provider_id = backend.send(outgoing, unsubscribe_url=unsubscribe)
    except SendError as error:
        _failed_attempt(message, contact, error)
        return None
    done = Sent(message, backend.name, provider_id, utcnow(), receipted=backend.leaves_the_machine)
    if done.receipted:
        receipts.commit(done)
    return done


# The provider took the message: this row must never go out again, whatever happens next. One
# small UPDATE committed on a connection of its own (the session's commit costs more than the
# write), before the next message is sent.
_RECEIPT = (
    update(messages_table)
    .where(messages_table.c.id == bindparam("message_id"), messages_table.c.status == "sending")
    .values(sent_at=bindparam("now"), backend=bindparam("backend"), provider_id=bindparam("provider_id"),
            updated_at=bindparam("now"))
)


class _Receipts:
    """The batch's receipts, each committed at once on a driver connection of their own, the UPDATE compiled
    once (bulk.PreparedStatement)."""

    def __init__(self, engine):
        self.statement = prepared_statement(_RECEIPT, engine.dialect)
        self.connection = engine.raw_connection()

    def commit(self, done):
        with one_writer():
            self.statement.execute(self.connection.driver_connection, _receipt_of(done))
            self.connection.commit()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.connection.rollback()  # (nothing is left to undo unless a commit failed)
        self.connection.close()


def _receipt_of(done):
    return {"message_id": done.message.id, "now": done.at, "backend": done.backend, "provider_id": done.provider_id}


def record_sent(organization_id, sent):
    """The batch's sent messages: status, one ``sent`` event each, the contacts' timeline entries and
    the domain events (in bulk) and the ``message_event`` signal for each, committed together
    (``checkpoint``: they stay recorded even when the batch stops on an error)."""
    if not sent:
        return
    now = utcnow()
    with one_writer():
        unreceipted = [_receipt_of(done) for done in sent if not done.receipted]
        if unreceipted:  # (kept in the outbox: the receipts of the whole batch, in one statement)
            db.session.connection().execute(_RECEIPT, unreceipted)
        db.session.execute(
            update(messages_table)
            .where(messages_table.c.id.in_([done.message.id for done in sent]), messages_table.c.status == "sending")
            .values(status="sent", error=None, updated_at=now)
        )
        campaign_summaries.count_events(db.session, organization_id, [
            {"message_id": done.message.id, "campaign": done.message.purpose_id if done.message.purpose == "campaign"
             else None, "type": "sent", "url": None, "user_agent": None, "occurred_at": done.at, "backend": done.backend}
            for done in sent
        ])
        insert_rows(MessageEvent.__table__, [
            {"id": new_id(), "organization_id": organization_id, "message_id": done.message.id,
             "contact_id": done.message.contact_id, "type": "sent", "url": None, "ip": None, "user_agent": None,
             "detail": None, "occurred_at": done.at}
            for done in sent
        ])
        count_rows(db.session, organization_id, MessageEvent, [
            {"type": "sent", "channel": done.message.channel, "purpose": done.message.purpose, "user_agent": None,
             "occurred_at": done.at, "campaign": campaign_of(done.message.purpose, done.message.purpose_id)} for done in sent
        ])
        count_rows(db.session, organization_id, Message, [  # (what the message counts now that it went out)
            {"channel": done.message.channel, "opened_at": None, "clicked_at": None, "purpose": done.message.purpose,
             "purpose_id": done.message.purpose_id, "status": "sent", "sent_at": done.at} for done in sent
        ])
        record_activities(organization_id, [
            {"contact_id": done.message.contact_id, "kind": "message.sent", "occurred_at": done.at,
             "summary": summary_of(done.message, "sent", backend=done.backend), "data": _activity_data(done.message)}
            for done in sent if on_timeline(done.message, "sent")
        ])
        _record_domain_events(organization_id, sent)
        for done in sent:
            for name, value in (("status", "sent"), ("backend", done.backend), ("provider_id", done.provider_id),
                                ("sent_at", done.at), ("error", None)):
                set_committed_value(done.message, name, value)
        announce_all([done.message for done in sent], "sent")
        checkpoint()  # inside one_writer: no task due now waits for this commit (a retry queued its own)


def _record_domain_events(organization_id, sent):
    by_type = {}
    for done in sent:
        event_type = domain_event_of(done.message, "sent")
        if event_type:
            by_type.setdefault(event_type, []).append(domain_event_data(done.message, done.at))
    for event_type, datas in by_type.items():
        record_events(event_type, datas, organization_id)


def _activity_data(message):
    data = {"message_id": str(message.id), "channel": message.channel, "purpose": message.purpose}
    if message.purpose_id:
        data["purpose_id"] = str(message.purpose_id)
    return data


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
    checkpoint()  # kept at once, as a receipt is: a crash later in the batch does not try it again


def _bounce(message, contact, reason):
    from nudgeweb.contacts.operations import unsubscribe

    record_event(message, "bounced", contact=contact, detail=reason)
    if contact is not None and contact.status == "subscribed":
        unsubscribe(contact, reason=reason[:200], status="bounced")
    checkpoint()  # kept at once, as a receipt is


def _requeue(message, when, count_attempt=True):
    """Back in the queue for ``when`` (a retry, or the end of quiet hours), kept at once."""
    message.status, message.send_at, message.claimed_at = "queued", when, None
    if not count_attempt:
        message.attempts -= 1
    schedule_send(message.organization_id, when)
    checkpoint()


def recover_stalled():
    """Claims older than the lease (their worker died): the messages the provider took are
    recorded as sent, the others go back in the queue. Their organizations, and those with a message
    queued and late (its task was lost), get a send task once the sweep commits. Returns how many
    messages were put back in the queue."""
    now = utcnow()
    cutoff = now - timedelta(seconds=current_app.config["SEND_LEASE_SECONDS"])
    stale = (messages_table.c.status == "sending") & (messages_table.c.claimed_at <= cutoff)
    rows = db.session.execute(
        select(messages_table.c.organization_id, messages_table.c.id, messages_table.c.sent_at).where(stale)
    ).all()
    _record_stalled_receipts([row for row in rows if row.sent_at is not None])
    unsent = [row for row in rows if row.sent_at is None]
    if unsent:
        db.session.execute(
            update(messages_table)
            .where(messages_table.c.id.in_([row.id for row in unsent]), stale, messages_table.c.sent_at.is_(None))
            .values(status="queued", claimed_at=None)
        )
        log.info("Re-queued %d stalled messages", len(unsent))
    for organization_id in {row.organization_id for row in unsent} | set(_late_organizations(now)):
        # the task the flag promises may have died with a worker: a new one is queued all the same
        slots.release(slots.queued_flag(organization_id))
        schedule_send(organization_id)  # one task, then the next while more are due
    return len(unsent)


def _late_organizations(now):
    """The organizations with a message still queued FORGOTTEN_AFTER past its time."""
    return db.session.scalars(
        select(messages_table.c.organization_id).where(
            messages_table.c.status == "queued", messages_table.c.send_at <= now - FORGOTTEN_AFTER
        ).distinct()
    ).all()


def _record_stalled_receipts(rows):
    """Sent by a worker that died before the end of its batch: recorded now, never sent again."""
    for organization_id, ids in _by_organization(rows).items():
        messages = db.session.scalars(select(Message).where(Message.id.in_(ids))).all()
        record_sent(organization_id, [Sent(m, m.backend, m.provider_id, m.sent_at) for m in messages])
        log.info("Recorded %d messages sent by a worker that stopped", len(messages))


def _by_organization(rows):
    grouped = {}
    for row in rows:
        grouped.setdefault(row.organization_id, []).append(row.id)
    return grouped
