"""Queue messages: render, check consent, apply quiet hours, store the row, schedule the send.

Nothing is sent here: once the transaction that stored the rows commits, ``messages_due`` asks
delivery.tasks for the Huey task that claims and sends them (delivery.engine), so a message is
stored before anything can go out.
"""
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import formataddr, parseaddr
from functools import partial
from itertools import islice

from flask import current_app
from sqlalchemy import Select, inspect, select, update

from nudgeweb import organization_cache
from nudgeweb.auth.verification import require_verified_sender
from nudgeweb.bulk import as_loaded, insert_rows
from nudgeweb.delivery import sealed, tracking
from nudgeweb.delivery.events import record_event
from nudgeweb.delivery.quiet_hours import end_of_quiet_hours, recipient_zone
from nudgeweb.delivery.signals import messages_due
from nudgeweb.delivery.sms import sms_as_sent
from nudgeweb.delivery.transports import from_address, sending_settings
from nudgeweb.models import Organization, db, new_id, utcnow
from nudgeweb.models.messages import Message, SendingSettings
from nudgeweb.sqlite_writer import one_writer
from nudgeweb.unit_of_work import after_commit_together, checkpoint

CHANNELS = ("email", "sms")
organization_cache.watch(SendingSettings)  # (and Organization, whose name the sender carries: watched by organization_cache)


@dataclass
class Batch:
    """What one queue_message / queue_messages call shares between its messages."""

    organization: Organization
    channel: str
    template: object
    variables: dict | None
    purpose: str
    purpose_id: object
    send_at: datetime | None
    track: bool
    marketing: bool
    context: dict = field(default_factory=dict)
    sender_name: str | None = None  # a campaign's own "from" name
    track_opens: bool = True  # a campaign may count fewer than the organization's settings allow
    track_clicks: bool = True
    reply_to: str | None = None
    sender_email: str | None = None  # a campaign's own "from" address (checked against sender_domains)

    def __post_init__(self):
        if self.channel not in CHANNELS:
            raise ValueError(f"channel must be one of {CHANNELS}, not {self.channel!r}")
        self.settings = sending_settings_in_force(self.organization, self.channel)
        self.sender = self.settings.sender
        if self.sender and (self.sender_name or self.sender_email):
            name, address = parseaddr(self.sender)
            self.sender = formataddr((self.sender_name or name, self.sender_email or address))
        self.window = self.settings.window
        self.send_at = self.send_at or utcnow()  # one moment for the whole batch: one task, not one per row
        if self.send_at.tzinfo is None:
            self.send_at = self.send_at.replace(tzinfo=timezone.utc)  # naive times are UTC, as stored


@dataclass(frozen=True)
class SendingSettingsInForce:
    """What queueing a message on one channel reads of the organization's sending settings."""

    sender: str | None  # an email's From
    window: tuple | None  # the channel's quiet hours
    track_opens: bool
    track_clicks: bool


def sending_settings_in_force(organization, channel):
    """The organization's sending settings for ``channel`` as a message is queued, kept a moment
    (organization_cache; the sender carries the organization's name)."""
    def read():
        settings = sending_settings(organization.id)
        return SendingSettingsInForce(from_address(organization, settings) if channel == "email" else None,
                                      settings.quiet_hours(channel), settings.track_opens, settings.track_clicks)

    return organization_cache.cached(organization.id, f"sending-settings:{channel}", read)


@dataclass
class QueueResult:
    queued: int = 0
    failed: int = 0
    message_ids: list = field(default_factory=list)


def queue_message(contact, channel, template, variables=None, *, purpose, purpose_id=None, send_at=None,
                  track=True, marketing=True, context=None):
    """Render ``template`` for ``contact``, store the message and schedule its send (after the commit).

    Raises TemplateRenderError before anything is stored when the template cannot render.
    Returns the Message: ``queued``, or ``failed`` with the reason when the contact may not be
    messaged on this channel. Raises EmailNotVerified while the organization may not send to customers.
    """
    require_verified_sender(contact.organization_id)
    organization = db.session.get(Organization, contact.organization_id)
    batch = Batch(organization, channel, template, variables, purpose, purpose_id, send_at, track, marketing,
                  context or {})
    row = compose(batch, contact)
    if inspect(contact).pending:
        db.session.flush()  # (the message refers to it)
    insert_rows(Message.__table__, [_table_row(row)])  # as queue_messages does, without the ORM's flush
    message = as_loaded(Message, row)
    if message.status == "failed":
        record_event(message, "failed", contact=contact, detail=message.error)
    else:
        schedule_send(organization.id, message.send_at)
    return message


