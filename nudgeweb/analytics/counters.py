"""The hourly counts, kept as the rows they count are written.

Each counted model has one function that says what a row contributes: a list of
(metric, dimension, time, amount). The same functions serve three callers, so a rebuild equals
what was kept live:

- the ORM: a ``before_flush`` listener adds what new rows contribute, and for changed rows takes
  away what their old values contributed and adds what the new ones do (a review request's
  ``opened_at`` set, a rating changed, a contact's phone moved to another country);
- bulk inserts that skip the ORM (the send engine's batches, an import's new contacts, a batch of
  events) call ``count_rows`` with the same rows;
- ``rebuild`` (nudgeweb.analytics.rebuild) reads every raw row again.

A bucket is an hour of the organization's own clock, kept as the UTC instant it starts: a UTC hour
in zones whose offset is whole hours, and the hour from :30 (Asia/Kolkata, Australia/Adelaide) or
:15 (Asia/Kathmandu) UTC in the others, so that every local day adds up exactly, across daylight
saving too. When an organization's zone changes to one whose hours start at other minutes, its
counts are rebuilt in a task.

Deleting a contact takes away what the contact itself counted (created, country, unsubscribed) and
what its review requests counted (they are deleted with it): the contacts' and reviews' charts count
the people and requests there are. What it did stays counted: its messages and its events are kept
(no longer linked to anyone), so a rebuild after a deletion counts them too.
"""
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from functools import lru_cache, partial
from types import SimpleNamespace
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import event, inspect, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import PASSIVE_NO_INITIALIZE, get_history

from nudgeweb.analytics.useragents import client_of, country_of, device_of
from nudgeweb.bulk import PreparedInsert, run_or_keep
from nudgeweb.models import Organization, new_id, utcnow
from nudgeweb.models.analytics import AnalyticsCount, ContactEvent
from nudgeweb.models.contacts import Contact
from nudgeweb.models.messages import Message, MessageEvent
from nudgeweb.models.reviews import ReviewRequest

TABLE = AnalyticsCount.__table__
REVIEW_STEPS = (("review.asked", "sent_at"), ("review.opened", "opened_at"), ("review.clicked", "clicked_at"),
                ("review.rated", "reviewed_at"))
UNIQUE_MESSAGE_STEPS = (("message.opened_unique", "opened_at"), ("message.clicked_unique", "clicked_at"))
CAMPAIGN_STEPS = (("campaign.opened", "opened_at"), ("campaign.clicked", "clicked_at"))
# what goes to the team or to a user's own account, not to the business's customers: the message charts leave it out
NOT_TO_CUSTOMERS = frozenset({"review_notification", "automation_notice", "webhook_notice", "invitation", "nudge",
                              "password_reset", "email_verification", "test", "campaign_test"})
DELIVERED = ("sent", "delivered")  # a message's statuses once it went out and did not bounce or fail
HOUR = timedelta(hours=1)
MISSING = object()


def hour_of(moment, zone=None):
    """The bucket of ``moment``: the start of its hour on ``zone``'s clock (a clock_zone; UTC when None), in UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    moment = moment.astimezone(timezone.utc)
    if zone is None:
        return moment.replace(minute=0, second=0, microsecond=0)
    minutes = moment.astimezone(zone).utcoffset() % HOUR  # +5:30 -> 0:30, -3:30 -> 0:30, +5:45 -> 0:45
    return (moment + minutes).replace(minute=0, second=0, microsecond=0) - minutes  # local 00:00 at +5:45 is 18:15 UTC


@lru_cache(maxsize=None)
def clock_zone(name):
    """The zone whose hours the buckets follow, or None when its hours are UTC's (its offset is always whole hours)."""
    try:
        zone = ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return zone if hour_minutes(zone) != {timedelta(0)} else None


def hour_minutes(zone):
    """The minutes of ``zone``'s offsets past whole hours (its hours start that much before a UTC hour), in winter
    and summer of the years counted."""
    return {datetime(year, month, 1, tzinfo=timezone.utc).astimezone(zone).utcoffset() % HOUR
            for year in range(2000, datetime.now(timezone.utc).year + 2) for month in (1, 7)}


# --- what each row contributes --------------------------------------------------------------------

def contact_event_counts(row):
    counts = [("event", row.name, row.occurred_at, 0.0)]
    if row.revenue is not None:
        counts.append(("revenue", row.currency or "", row.occurred_at, float(row.revenue)))
        if row.campaign_id:
            counts.append(("revenue.campaign", campaign_revenue_dimension(row.currency, row.campaign_id),
                           row.occurred_at, float(row.revenue)))
    return counts


def campaign_revenue_dimension(currency, campaign_id):
    return f"{currency or ''}:{campaign_id}"


def campaign_of(purpose, purpose_id):
    """The campaign a message belongs to, as a dimension ("" when it belongs to none)."""
    return str(purpose_id) if purpose == "campaign" and purpose_id else ""


