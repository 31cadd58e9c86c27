"""The life of a review request: create, send each step, follow up, track the customer, cancel, resend.

A request's first message is a real Huey task scheduled for its time (tasks.send_review_step), asked
for with ``review_step_due`` once the transaction commits (a request due at once sends it in its own
transaction). Its follow-ups, days later, wait in their rows (``next_follow_up_at``): the minute's sweep
(tasks.queue_due_follow_ups) sends those whose time has come, a business at a time, rather than one Huey
task per request piling up in Huey's schedule. A step checks the request first: a request that is
finished (clicked, reviewed, cancelled, failed) or whose step already went out does nothing, so
duplicate and late runs are harmless. Time is ``clock.now()``. Operations flush; the request or
the task that calls them commits.
"""
import json
import uuid
from datetime import timedelta, timezone
from functools import partial
from types import SimpleNamespace

from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from nudgeweb import clock
from nudgeweb.analytics.counters import COUNTED, count_changed_rows
from nudgeweb.auth.verification import require_verified_sender
from nudgeweb.bulk import insert_new_object, insert_row, insert_rows, writes_at_the_end
from nudgeweb.contacts.fields import ContactValidator
from nudgeweb.contacts.operations import ContactValidationError, upsert_contact
from nudgeweb.contacts.suppression import may_message
from nudgeweb.contacts.timeline import record_activities, record_activity
from nudgeweb.delivery import cancel_queued
from nudgeweb.delivery.events import KEPT_IN_OUTBOX
from nudgeweb.domain_events import record_event, record_events
from nudgeweb.field_errors import FieldErrors
from nudgeweb.message_templates.rendering import TemplateRenderError
from nudgeweb.models import db, new_id
from nudgeweb.models.contacts import Contact
from nudgeweb.models.reviews import CHANNEL_CHOICES, FINISHED, PROGRESS, ReviewRequest, ReviewRequestEvent, new_public_token
from nudgeweb.reviews.links import review_link
from nudgeweb.reviews.messaging import queue_review_message
from nudgeweb.reviews.settings import review_settings_in_force
from nudgeweb.reviews.signals import review_left, review_step_due
from nudgeweb.unit_of_work import ACROSS_ORGANIZATIONS, after_commit, after_commit_together, checkpoint

MAX_DELAY_HOURS = 24 * 365
MAX_METADATA_BYTES = 16 * 1024  # the caller's free JSON, kept with every request
# A step task that wakes up a little early (clock skew between machines) still runs.
EARLY_TOLERANCE = timedelta(minutes=1)
FOLLOW_UP_BATCH = 200  # the follow-ups the sweep sends in one transaction
# The owners hear of a request's rating (and of its feedback) once, then again only after this long
# without a new one: a customer (or anyone holding the link) posting 30 times sends one email, not 30.
OWNER_NOTICE_QUIET = timedelta(hours=1)
# The request's timeline entries that are domain events (webhooks, automations)
DOMAIN_EVENTS = {"scheduled": "review_request.scheduled", "sent": "review_request.sent",
                 "follow_up_sent": "review_request.sent", "clicked": "review_request.clicked",
                 "rated": "review_request.rated", "feedback": "feedback.received"}


class ReviewRequestError(FieldErrors):
    """Input that cannot make a request; ``errors`` maps each bad field (as the caller named it) to a message."""


class ReviewRequestRefused(ValueError):
    """A valid request that Nudge won't send: ``reason`` is asked_recently, unsubscribed or no_channel."""

    def __init__(self, message, reason, contact=None, existing=None):
        super().__init__(message)
        self.reason, self.contact, self.existing = reason, contact, existing


# --- creating ------------------------------------------------------------------------------------