def queue_messages(organization, contacts, channel, template, variables=None, *, purpose, purpose_id=None,
                   send_at=None, track=True, marketing=True, context=None, sender_name=None, claim=None,
                   track_opens=True, track_clicks=True, reply_to=None, sender_email=None):
    """Queue one message per contact, in batches (a bulk insert and one send task each).

    ``contacts`` is a list of Contacts or a Select of them (e.g. contacts.queries.segment_query);
    memory stays bounded whatever its size. Contacts that may not be messaged get a ``failed`` row.
    A long job: each batch is committed (``checkpoint``) and its send task queued before the next
    is composed, so sending starts while the rest is still being queued. ``claim(rows)``, when given,
    runs in the same write turn and transaction as the insert and returns the rows to store (a
    campaign marks its recipients there, so that a message exists exactly when its recipient is done).
    """
    require_verified_sender(organization.id)
    batch = Batch(organization, channel, template, variables, purpose, purpose_id, send_at, track, marketing,
                  context or {}, sender_name, track_opens, track_clicks, reply_to, sender_email)
    result = QueueResult()
    for chunk in _chunks_of_contacts(contacts, current_app.config["SEND_BATCH_SIZE"]):
        rows = [compose(batch, contact) for contact in chunk]
        with one_writer():
            if claim is not None:
                rows = claim(rows)
            insert_rows(Message.__table__, [_table_row(row) for row in rows])
        by_time = {}
        for row in rows:
            if row["status"] == "queued":
                by_time.setdefault(row["send_at"], []).append(row["id"])
                result.queued += 1
            else:
                result.failed += 1
        for when, ids in by_time.items():
            schedule_send(organization.id, when)
            result.message_ids.extend(ids)
        checkpoint()  # outside one_writer: a send task queued now may run at once (Huey immediate mode)
    return result


def queue_direct(organization, channel, to, *, text, subject=None, html=None, purpose, purpose_id=None,
                 send_at=None, schedule=True, settings=None):
    """A message to an address that is not a contact (a test to yourself, a team member): no template,
    no consent check, no tracking. ``schedule=False``: the caller queues many (with their ``settings``,
    read once), flushes them together and schedules their send itself (``schedule_send`` once a moment)."""
    settings = settings or sending_settings(organization.id)
    now = utcnow()
    sender = None
    if channel == "email":
        sender = sealed.install_sender() if sealed.uses_install_transport(purpose) else from_address(organization, settings)
    message = Message(
        id=new_id(), organization_id=organization.id, channel=channel, purpose=purpose, purpose_id=purpose_id,
        to=to, from_address=sender,
        subject=subject, html=html, text=text, status="queued", track=False, marketing=False,
        send_at=send_at or now, attempts=0,
    )
    db.session.add(message)
    if schedule:
        db.session.flush()
        schedule_send(organization.id, message.send_at)
    return message


def compose(batch, contact):
    """The column values of one message to ``contact`` (rendered, consent checked, quiet hours applied)."""
    from nudgeweb.contacts.suppression import may_message
    from nudgeweb.message_templates.rendering import render_message

    message_id = new_id()
    now = utcnow()
    unsubscribe = tracking.unsubscribe_url(message_id)
    rendered = render_message(batch.template, contact, batch.variables,
                              context={"unsubscribe_link": unsubscribe, **batch.context})
    row = {
        "id": message_id, "organization_id": batch.organization.id, "contact_id": contact.id,
        "template_id": getattr(batch.template, "id", None), "channel": batch.channel, "purpose": batch.purpose,
        "purpose_id": batch.purpose_id, "from_address": batch.sender, "status": "queued", "attempts": 0,
        "track": batch.track, "marketing": batch.marketing, "send_at": batch.send_at,
        "created_at": now, "updated_at": now, "error": None, "failed_at": None,
    }
    if batch.channel == "email":
        html, text = finish_email(batch, message_id, rendered.html or "", rendered.text or "", unsubscribe)
        row.update(to=contact.email or "", subject=rendered.subject, html=html, text=text, reply_to=batch.reply_to)
    else:
        row.update(to=contact.phone or "", subject=None, html=None, text=sms_as_sent(rendered.body, batch.marketing),
                   reply_to=None)
    allowed, reason = may_message(contact, batch.channel, "marketing" if batch.marketing else "transactional")
    if not allowed:
        row.update(status="failed", error=reason, failed_at=now)
    else:
        later = end_of_quiet_hours(row["send_at"], recipient_zone(contact, batch.organization), batch.window)
        if later is not None:
            row["send_at"] = later
    return row


def as_sent(organization, contact, channel, template, *, purpose, context=None, marketing=True):
    """The column values of the message ``contact`` would get (rendered, with the footer or the STOP
    line that sending adds), storing and sending nothing: what a preview shows. Links are not
    rewritten for tracking (they would lead to no message); they read the same."""
    batch = Batch(organization, channel, template, None, purpose, None, None, False, marketing, context or {})
    return compose(batch, contact)


