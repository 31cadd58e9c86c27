"""The figures of a campaign, summed from its summaries (campaign_summaries, kept as its messages' events
are written: nudgeweb.campaigns.summaries), so they take the same time at 100 or 100,000 recipients.

Each figure is what the raw events say: sent, opened, clicked, bounced, complained and unsubscribed are
the messages with such an event (an open: any open or click); delivered, those sent that neither bounced
nor failed; the timeline counts every event by UTC hour; links count clicks and the messages that clicked
each; devices and email clients are read from the user agents of opens and clicks by the analytics area's
one reader. Who did what (``people``) reads the messages and events themselves, a page at a time.
"""
from datetime import timedelta

from sqlalchemy import and_, case, func, select

from nudgeweb.analytics.counters import hour_of
from nudgeweb.models import CampaignSummary, Contact, Message, MessageEvent, db

TIMELINE = ("sent", "delivered", "opened", "clicked")
METRICS = ("sent", "delivered", "opened", "clicked", "bounced", "complained", "unsubscribed", "kept_in_outbox")
# who did what, read from the message's own column (in send order, a page from a place in the list)
MESSAGE_KINDS = {"opened": Message.opened_at, "clicked": Message.clicked_at, "bounced": Message.failed_at}
PEOPLE_KINDS = {"opened": "Opened", "clicked": "Clicked", "bounced": "Bounced", "unsubscribed": "Unsubscribed",
                "complained": "Marked as spam"}


def _mine(campaign):
    return and_(Message.organization_id == campaign.organization_id, Message.purpose == "campaign",
                Message.purpose_id == campaign.id)


def _summed(campaign, metrics):
    """(metric, dimension, total) rows of the campaign's summaries."""
    statement = select(CampaignSummary.metric, CampaignSummary.dimension, func.sum(CampaignSummary.count)).where(
        CampaignSummary.organization_id == campaign.organization_id, CampaignSummary.campaign_id == campaign.id,
        CampaignSummary.metric.in_(metrics)).group_by(CampaignSummary.metric, CampaignSummary.dimension)
    return db.session.execute(statement).all()


def stats(campaign):
    """{"recipients", "sent", "delivered", "opened", "clicked", "bounced", "complained", "unsubscribed",
    "kept_in_outbox"}: how many messages had each kind of event. Sent: handed to the mail server or Twilio
    (a message kept in the local outbox reached no one: it is counted apart); delivered: sent and neither
    bounced nor failed since."""
    totals = {(metric, dimension): int(total) for metric, dimension, total in
              _summed(campaign, ("first", "undelivered"))}
    first = {name: totals.get(("first", name), 0) for name in ("sent", "opened", "clicked", "bounced", "complained",
                                                               "unsubscribed", "kept_in_outbox")}
    first["sent"] -= first["kept_in_outbox"]
    return {"recipients": campaign.total_recipients or 0, **first,
            "delivered": first["sent"] - totals.get(("undelivered", ""), 0)}


def metrics(campaign):
    """The stats with their rates (seed 001's analytics ``metrics``): of delivered, click-to-open of opened."""
    figures = stats(campaign)
    sent, delivered, opened = figures["sent"], figures["delivered"], figures["opened"]

    def rate(part, whole):
        return round(part / whole, 4) if whole else 0.0

    return {
        **{name: figures[name] for name in METRICS},
        "recipients": figures["recipients"],
        "delivery_rate": rate(delivered, sent), "open_rate": rate(opened, delivered),
        "click_rate": rate(figures["clicked"], delivered), "click_to_open_rate": rate(figures["clicked"], opened),
        "bounce_rate": rate(figures["bounced"], sent), "complaint_rate": rate(figures["complained"], delivered),
        "unsubscribe_rate": rate(figures["unsubscribed"], delivered),
    }


def _bucket(column, granularity):
    """The start of ``column``'s hour/day/week/month, as text, on SQLite and PostgreSQL alike."""
    if db.session.get_bind().dialect.name == "postgresql":
        return func.to_char(func.date_trunc(granularity, column), 'YYYY-MM-DD"T"HH24:00:00"Z"')
    formats = {"hour": "%Y-%m-%dT%H:00:00Z", "day": "%Y-%m-%dT00:00:00Z", "month": "%Y-%m-01T00:00:00Z"}
    if granularity == "week":  # SQLite: back to the Monday
        return func.strftime("%Y-%m-%dT00:00:00Z", column, "weekday 0", "-6 days")
    return func.strftime(formats[granularity], column)


def timeline(campaign, granularity=None, start=None, end=None):
    """[{"timestamp", "sent", "delivered", "opened", "clicked"}] per bucket, events of each kind counted; by
    default hours for the first two days after sending, then days."""
    if granularity:
        return _timeline(campaign, granularity, start, end)
    started = campaign.started_at or campaign.created_at
    switch = hour_of(started + timedelta(days=2))
    hourly = _timeline(campaign, "hour", start, min(end, switch) if end else switch)
    return hourly + _timeline(campaign, "day", max(start, switch) if start else switch, end)