def check_request_options(delay_hours, channel, metadata):
    """Errors of the request's own options, by field name."""
    errors = {}
    if isinstance(delay_hours, bool) or not isinstance(delay_hours, int):
        errors["delay_hours"] = "delay_hours must be a whole number of hours (0 or more)."
    elif not 0 <= delay_hours <= MAX_DELAY_HOURS:
        errors["delay_hours"] = f"delay_hours must be between 0 and {MAX_DELAY_HOURS}."
    if channel is not None and channel not in CHANNEL_CHOICES:
        errors["channel"] = f"channel must be one of {', '.join(CHANNEL_CHOICES)}."
    if metadata is not None and not isinstance(metadata, dict):
        errors["metadata"] = "metadata must be an object."
    elif metadata:
        size = len(json.dumps(metadata, separators=(",", ":"), default=str).encode())
        if size > MAX_METADATA_BYTES:
            errors["metadata"] = (f"metadata must be at most {MAX_METADATA_BYTES // 1024} KB as JSON "
                                  f"({size / 1024:,.0f} KB given).")
    return errors


def create_review_request(organization, contact_data, delay_hours=None, channel=None, employee_id=None,
                          metadata=None, insist=False, now=None, source="manual", created_by=None,
                          validator=None, contact_source="review_request"):
    """Upsert the contact (``contact_source``: review_request, or employee from an employee's page) and
    schedule a review request for it.

    Raises ReviewRequestError (every bad field; the caller's answer is an error, which rolls back)
    or ReviewRequestRefused (the contact unsubscribed, has no address for the channel, or was asked
    recently; the contact is kept all the same), and EmailNotVerified before anything when the
    organization may not send to customers yet.
    """
    require_verified_sender(organization.id)
    settings = review_settings_in_force(organization)
    delay_hours = settings.default_delay_hours if delay_hours is None else delay_hours
    validator = validator or ContactValidator.for_organization(organization)
    errors = request_errors(organization, contact_data, delay_hours, channel, metadata, validator)
    if errors:
        raise ReviewRequestError(errors)
    try:
        # the rows are written together at the end: the rendering in between holds no lock (bulk.writes_at_the_end);
        # a new contact whose email another request added meanwhile raises RunAgain there (the caller runs again)
        with writes_at_the_end():
            try:
                contact, created = upsert_contact(organization, contact_data, source=contact_source,
                                                   validator=validator)
            except ContactValidationError as error:  # e.g. an email and a phone of two different contacts
                raise ReviewRequestError(_as_given(error.errors, contact_data))
            # a contact created just now was never asked: no need to look for a recent request
            return request_for_contact(organization, contact, delay_hours=delay_hours, channel=channel,
                                       employee_id=employee_id, metadata=metadata, insist=insist or created,
                                       now=now, source=source, created_by=created_by, settings=settings,
                                       sender_checked=True, first_step_now=True)
    except ReviewRequestRefused:
        checkpoint()  # the contact is kept though the answer is a refusal: Add Contact added it
        raise


def request_errors(organization, contact_data, delay_hours, channel=None, metadata=None, validator=None):
    """Every bad field of a request, by the name the caller used; {} when it can be made."""
    errors = check_request_options(delay_hours, channel, metadata)
    validator = validator or ContactValidator.for_organization(organization)
    _clean, contact_errors = validator.validate(contact_data)
    errors.update(_as_given(contact_errors, contact_data))
    return errors


def _as_given(errors, data):
    """Contact errors named as the caller named the field (mobile_phone_number stays so)."""
    if "phone" in errors and "phone" not in data:
        for alias in ("mobile_phone_number", "phone_number"):
            if alias in data:
                errors = {alias if field == "phone" else field: message for field, message in errors.items()}
                break
    return errors


def channel_for(contact, choice):
    """The channel a request to ``contact`` goes by (choice auto, email or sms), or None."""
    if choice == "auto":
        return "sms" if contact.phone else ("email" if contact.email else None)
    return choice if (contact.phone if choice == "sms" else contact.email) else None