def message_event_counts(row):
    """``row`` also needs the message's ``channel``, ``purpose`` and ``campaign`` (campaign_of the message)."""
    if row.purpose in NOT_TO_CUSTOMERS:
        return []
    counts = [(f"message.{row.type}", row.channel, row.occurred_at, 0.0)]
    campaign = getattr(row, "campaign", None)
    if row.type == "sent" and campaign:
        counts.append(("campaign.sent", str(campaign), row.occurred_at, 0.0))
    if row.type in ("opened", "clicked") and row.user_agent:
        counts.append(("engagement.device", device_of(row.user_agent), row.occurred_at, 0.0))
        if row.type == "opened" and row.channel == "email":
            counts.append(("engagement.client", client_of(row.user_agent), row.occurred_at, 0.0))
    return counts


def message_counts(row):
    if row.purpose in NOT_TO_CUSTOMERS:
        return []
    counts = [(metric, row.channel, getattr(row, column), 0.0) for metric, column in UNIQUE_MESSAGE_STEPS
              if getattr(row, column) is not None]
    campaign = campaign_of(row.purpose, row.purpose_id)
    if campaign:  # unique opens and clicks of each campaign, and its delivered messages, to rank them
        counts += [(metric, campaign, getattr(row, column), 0.0) for metric, column in CAMPAIGN_STEPS
                   if getattr(row, column) is not None]
        if row.status in DELIVERED and row.sent_at is not None:  # delivered as the campaign's report counts it
            counts.append(("campaign.delivered", campaign, row.sent_at, 0.0))
    return counts


def review_request_counts(row):
    counts = [(metric, row.channel, getattr(row, column), 0.0) for metric, column in REVIEW_STEPS
              if getattr(row, column) is not None]
    if row.rating is not None and row.reviewed_at is not None:
        counts.append(("review.rating", str(row.rating), row.reviewed_at, float(row.rating)))
    return counts


def contact_counts(row):
    counts = [("contact.created", row.source, row.created_at, 0.0),
              ("contact.country", country_of(row.phone) or "", row.created_at, 0.0)]
    if row.status != "subscribed" and row.unsubscribed_at is not None:  # by when they left, while they stay away
        counts.append(("contact.unsubscribed", row.status, row.unsubscribed_at, 0.0))
    return counts


COUNTED = {
    ContactEvent: (contact_event_counts, ("name", "revenue", "currency", "occurred_at", "campaign_id")),
    MessageEvent: (message_event_counts, ("type", "user_agent", "occurred_at", "message_id")),
    Message: (message_counts, ("channel", "opened_at", "clicked_at", "purpose", "purpose_id", "status", "sent_at")),
    ReviewRequest: (review_request_counts, ("channel", "sent_at", "opened_at", "clicked_at", "reviewed_at", "rating")),
    Contact: (contact_counts, ("source", "phone", "created_at", "status", "unsubscribed_at")),
}


# --- adding them up -------------------------------------------------------------------------------

class Tally:
    """Counts to add, by (organization, metric, dimension, hour); ``save`` upserts them in one statement.
    Each organization's hours are those of its time zone, read once through ``session``."""

    def __init__(self, session):
        self.session = session
        self.buckets = defaultdict(lambda: [0, 0.0])
        self.zones = {}

    def add(self, organization_id, counts, sign=1):
        zone = self.zone(organization_id)
        for metric, dimension, moment, amount in counts:
            bucket = self.buckets[(organization_id, metric, (dimension or "")[:100], hour_of(moment, zone))]
            bucket[0] += sign
            bucket[1] += sign * amount

    def zone(self, organization_id):
        if organization_id not in self.zones:
            with self.session.no_autoflush:  # (the organization is almost always loaded already: no query)
                organization = self.session.get(Organization, organization_id) if organization_id else None
            self.zones[organization_id] = clock_zone(organization.timezone if organization else None)
        return self.zones[organization_id]

    def save(self, connection):
        rows = [{"id": new_id(), "organization_id": key[0], "metric": key[1], "dimension": key[2], "hour": key[3],
                 "count": count, "amount": amount}
                for key, (count, amount) in sorted(self.buckets.items(), key=lambda item: str(item[0]))
                if count or amount]  # sorted: concurrent upserts take their row locks in one order
        self.buckets.clear()
        if rows:
            statement = upsert_adding(connection.dialect.name, TABLE, ("organization_id", "metric", "hour", "dimension"),
                                      ("count", "amount"))
            prepared = PreparedInsert(TABLE, rows, connection.dialect, statement=statement)
            run_or_keep(partial(prepared.execute, connection=connection))


@lru_cache(maxsize=None)
def upsert_adding(dialect_name, table, keys, summed):
    """INSERT … ON CONFLICT (``keys``) DO UPDATE adding the new ``summed`` columns to the stored ones."""
    statement = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}[dialect_name](table)
    return statement.on_conflict_do_update(index_elements=[table.c[key] for key in keys],
                                           set_={name: table.c[name] + statement.excluded[name] for name in summed})