def _timeline(campaign, granularity, start, end):
    bucket = _bucket(CampaignSummary.hour, granularity).label("bucket")
    statement = select(bucket, CampaignSummary.dimension, func.sum(CampaignSummary.count)).where(
        CampaignSummary.organization_id == campaign.organization_id, CampaignSummary.campaign_id == campaign.id,
        CampaignSummary.metric == "event", CampaignSummary.dimension.in_(TIMELINE)
    ).group_by(bucket, CampaignSummary.dimension).order_by(bucket)
    if start:
        statement = statement.where(CampaignSummary.hour >= hour_of(start))
    if end:
        statement = statement.where(CampaignSummary.hour < end)
    points = {}
    for moment, kind, count in db.session.execute(statement):
        point = points.setdefault(moment, {"timestamp": moment, **{name: 0 for name in TIMELINE}})
        point[kind] += int(count)
    return list(points.values())


def top_links(campaign, limit=10):
    """[{"url", "clicks", "unique_clicks"}], most clicked first."""
    clicks = func.sum(case((CampaignSummary.metric == "link", CampaignSummary.count), else_=0)).label("clicks")
    unique = func.sum(case((CampaignSummary.metric == "link_first", CampaignSummary.count), else_=0))
    rows = db.session.execute(select(CampaignSummary.dimension, clicks, unique).where(
        CampaignSummary.organization_id == campaign.organization_id, CampaignSummary.campaign_id == campaign.id,
        CampaignSummary.metric.in_(("link", "link_first"))).group_by(CampaignSummary.dimension)
        .order_by(clicks.desc(), CampaignSummary.dimension).limit(limit))
    return [{"url": url, "clicks": int(count), "unique_clicks": int(first)} for url, count, first in rows]


def devices_and_clients(campaign):
    """({"desktop", "mobile", "tablet"}: share, {"gmail", "apple_mail", "outlook", ..., "other"}: share) of the
    opens and clicks with a user agent."""
    counts = {"device": {}, "client": {}}
    for metric, name, count in _summed(campaign, ("device", "client")):
        counts[metric][name] = int(count)
    total = sum(counts["device"].values())

    def shares(named):
        return {name: round(count / total, 4) for name, count in sorted(named.items(), key=lambda kv: (-kv[1], kv[0]))}

    return (shares(counts["device"]), shares(counts["client"])) if total else ({}, {})


def people(campaign, kind, page=1, per_page=50, after=None, before=None, end=False):
    """(rows of (contact id, name, email/phone, when, message id), total) of the recipients who ``kind``
    (PEOPLE_KINDS); the total is the summaries' (no count of 100,000 rows).

    Who opened, clicked or bounced comes in the order the messages were sent, along the (purpose, purpose_id, id)
    index from a place in it: the page after message ``after``, the one before message ``before``, or the
    last (``end``: ``page`` is then the last page's number); each reads about a page of rows, however deep.
    Without any of them (an address typed by hand), page ``page`` is counted from the start. Who unsubscribed
    or complained (a few of the recipients), latest first, page by page."""
    total = stats(campaign)[kind]
    query = _people_query(campaign, kind)
    if kind in MESSAGE_KINDS and (before is not None or end):
        return _backwards(query, before, total - (page - 1) * per_page if end else per_page, per_page), total
    if kind in MESSAGE_KINDS and after is not None:
        return db.session.execute(query.where(Message.id > after).limit(per_page)).all(), total
    return db.session.execute(query.limit(per_page).offset((page - 1) * per_page)).all(), total


def _backwards(query, before, count, per_page):
    """The ``count`` rows (at most a page) of ``query`` just before message ``before`` (None: the end), in order."""
    if before is not None:
        query = query.where(Message.id < before)
    limit = min(count, per_page) if count > 0 else per_page
    return db.session.execute(query.order_by(None).order_by(Message.id.desc()).limit(limit)).all()[::-1]


def _people_query(campaign, kind):
    if kind in MESSAGE_KINDS:
        column = MESSAGE_KINDS[kind]
        condition = Message.status == "bounced" if kind == "bounced" else column.is_not(None)
        return (select(Contact.id, Contact.first_name, Contact.last_name, Message.to, column.label("at"),
                       Message.id.label("message_id"))
                .join(Contact, Contact.id == Message.contact_id).where(_mine(campaign), condition)
                .order_by(Message.id))
    at = func.min(MessageEvent.occurred_at).label("at")
    return (select(Contact.id, Contact.first_name, Contact.last_name, Message.to, at)
            .join(Message, Message.id == MessageEvent.message_id).join(Contact, Contact.id == Message.contact_id)
            .where(_mine(campaign), MessageEvent.type == kind, MessageEvent.organization_id == campaign.organization_id)
            .group_by(Contact.id, Contact.first_name, Contact.last_name, Message.to).order_by(at.desc(), Contact.id))


def people_rows(campaign, kind):
    """Every row of people(), in batches (a CSV of any size in bounded memory)."""
    return db.session.execute(_people_query(campaign, kind).execution_options(yield_per=1000))