def recent_request(contact, days, now):
    """The contact's live request of the last ``days`` days, if any."""
    if not days:
        return None
    return db.session.scalar(
        select(ReviewRequest)
        .where(ReviewRequest.organization_id == contact.organization_id,
               ReviewRequest.contact_id == contact.id,
               ReviewRequest.status.not_in(("cancelled", "failed")),
               ReviewRequest.scheduled_for >= now - timedelta(days=days))
        .order_by(ReviewRequest.scheduled_for.desc())
        .limit(1)
    )


def request_for_contact(organization, contact, *, delay_hours, channel=None, employee_id=None, metadata=None,
                        insist=False, now=None, source="manual", created_by=None, settings=None,
                        sender_checked=False, first_step_now=False):
    """Schedule a request for an existing contact; its first step is queued once the transaction commits.

    ``first_step_now``: a first step due at once is taken in this transaction (its message stored with
    the request) rather than by a task of its own. ``sender_checked``: the caller ran require_verified_sender.
    """
    if not sender_checked:
        require_verified_sender(organization.id)
    now = now or clock.now()
    settings = settings or review_settings_in_force(organization)
    chosen = channel_for(contact, channel or settings.default_channel)
    if chosen is None:
        wanted = {"sms": "a mobile phone number", "email": "an email address"}.get(channel or settings.default_channel,
                                                                                  "an email address or a phone")
        raise ReviewRequestRefused(f"{contact.display_name} has no {wanted.removeprefix('a ').removeprefix('an ')} "
                                   f"to send to.", "no_channel", contact)
    allowed, why = may_message(contact, chosen, purpose="marketing")
    if not allowed:
        raise ReviewRequestRefused(why, "unsubscribed", contact)
    if not insist:
        existing = recent_request(contact, settings.ask_again_after_days, now)
        if existing is not None:
            raise ReviewRequestRefused(
                f"{contact.display_name} was already asked for a review in the last "
                f"{settings.ask_again_after_days} days.", "asked_recently", contact, existing)
    request = ReviewRequest(
        id=new_id(), organization=organization, organization_id=organization.id, contact=contact,
        contact_id=contact.id, employee_id=employee_id, public_token=new_public_token(), steps_sent=0,
        channel=chosen, scheduled_for=now + timedelta(hours=delay_hours), status="scheduled",
        extra=dict(metadata or {}), source=source, created_by_id=getattr(created_by, "id", created_by),
    )
    # the request is written once, as its first step left it, when the writes end (its events right after it;
    # the reads in between, its template and the sending settings, need none of them). A new request counts
    # nothing in the hourly counts yet: it is sent, opened ... later.
    with db.session.no_autoflush, writes_at_the_end():
        insert_new_object(request)
        add_event(request, "scheduled", _scheduled_summary(chosen, delay_hours), now, {"delay_hours": delay_hours})
        if first_step_now and delay_hours == 0:
            perform_step(request, 0, now, settings)
        else:
            schedule_first_step(request, request.scheduled_for)
    return request


def _scheduled_summary(channel, delay_hours):
    when = "now" if delay_hours == 0 else f"in {delay_hours} hour{'s' if delay_hours != 1 else ''}"
    return f"Scheduled by {channel.upper() if channel == 'sms' else 'email'}, to go {when}"