def finish_email(batch, message_id, html, text, unsubscribe):
    if batch.marketing:
        html, text = tracking.add_unsubscribe_footer(html, text, unsubscribe)
        html, text = tracking.add_postal_address(html, text, batch.organization.footer_address)
    if batch.track and batch.track_clicks and batch.settings.track_clicks:
        html = tracking.track_clicks(html, message_id, keep=(unsubscribe,))
    if batch.track and batch.track_opens and batch.settings.track_opens:
        html = tracking.add_open_pixel(html, message_id)
    return html, text


def cancel_queued(organization_id, purpose, purpose_id):
    """Cancel the messages of ``purpose``/``purpose_id`` that wait to be sent; returns how many.

    One UPDATE on status 'queued', the same condition the send task claims on: a message is either
    cancelled or claimed (then already on its way), never both.
    """
    now = utcnow()
    return db.session.execute(
        update(Message)
        .where(Message.organization_id == organization_id, Message.purpose == purpose,
               Message.purpose_id == purpose_id, Message.status == "queued")
        .values(status="cancelled", error="Cancelled before it was sent.", updated_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount


def schedule_send(organization_id, send_at=None):
    """Once the transaction commits, the organization's messages due at ``send_at`` (None: now) are
    sent (``messages_due``: delivery.tasks queues the task, or finds one queued already); once
    per transaction and moment, however many messages were stored."""
    after_commit_together(("messages_due", organization_id, send_at), partial(_announce_due, organization_id, send_at),
                          None)


def _announce_due(organization_id, send_at, _items):
    messages_due.send(organization_id, send_at=send_at)


def _table_row(row):
    """compose() speaks the model's attribute names; the column behind ``Message.to`` is ``to_address``."""
    row = dict(row)
    row["to_address"] = row.pop("to")
    return row


def _chunks_of_contacts(contacts, size):
    from nudgeweb.models.contacts import Contact

    if not isinstance(contacts, Select):
        iterator = iter(contacts)
        while chunk := list(islice(iterator, size)):
            yield chunk
        return
    for chunk_ids in _pages_of_ids(contacts.with_only_columns(Contact.id), Contact.id, size):
        yield recipients_by_id(chunk_ids)


@dataclass(frozen=True)
class Recipient:
    """What compose() reads of a contact, read in bulk without the ORM's bookkeeping (which costs
    more than rendering the message); the same names as Contact's."""

    id: object
    organization_id: object
    email: str | None
    phone: str | None
    first_name: str
    last_name: str
    company_name: str
    custom_fields: dict
    status: str
    timezone: str | None
    tags: list

    @property
    def full_name(self):
        return " ".join(part for part in (self.first_name, self.last_name) if part)


def sample_recipient(organization):
    """The sample contact of template previews (Jamie Rivera, a number of the business's country), as compose()
    reads a contact."""
    from nudgeweb.message_templates.operations import sample_contact

    return Recipient(id=None, organization_id=organization.id, status="subscribed", timezone=None,
                     **sample_contact(organization.default_country))


def recipients_by_id(contact_ids):
    """The Recipients of these contacts (ids the caller read in its organization), looked up by primary key."""
    from nudgeweb.models.contacts import Contact, Tag, contact_tags

    tags = {}
    for contact_id, name in db.session.execute(
        select(contact_tags.c.contact_id, Tag.name).join(Tag, Tag.id == contact_tags.c.tag_id)
        .where(contact_tags.c.contact_id.in_(contact_ids))
    ):
        tags.setdefault(contact_id, []).append(name)
    columns = [Contact.__table__.c[name] for name in Recipient.__dataclass_fields__ if name != "tags"]
    return [Recipient(*row, tags=sorted(tags.get(row.id, ()), key=str.lower))
            for row in db.session.execute(select(*columns).where(Contact.id.in_(contact_ids)))]


def _pages_of_ids(ids_query, id_column, size):
    """The ids of a Select, ``size`` at a time, in id order (keyset pages: memory stays bounded
    whatever the number of contacts)."""
    if ids_query._limit_clause is not None or ids_query._offset_clause is not None:
        ids = db.session.scalars(ids_query).all()  # already bounded by the caller
        for start in range(0, len(ids), size):
            yield ids[start: start + size]
        return
    ids_query = ids_query.order_by(None).order_by(id_column).limit(size)
    page = db.session.scalars(ids_query).all()
    while page:
        yield page
        if len(page) < size:
            return
        page = db.session.scalars(ids_query.where(id_column > page[-1])).all()
