"""Bulk send: ask every contact of a contacts filter or a saved segment, after saying how many.

The audience is SQL (contacts.queries.contacts_query); the counts are one aggregate query, and the
send runs in a Huey task that walks the audience by id in batches, committing each (``checkpoint``).
"""
from datetime import timedelta

from sqlalchemy import and_, case, exists, func, literal, or_, select

from nudgeweb import clock
from nudgeweb.auth.verification import require_verified_sender
from nudgeweb.contacts.queries import contacts_query
from nudgeweb.delivery.sms import sms_segments
from nudgeweb.models import Organization, db
from nudgeweb.models.contacts import Contact
from nudgeweb.models.reviews import ReviewRequest
from nudgeweb.reviews.messaging import first_message_as_sent, first_sms_size
from nudgeweb.reviews.operations import channel_for, schedule_requests
from nudgeweb.reviews.settings import review_settings_in_force
from nudgeweb.unit_of_work import checkpoint

BATCH = 200
AUDIENCE_KEYS = ("search", "status", "tag", "source", "segment_id", "created_after", "created_before")


def clean_audience(values):
    """The contacts filter (or segment) of a bulk send, from a form or the query string."""
    return {key: values[key] for key in AUDIENCE_KEYS if values.get(key)}


def _no_channel(channel):
    if channel == "email":
        return Contact.email.is_(None)
    if channel == "sms":
        return Contact.phone.is_(None)
    return and_(Contact.email.is_(None), Contact.phone.is_(None))


def _asked_recently(organization_id, days, now):
    if not days:
        return False
    return exists().where(
        ReviewRequest.organization_id == organization_id,
        ReviewRequest.contact_id == Contact.id,
        ReviewRequest.status.not_in(("cancelled", "failed")),
        ReviewRequest.scheduled_for >= now - timedelta(days=days),
    )


def _skip_reasons(organization, settings, insist, now):
    """{reason: SQL condition} of the contacts a bulk ask skips, each excluding the reasons before it."""
    unsubscribed = Contact.status != "subscribed"
    no_channel = _no_channel(settings.default_channel)
    reasons = {"unsubscribed": unsubscribed, "no_channel": and_(~unsubscribed, no_channel)}
    recently = False if insist else _asked_recently(organization.id, settings.ask_again_after_days, now)
    if recently is not False:
        reasons["asked_recently"] = and_(~unsubscribed, ~no_channel, recently)
    return reasons


def _audience_contacts(organization, audience):
    ids = contacts_query(organization.id, audience).order_by(None).with_only_columns(Contact.id).subquery()
    return select(Contact).where(Contact.organization_id == organization.id, Contact.id.in_(select(ids)))


def preview(organization, audience, insist=False, now=None):
    """{"total", "will_ask", "unsubscribed", "asked_recently", "no_channel", "by_sms"} for this audience
    (``by_sms``: how many of those asked get a text message; the others get an email)."""
    now = now or clock.now()
    settings = review_settings_in_force(organization)
    reasons = _skip_reasons(organization, settings, insist, now)

    def count_when(condition):
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    columns = [count_when(reasons[name]) if name in reasons else literal(0)
               for name in ("unsubscribed", "no_channel", "asked_recently")]
    by_sms = literal(0) if settings.default_channel == "email" else count_when(
        and_(*(~condition for condition in reasons.values()), Contact.phone.is_not(None)))  # (channel_for's choice)
    query = _audience_contacts(organization, audience).with_only_columns(func.count(), *columns, by_sms)
    total, unsub, missing, recent, sms = (int(value or 0) for value in db.session.execute(query).one())
    return {"total": total, "will_ask": total - unsub - missing - recent, "unsubscribed": unsub,
            "asked_recently": recent, "no_channel": missing, "by_sms": sms}


def who(organization, audience, insist=False, now=None, examples=5):
    """The first contact who will be asked (or None) and a few names skipped for each reason, for the confirmation."""
    now = now or clock.now()
    reasons = _skip_reasons(organization, review_settings_in_force(organization), insist, now)
    contacts = _audience_contacts(organization, audience).order_by(Contact.created_at, Contact.id)
    first = db.session.scalar(contacts.where(*(~condition for condition in reasons.values())).limit(1))
    skipped = {reason: db.session.scalars(contacts.where(condition).limit(examples)).all()
               for reason, condition in reasons.items()}
    return first, skipped


def first_message(organization, contact):
    """The request as ``contact`` will get it (see first_message_as_sent), or None."""
    channel = contact and channel_for(contact, review_settings_in_force(organization).default_channel)
    return first_message_as_sent(organization, channel, contact) if channel else None


def first_message_size(organization, message):
    """The size of a text message the confirmation tells: the first customer's own (a name of theirs may make it
    UCS-2), or the sample's when the first one goes by email."""
    if message and message["channel"] == "sms":
        return sms_segments(message["text"])
    return first_sms_size(organization)


def send_to_audience(organization_id, audience, delay_hours, insist=False, user_id=None, now=None):
    """Create a request for every contact of the audience that may be asked; returns the counts.

    A long job: each batch of requests is committed, and their first steps queued (one task for
    the batch), before the next."""
    require_verified_sender(organization_id)  # once for the whole ask, not once a contact
    query = contacts_query(organization_id, audience).order_by(None).with_only_columns(Contact.id)
    query = query.where(Contact.status == "subscribed", or_(Contact.email.is_not(None), Contact.phone.is_not(None)))
    counts = {"asked": 0, "skipped": 0}
    last_id = None
    while True:
        batch_query = query.order_by(Contact.id).limit(BATCH)
        if last_id is not None:
            batch_query = batch_query.where(Contact.id > last_id)
        ids = db.session.scalars(batch_query).all()
        if not ids:
            return counts
        _ask_batch(organization_id, ids, delay_hours, insist, user_id, now or clock.now(), counts)
        last_id = ids[-1]
        checkpoint()
        db.session.expunge_all()


def _ask_batch(organization_id, contact_ids, delay_hours, insist, user_id, now, counts):
    """One batch: the contacts asked recently found in one query, the others asked at one moment
    (their rows inserted together, their first steps one task)."""
    organization = db.session.get(Organization, organization_id)
    settings = review_settings_in_force(organization)
    asked = set() if insist else _asked_recently_among(organization_id, contact_ids, settings.ask_again_after_days, now)
    contacts = db.session.scalars(select(Contact).where(Contact.id.in_([i for i in contact_ids if i not in asked]))).all()
    made, refused = schedule_requests(organization, contacts, delay_hours=delay_hours, now=now, source="bulk",
                                      created_by=user_id, settings=settings)
    counts["asked"] += made
    counts["skipped"] += len(asked) + refused


def _asked_recently_among(organization_id, contact_ids, days, now):
    if not days:
        return set()
    return set(db.session.scalars(select(ReviewRequest.contact_id).where(
        ReviewRequest.organization_id == organization_id,
        ReviewRequest.contact_id.in_(contact_ids),
        ReviewRequest.status.not_in(("cancelled", "failed")),
        ReviewRequest.scheduled_for >= now - timedelta(days=days),
    )))