def schedule_requests(organization, contacts, *, delay_hours, now, source="bulk", created_by=None, settings):
    """Requests for many contacts at once (a bulk ask): request_for_contact's checks but the
    asked-recently one (the caller leaves those contacts out), the rows inserted in bulk and the
    first steps queued together. Returns (made, refused)."""
    rows, events, activities, domain_events = [], [], [], []
    scheduled_for = now + timedelta(hours=delay_hours)
    for contact in contacts:
        chosen = channel_for(contact, settings.default_channel)
        if chosen is None or not may_message(contact, chosen, purpose="marketing")[0]:
            continue
        request_id, summary = new_id(), _scheduled_summary(chosen, delay_hours)
        rows.append({"id": request_id, "organization_id": organization.id, "contact_id": contact.id,
                     "created_by_id": getattr(created_by, "id", created_by), "source": source, "channel": chosen,
                     "scheduled_for": scheduled_for, "status": "scheduled", "steps_sent": 0, "metadata": {},
                     "public_token": new_public_token(), "created_at": now, "updated_at": now})
        events.append({"id": new_id(), "organization_id": organization.id, "review_request_id": request_id,
                       "kind": "scheduled", "summary": summary, "data": {"delay_hours": delay_hours},
                       "occurred_at": now})
        activities.append({"contact_id": contact.id, "kind": "review_request.scheduled", "occurred_at": now,
                           "summary": f"Review request: {summary}",
                           "data": {"review_request_id": str(request_id), "delay_hours": delay_hours}})
        domain_events.append(_scheduled_event_data(request_id, contact, chosen, delay_hours, now))
    insert_rows(ReviewRequest.__table__, rows)
    insert_rows(ReviewRequestEvent.__table__, events)
    record_activities(organization.id, activities)
    record_events(DOMAIN_EVENTS["scheduled"], domain_events, organization.id)
    for row in rows:
        _schedule_first_step_of(organization.id, row["id"], scheduled_for)
    return len(rows), len(contacts) - len(rows)


def _scheduled_event_data(request_id, contact, channel, delay_hours, now):
    """domain_event_data's shape for a request inserted in bulk (no ORM object to read it from)."""
    return {
        "review_request_id": str(request_id), "contact_id": str(contact.id), "email": contact.email,
        "phone": contact.phone, "status": "scheduled", "rating": None,
        "timestamp": now.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "metadata": {"delay_hours": delay_hours, "channel": channel},
    }


def schedule_first_step(request, eta):
    """Once the transaction commits, a real Huey task for the request's first message, due at ``eta``
    (one task for the requests of one transaction due at the same moment: a bulk ask)."""
    _schedule_first_step_of(request.organization_id, request.id, eta)


def _schedule_first_step_of(organization_id, request_id, eta):
    after_commit_together(("review_step", organization_id, eta), partial(_first_steps_due, organization_id, eta),
                          request_id)


def _first_steps_due(organization_id, eta, request_ids):
    review_step_due.send(organization_id, request_ids=request_ids, step=0, eta=eta)


def add_event(request, kind, summary, occurred_at, data=None, activity=True):
    """A line on the request's timeline, (by default) on the contact's, and its domain event if it has one."""
    insert_row(ReviewRequestEvent.__table__, _event_row(request, kind, summary, occurred_at, data), after=request)
    if kind in DOMAIN_EVENTS:
        record_event(DOMAIN_EVENTS[kind], domain_event_data(request, occurred_at, data), request.organization_id)
    if activity:
        entry = _activity_entry(request, kind, summary, occurred_at, data)
        record_activity(request.contact, entry["kind"], entry["summary"], entry["data"], occurred_at=occurred_at)


def _event_row(request, kind, summary, occurred_at, data):
    return {"id": new_id(), "organization_id": request.organization_id, "review_request_id": request.id, "kind": kind,
            "summary": summary[:300], "data": data or {}, "occurred_at": occurred_at}


def _activity_entry(request, kind, summary, occurred_at, data):
    """The contact's timeline entry of the request's line (contacts.timeline.record_activities' shape)."""
    return {"contact_id": request.contact_id, "kind": f"review_request.{kind}", "summary": f"Review request: {summary}",
            "data": {"review_request_id": str(request.id), **(data or {})}, "occurred_at": occurred_at}


def domain_event_data(request, occurred_at, data):
    """The request's event as integrators get it (seed 001's shape)."""
    contact = request.contact
    metadata = {**(data or {}), "channel": request.channel}
    if "feedback" in metadata:
        metadata["feedback"] = request.feedback
    return {
        "review_request_id": str(request.id), "contact_id": str(request.contact_id) if request.contact_id else None,
        "email": contact.email if contact else None, "phone": contact.phone if contact else None,
        "status": request.status, "rating": request.rating,
        "timestamp": occurred_at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "metadata": metadata,
    }