def count_rows(session, organization_id, model, rows, time_zone=MISSING):
    """Count rows written without the ORM (dicts or objects with the attributes ``model``'s function reads);
    ``time_zone``: the organization's, when the caller has read it (else it is read here)."""
    counts_of = COUNTED[model][0]
    tally = Tally(session)
    if time_zone is not MISSING:
        tally.zones[organization_id] = clock_zone(time_zone)
    for row in rows:
        tally.add(organization_id, counts_of(SimpleNamespace(**row) if isinstance(row, dict) else row))
    tally.save(session.connection())


def count_changed_rows(session, organization_id, model, changes):
    """Count rows changed without the ORM: each (before, after) pair (objects with the attributes ``model``'s
    function reads) takes back what the row counted and adds what it counts now."""
    counts_of = COUNTED[model][0]
    tally = Tally(session)
    for before, after in changes:
        tally.add(organization_id, counts_of(before), sign=-1)
        tally.add(organization_id, counts_of(after))
    tally.save(session.connection())


@event.listens_for(Session, "before_flush")
def _count_flushed(session, flush_context, instances):
    tally = Tally(session)
    for instance in session.new:
        if type(instance) in COUNTED:
            tally.add(_organization_id(instance), _counts_of(session, instance, new=True))
    for instance in session.dirty:
        if type(instance) in COUNTED and _watched_changed(instance):
            tally.add(instance.organization_id, _counts_of(session, instance, new=False), sign=-1)
            tally.add(instance.organization_id, _counts_of(session, instance, new=True))
        elif type(instance) is Organization and _hours_moved(instance):
            from nudgeweb.analytics.tasks import rebuild_counts_later

            rebuild_counts_later(instance.id)
    deleted = [instance for instance in session.deleted if type(instance) is Contact]
    if deleted:
        _take_away_deleted(session, tally, deleted)
    if tally.buckets:
        tally.save(session.connection())


def _take_away_deleted(session, tally, contacts):
    """What deleted contacts counted, and their review requests (the database deletes them with the contact)."""
    for contact in contacts:
        tally.add(contact.organization_id, _counts_of(session, contact, new=False), sign=-1)
    names = COUNTED[ReviewRequest][1]
    requests = session.connection().execute(
        select(ReviewRequest.organization_id, *[getattr(ReviewRequest, name) for name in names])
        .where(ReviewRequest.contact_id.in_([contact.id for contact in contacts])))
    for row in requests:
        tally.add(row.organization_id, review_request_counts(row), sign=-1)


def _hours_moved(organization):
    """Whether the organization's new time zone starts its hours at other minutes than its old one."""
    history = _history(organization, "timezone")
    if not (history.deleted and history.added):
        return False
    return _zone_minutes(history.deleted[0]) != _zone_minutes(history.added[0])


def _zone_minutes(name):
    zone = clock_zone(name)
    return hour_minutes(zone) if zone else {timedelta(0)}


def _organization_id(instance):
    # a new row may name its organization through the relationship only, until the flush sets the column
    return instance.organization_id or getattr(getattr(instance, "organization", None), "id", None)


def _watched_changed(instance):
    state = inspect(instance)
    return not state.deleted and any(_history(instance, name).has_changes() for name in COUNTED[type(instance)][1])


def _history(instance, name):
    """The attribute's changes since it was loaded (not through ``inspect(instance).attrs``, which makes a view
    of every attribute of the object: most of the work, for each object a batch sends to)."""
    return get_history(instance, name, passive=PASSIVE_NO_INITIALIZE)


def _counts_of(session, instance, new):
    """What ``instance`` contributes with its values as they are (``new``) or were when loaded."""
    counts_of, names = COUNTED[type(instance)]
    if new:
        values = {name: getattr(instance, name) for name in names}
    else:
        values = {}
        for name in names:
            history = _history(instance, name)
            values[name] = history.deleted[0] if history.deleted else getattr(instance, name)
            if history.added and not history.deleted:  # it had no value before
                values[name] = None
    if type(instance) is MessageEvent:
        values.update(_message_of(session, instance.message_id))
    if type(instance) is ContactEvent and not new:
        return []  # contact events do not change once written
    for name in ("created_at", "occurred_at"):
        if name in values and values[name] is None:
            if not new:
                return []
            values[name] = utcnow()  # set now, as the column's default would be, so that both agree to the hour
            setattr(instance, name, values[name])
    return counts_of(SimpleNamespace(**values))


def _message_of(session, message_id):
    """What a message event's counts need of its message: its channel, purpose and campaign."""
    with session.no_autoflush:
        message = session.get(Message, message_id)
    if message is None:
        return {"channel": "", "purpose": "", "campaign": ""}
    return {"channel": message.channel, "purpose": message.purpose, "campaign": campaign_of(message.purpose, message.purpose_id)}


def _keep_old_values(target, value, oldvalue, initiator):
    return value


for _model, (_, _names) in COUNTED.items():
    for _name in _names:  # setting a watched column loads its old value first, so that its old count can go
        event.listen(getattr(_model, _name), "set", _keep_old_values, active_history=True, retval=True)
event.listen(Organization.timezone, "set", _keep_old_values, active_history=True, retval=True)  # (_hours_moved)
