"""A campaign's report figures, kept as its messages' events are written (``campaign_summaries``).

What one event adds (``contributions``) depends only on the event and on what its message had
before (``seen``: the event types, an open being any open or click, and the URLs clicked). The same
function serves the three writers, so a rebuild equals what was kept live:

- the ORM: a ``before_flush`` listener counts new ``MessageEvent`` rows of campaign messages
  (``delivery.events.record_event``: delivered, opened, clicked, bounced, complained …);
- the send engine's bulk ``sent`` events call ``count_events`` with the same rows, before inserting them;
- ``rebuild`` (``flask analytics rebuild``) reads every event of the organization's campaigns again,
  each message's in the order they happened.

The report (campaigns.report) then sums a few hundred rows, whatever the campaign's size.
"""
from collections import defaultdict
from datetime import datetime, timezone
from types import SimpleNamespace

from sqlalchemy import delete, event, select
from sqlalchemy.orm import Session

from nudgeweb.analytics.counters import hour_of, upsert_adding
from nudgeweb.analytics.useragents import client_of, device_of
from nudgeweb.models import new_id, utcnow
from nudgeweb.models.campaigns import CampaignSummary
from nudgeweb.models.messages import Message, MessageEvent

TABLE = CampaignSummary.__table__
EVENTS = MessageEvent.__table__
FAILURES = frozenset({"bounced", "failed"})
BATCH = 5000
ALL_TIME = datetime(2000, 1, 1, tzinfo=timezone.utc)  # the "hour" of the metrics that are totals


def contributions(row, seen):
    """[(metric, dimension, moment)] that event ``row`` (type, url, user_agent, occurred_at) adds, given
    what its message had before (``seen``, a set updated here). Only the timeline (``event``) is by hour;
    the other metrics are totals, kept at one moment (ALL_TIME), so that the report sums a few rows."""
    kinds = {row.type, "opened"} if row.type == "clicked" else {row.type}
    undelivered = "sent" in seen and bool(seen & FAILURES)
    added = [("event", row.type, row.occurred_at)]
    added += [("first", kind, ALL_TIME) for kind in sorted(kinds - seen)]
    if row.type == "sent" and "sent" not in seen and getattr(row, "backend", None) == "outbox":
        added.append(("first", "kept_in_outbox", ALL_TIME))  # "sent" to the local outbox: it reached no one
    seen |= kinds
    if not undelivered and "sent" in seen and seen & FAILURES:
        added.append(("undelivered", "", ALL_TIME))
    if row.type == "clicked" and row.url:
        added.append(("link", row.url, ALL_TIME))
        if ("url", row.url) not in seen:
            seen.add(("url", row.url))
            added.append(("link_first", row.url, ALL_TIME))
    if row.type in ("opened", "clicked") and row.user_agent:
        added += [("device", device_of(row.user_agent), ALL_TIME), ("client", client_of(row.user_agent), ALL_TIME)]
    return added


class Tally:
    """Counts to add by (organization, campaign, metric, dimension, hour); ``save`` upserts them at once."""

    def __init__(self):
        self.buckets = defaultdict(int)

    def add(self, organization_id, campaign_id, added):
        for metric, dimension, moment in added:
            hour = moment if moment is ALL_TIME else hour_of(moment)  # ALL_TIME is an hour already
            self.buckets[(organization_id, campaign_id, metric, dimension or "", hour)] += 1

    def save(self, connection):
        rows = [{"id": new_id(), "organization_id": key[0], "campaign_id": key[1], "metric": key[2],
                 "dimension": key[3], "hour": key[4], "count": count}
                for key, count in sorted(self.buckets.items(), key=lambda item: str(item[0]))]
        self.buckets.clear()
        if rows:  # sorted: concurrent upserts take their row locks in one order
            connection.execute(upsert_adding(connection.dialect.name, TABLE,
                                             ("campaign_id", "metric", "hour", "dimension"), ("count",)), rows)


def count_events(session, organization_id, rows):
    """Count new events before they are inserted: objects or dicts with ``message_id``, ``campaign`` (the
    message's campaign id, or None), ``type``, ``url``, ``user_agent``, ``occurred_at`` and, for ``sent``,
    the ``backend`` that took the message."""
    rows = [SimpleNamespace(**row) if isinstance(row, dict) else row for row in rows]
    rows = [row for row in rows if getattr(row, "campaign", None)]
    if not rows:
        return
    seen = _seen(session, organization_id, {row.message_id for row in rows})
    tally = Tally()
    for row in rows:
        tally.add(organization_id, row.campaign, contributions(row, seen[row.message_id]))
    tally.save(session.connection())


def _seen(session, organization_id, message_ids):
    """{message id: what it had before} from the events already stored."""
    seen = defaultdict(set)
    ids = list(message_ids)
    for start in range(0, len(ids), 500):
        for message_id, kind, url, owner in session.execute(select(
                EVENTS.c.message_id, EVENTS.c.type, EVENTS.c.url, EVENTS.c.organization_id).where(
                EVENTS.c.message_id.in_(ids[start:start + 500]))):  # (by message: see engine.send_claimed)
            if owner != organization_id:
                continue
            seen[message_id] |= {kind, "opened"} if kind == "clicked" else {kind}
            if kind == "clicked" and url:
                seen[message_id].add(("url", url))
    return seen


@event.listens_for(Session, "before_flush")
def _count_flushed(session, flush_context, instances):
    new = [instance for instance in session.new if type(instance) is MessageEvent]
    if not new:
        return
    by_organization = defaultdict(list)
    with session.no_autoflush:
        for instance in sorted(new, key=lambda item: item.occurred_at or utcnow()):
            message = session.get(Message, instance.message_id)
            if message is None or message.purpose != "campaign" or not message.purpose_id:
                continue
            if instance.occurred_at is None:
                instance.occurred_at = utcnow()
            by_organization[instance.organization_id].append(SimpleNamespace(
                message_id=instance.message_id, campaign=message.purpose_id, type=instance.type, url=instance.url,
                user_agent=instance.user_agent, occurred_at=instance.occurred_at))
        for organization_id, rows in by_organization.items():
            count_events(session, organization_id, rows)


def rebuild(session, organization_id):
    """Replace the organization's campaign summaries with those of its events; returns how many rows."""
    session.flush()
    session.execute(delete(CampaignSummary).where(CampaignSummary.organization_id == organization_id))
    messages = Message.__table__
    statement = (select(EVENTS.c.message_id, messages.c.purpose_id.label("campaign"), EVENTS.c.type, EVENTS.c.url,
                        EVENTS.c.user_agent, EVENTS.c.occurred_at, messages.c.backend)
                 .join(messages, messages.c.id == EVENTS.c.message_id)
                 .where(EVENTS.c.organization_id == organization_id, messages.c.organization_id == organization_id,
                        messages.c.purpose == "campaign", messages.c.purpose_id.is_not(None))
                 .order_by(EVENTS.c.message_id, EVENTS.c.occurred_at, EVENTS.c.id))
    tally, current, seen = Tally(), None, set()
    for row in session.execute(statement.execution_options(yield_per=BATCH)):
        if row.message_id != current:
            current, seen = row.message_id, set()
        tally.add(organization_id, row.campaign, contributions(row, seen))
    rows = len(tally.buckets)
    tally.save(session.connection())
    return rows