# --- sending each step ---------------------------------------------------------------------------

def due_time(request, step):
    return request.scheduled_for if step == 0 else request.next_follow_up_at


def perform_step(request, step, now=None, settings=None):
    """Send step ``step`` (0: the request, n: follow-up n) if it is still wanted; returns what happened."""
    now = now or clock.now()
    if request.status in FINISHED:
        return "finished"
    if step != request.steps_sent:
        return "done already"
    due = due_time(request, step)
    if due is None:
        return "not wanted"
    if due > now + EARLY_TOLERANCE:
        if step == 0:  # moved later: wait for its time (a follow-up waits for the sweep that finds it due)
            schedule_first_step(request, due)
        return "early"
    settings = settings or review_settings_in_force(request.organization)
    allowed, why = may_message(request.contact, request.channel, purpose="marketing")
    if not allowed:
        stop(request, why, now, failed=(step == 0))
        return "suppressed"
    label = "Review request queued" if step == 0 else f"Follow-up {step} queued"
    add_event(request, "queued" if step == 0 else "follow_up", label, now, {"step": step}, activity=False)
    request.steps_sent = step + 1
    try:
        message = send_step_message(request, step, settings)
    except TemplateRenderError as error:  # the business's template is broken: say so, don't retry forever
        stop(request, f"The message template could not be used: {error}", now, failed=(step == 0))
        return "failed"
    if message.status == "failed":  # suppressed or unreachable; the delivery event may have said so already
        if request.status == "scheduled" or request.next_follow_up_at is not None:
            stop(request, message.error or "The message could not be sent.", now, failed=(step == 0))
        return "failed"
    request.next_follow_up_at = None
    follow_ups = settings.follow_ups or []
    if step < len(follow_ups):
        started = now if step == 0 else due - timedelta(days=follow_ups[step - 1]["delay_days"])
        request.next_follow_up_at = started + timedelta(days=follow_ups[step]["delay_days"])
    return "sent"


def organizations_with_follow_ups_due(now):
    """The businesses that have a follow-up whose time has come (the minute's sweep reads them all)."""
    return db.session.scalars(
        select(ReviewRequest.organization_id).distinct().where(_follow_up_due(now))
        .execution_options(**ACROSS_ORGANIZATIONS)
    ).all()


def send_due_follow_ups(organization_id, now=None):
    """Every follow-up of the business whose time has come, committed FOLLOW_UP_BATCH at a time (a bulk ask
    of thousands comes due in the same minute); returns how many went out."""
    now = now or clock.now()
    settings, tried, sent = None, set(), 0
    while batch := [request for request in _follow_ups_due(organization_id, now) if request.id not in tried]:
        settings = settings or review_settings_in_force(batch[0].organization)
        for request in batch:
            tried.add(request.id)
            sent += perform_step(request, request.steps_sent, now, settings) == "sent"
        checkpoint()
    return sent


def _follow_ups_due(organization_id, now):
    """The business's next FOLLOW_UP_BATCH requests whose follow-up is due, oldest first, with their contacts
    (locked on PostgreSQL: one step at a time)."""
    return db.session.scalars(
        select(ReviewRequest)
        .where(ReviewRequest.organization_id == organization_id, _follow_up_due(now))
        .order_by(ReviewRequest.next_follow_up_at).limit(FOLLOW_UP_BATCH)
        .options(selectinload(ReviewRequest.contact))
        .with_for_update(of=ReviewRequest).execution_options(populate_existing=True)
    ).all()


def _follow_up_due(now):
    """A request whose follow-up's time has come, still going (the sweep and each business's run ask the same)."""
    return (ReviewRequest.next_follow_up_at <= now) & ReviewRequest.status.not_in(FINISHED)


