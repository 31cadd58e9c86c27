"""Rebuild an organization's hourly counts from the raw rows (``flask analytics rebuild``).

Reads every counted row again through the same functions that count them as they are written
(counters.COUNTED), so the result equals the live counts; the rows are streamed, never all in memory.
"""
from sqlalchemy import case, delete, select

from nudgeweb.analytics.counters import COUNTED, Tally
from nudgeweb.extensions import db
from nudgeweb.models.analytics import AnalyticsCount
from nudgeweb.models.messages import Message, MessageEvent

BATCH = 5000


def rebuild_counts(organization_id):
    """Replace the organization's counts with those of its rows; returns how many buckets it has now."""
    db.session.flush()
    db.session.execute(delete(AnalyticsCount).where(AnalyticsCount.organization_id == organization_id))
    tally = Tally(db.session)
    for model, (counts_of, names) in COUNTED.items():
        for row in _rows(organization_id, model, names):
            tally.add(organization_id, counts_of(row))
    buckets = len(tally.buckets)
    tally.save(db.session.connection())
    return buckets


def _rows(organization_id, model, names):
    columns = [getattr(model, name) for name in names if name != "message_id"]
    statement = select(*columns).where(model.organization_id == organization_id)
    if model is MessageEvent:
        campaign = case((Message.purpose == "campaign", Message.purpose_id), else_=None).label("campaign")
        statement = statement.add_columns(Message.channel, Message.purpose, campaign).join_from(
            MessageEvent, Message, Message.id == MessageEvent.message_id)
    yield from db.session.execute(statement.execution_options(yield_per=BATCH))