def send_step_message(request, step, settings):
    """Queue the step's message through the delivery engine, with the review link in its context."""
    return queue_review_message(request, step, settings, review_link(request))


def stop(request, reason, now, failed=False):
    """No more messages for this request (and, for a first message that could not go, failed)."""
    request.next_follow_up_at = None
    if failed and request.status == "scheduled":
        request.status, request.failed_at, request.failure_reason = "failed", now, reason[:300]
        add_event(request, "failed", f"Not sent: {reason}", now)
    else:
        add_event(request, "stopped", f"No more follow-ups: {reason}", now, activity=False)


# --- what the delivery engine reports ------------------------------------------------------------

def on_message_event(request, event, now=None, reason=None, kept_in_outbox=False):
    """The delivery engine says a message of this request was sent, failed, bounced ...

    A message "sent" to the local outbox reached no one: the timeline says so (the status stays the
    API's documented ``sent``; the pages show it as kept in the outbox)."""
    now = now or clock.now()
    if event == "sent":
        line = _sent_line(request, kept_in_outbox)
        if line is not None:
            if line[0] == "sent":
                request.status, request.sent_at = "sent", now
            add_event(request, *line[:2], now, line[2])
    elif event in ("failed", "bounced"):
        if request.status in ("scheduled", "sent"):
            request.status, request.failed_at = "failed", now
            request.failure_reason = (reason or f"The message {event}.")[:300]
            request.next_follow_up_at = None
            add_event(request, "failed", request.failure_reason, now)
    elif event in ("unsubscribed", "complained"):
        if request.next_follow_up_at is not None:
            stop(request, "the customer unsubscribed" if event == "unsubscribed" else "marked as spam", now)


def _sent_line(request, kept_in_outbox):
    """The line a message of the request that went out adds to its timeline, (kind, summary, data), or None:
    the first message sends the request, a follow-up says which it was."""
    if request.status == "scheduled":
        if kept_in_outbox:
            return "sent", f"{'SMS' if request.channel == 'sms' else 'Email'} {KEPT_IN_OUTBOX}", {"kept_in_outbox": True}
        return "sent", f"Sent by {'SMS' if request.channel == 'sms' else 'email'}", None
    if request.steps_sent > 1:
        step = f"Follow-up {request.steps_sent - 1}"
        return "follow_up_sent", f"{step} {KEPT_IN_OUTBOX}" if kept_in_outbox else f"{step} sent", None
    return None


def messages_sent(organization_id, messages, now=None):
    """on_message_event's "sent" for a batch of the send engine's messages of ``organization_id``, in bulk: the
    requests read as rows in one query, those sent now changed in one UPDATE, their lines, the contacts' timeline
    entries, the domain events and the hourly counts written a statement each (the ORM's way cost as much as the
    sending, in the database's one writer's turn). The caller forgets the requests the session holds."""
    now = now or clock.now()
    requests = _requests_as_rows(organization_id, {request_id_of(message) for message in messages})
    lines, changes = [], []
    for message in messages:
        request = requests.get(request_id_of(message))
        line = request and _sent_line(request, message.backend == "outbox")
        if not line:
            continue
        if line[0] == "sent":
            before = SimpleNamespace(**vars(request))
            request.status, request.sent_at = "sent", now
            changes.append((before, request))
        lines.append((request, *line))
    if changes:
        table = ReviewRequest.__table__
        db.session.execute(update(table).where(
            table.c.organization_id == organization_id, table.c.id.in_([after.id for _, after in changes]),
            table.c.status == "scheduled").values(status="sent", sent_at=now))
        count_changed_rows(db.session, organization_id, ReviewRequest, changes)
    insert_rows(ReviewRequestEvent.__table__, [_event_row(request, kind, summary, now, data)
                                              for request, kind, summary, data in lines])
    record_activities(organization_id, [_activity_entry(request, kind, summary, now, data)
                                        for request, kind, summary, data in lines])
    record_events(DOMAIN_EVENTS["sent"], [domain_event_data(request, now, data) for request, _kind, _summary, data in lines],
                  organization_id)  # (a follow-up's event is the same "review_request.sent")


def request_id_of(message):
    return message.purpose_id if isinstance(message.purpose_id, uuid.UUID) else uuid.UUID(str(message.purpose_id))


_ROW_COLUMNS = tuple(dict.fromkeys(("id", "organization_id", "contact_id", "channel", "status", "steps_sent", "rating",
                                     *COUNTED[ReviewRequest][1])))


def _requests_as_rows(organization_id, ids):
    """{id: the request's columns that sending reads and counts, its contact's email and phone} as plain objects."""
    rows = db.session.execute(
        select(*[ReviewRequest.__table__.c[name] for name in _ROW_COLUMNS], Contact.email, Contact.phone)
        .outerjoin(Contact, Contact.id == ReviewRequest.contact_id)
        .where(ReviewRequest.organization_id == organization_id, ReviewRequest.id.in_(ids))
    )
    return {row.id: SimpleNamespace(**{name: getattr(row, name) for name in _ROW_COLUMNS},
                                    contact=SimpleNamespace(email=row.email, phone=row.phone), feedback=None)
            for row in rows}


# --- what the customer does on the review page ---------------------------------------------------

def _advance(request, status, now):
    """Move the request forward to ``status`` (never back); True when it moved."""
    if request.status in ("cancelled", "failed") and status != "reviewed":
        return False
    if PROGRESS.get(request.status, -1) >= PROGRESS[status]:
        return False
    request.status = status
    setattr(request, f"{status}_at", now)
    if status in ("clicked", "reviewed"):
        request.next_follow_up_at = None
    return True


def mark_opened(request, now=None):
    now = now or clock.now()
    if _advance(request, "opened", now):
        add_event(request, "opened", "Opened the review page", now)


def site_clicked(request, index, now=None):
    """The customer chose review site ``index``: its URL, or None for an unknown index."""
    now = now or clock.now()
    sites = review_sites_of(request)
    if not 0 <= index < len(sites):
        return None
    site = sites[index]
    if request.opened_at is None:
        request.opened_at = now
    moved = _advance(request, "clicked", now)
    request.clicked_at = request.clicked_at or now  # a customer who rated first clicked all the same
    if moved or request.clicked_site != site["name"]:
        request.clicked_site = site["name"]
        add_event(request, "clicked", f"Went to review on {site['name']}", now, {"site": site["name"]})
    return site["url"]


def rate(request, rating, now=None):
    """Store a 1–5 rating (the latest counts) and tell the owners (after the commit)."""
    now = now or clock.now()
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ReviewRequestError({"rating": "Choose from 1 to 5 stars."})
    request.opened_at = request.opened_at or now
    request.rating = rating
    _advance(request, "reviewed", now)
    request.reviewed_at = request.reviewed_at or now
    tell_owners = not _posted_lately(request, "rated", now)
    add_event(request, "rated", f"Rated {rating} star{'s' if rating != 1 else ''}", now, {"rating": rating})
    if tell_owners:
        notify_owners(request, "rated")


def leave_feedback(request, text, now=None):
    """Private feedback for the business (the latest counts) and an email to the owners (after the commit)."""
    now = now or clock.now()
    text = (text or "").strip()
    if not text:
        raise ReviewRequestError({"feedback": "Write a few words before sending."})
    if len(text) > 5000:
        raise ReviewRequestError({"feedback": "Please keep it under 5,000 characters."})
    request.feedback, request.feedback_at = text, now
    request.opened_at = request.opened_at or now
    _advance(request, "reviewed", now)
    request.reviewed_at = request.reviewed_at or now
    tell_owners = not _posted_lately(request, "feedback", now)
    add_event(request, "feedback", "Left private feedback", now, {"feedback": text[:200]})
    if tell_owners:
        notify_owners(request, "feedback")


def _posted_lately(request, kind, now):
    """Whether the customer's page posted a ``kind`` (rated, feedback) for this request within OWNER_NOTICE_QUIET."""
    return db.session.scalar(
        select(ReviewRequestEvent.id).where(
            ReviewRequestEvent.organization_id == request.organization_id,
            ReviewRequestEvent.review_request_id == request.id,
            ReviewRequestEvent.kind == kind,
            ReviewRequestEvent.occurred_at > now - OWNER_NOTICE_QUIET,
        ).limit(1)
    ) is not None


def notify_owners(request, kind):
    after_commit(review_left.send, request.organization_id, request_id=request.id, kind=kind)


def review_sites_of(request):
    return review_settings_in_force(request.organization).review_sites or []


# --- what the team does --------------------------------------------------------------------------

def cancel(request, now=None):
    """Nothing more is sent for a request that has not finished; False when it could not be cancelled."""
    now = now or clock.now()
    if request.status in FINISHED:
        return False
    request.status, request.cancelled_at, request.next_follow_up_at = "cancelled", now, None
    held = cancel_queued(request.organization_id, "review_request", request.id)
    add_event(request, "cancelled", "Cancelled" + (f"; its {held} waiting message{'s' * (held != 1)} will not go"
                                                 if held else ""), now, {"messages_cancelled": held})
    return True


def can_resend(request):
    return request.status in ("sent", "opened", "cancelled", "failed", "scheduled")


def resend_offer(request, now):
    """What the request's page offers: "now" (its first message waits for a later time), "again" (it went out, or
    stopped), or None (it is going out at this moment, or the customer went through already)."""
    if not can_resend(request):
        return None
    if request.status == "scheduled":
        return "now" if request.steps_sent == 0 and request.scheduled_for > now else None
    return "again"


def resend(request, now=None):
    """Send the request again now, from its first message; its follow-ups start again."""
    now = now or clock.now()
    if not can_resend(request):
        return False
    allowed, why = may_message(request.contact, request.channel, purpose="marketing")
    if not allowed:
        raise ReviewRequestRefused(why, "unsubscribed", request.contact)
    if PROGRESS.get(request.status, -1) < PROGRESS["opened"]:
        request.status = "scheduled"
    request.steps_sent, request.scheduled_for, request.next_follow_up_at = 0, now, None
    request.cancelled_at = request.failed_at = request.failure_reason = None
    # a message still waiting (quiet hours hold it) is replaced, not joined by a second one
    cancel_queued(request.organization_id, "review_request", request.id)
    add_event(request, "resent", "Asked again by the team", now)
    schedule_first_step(request, now)
    return True


FUNNEL = (("sent", "Sent", ReviewRequest.sent_at), ("opened", "Opened", ReviewRequest.opened_at),
          ("clicked", "Clicked through", ReviewRequest.clicked_at), ("reviewed", "Rated or wrote", ReviewRequest.reviewed_at))


def funnel_counts(organization_id):
    """[(stage, label, how many requests reached it)] from sent to reviewed: each stage counts every
    request that got at least that far (opened counts every click and rating: both come after it)."""
    row = db.session.execute(
        select(*(func.count(column) for _stage, _label, column in FUNNEL))
        .where(ReviewRequest.organization_id == organization_id)
    ).one()
    return [(stage, label, count) for (stage, label, _column), count in zip(FUNNEL, row)]


def status_counts(organization_id):
    """{status: count} of the organization's requests, every status present."""
    from nudgeweb.models.reviews import STATUSES

    rows = db.session.execute(
        select(ReviewRequest.status, func.count())
        .where(ReviewRequest.organization_id == organization_id)
        .group_by(ReviewRequest.status)
    ).all()
    counts = dict.fromkeys(STATUSES, 0)
    counts.update(dict(rows))
    return counts
