"""The figures of a campaign, from SQL aggregates over its messages and their events.

Its messages are found by the (purpose, purpose_id) index of messages; their events by message_id.
Unique opens and clicks are the messages with an ``opened_at`` / ``clicked_at``. Devices and email
clients are read from the user agents of opens and clicks, counted in SQL per distinct user agent
(a few hundred at most) and classified by the analytics area's one reader (analytics/useragents.py).
"""
from datetime import timedelta

from sqlalchemy import and_, case, distinct, func, select

from nudgeweb.analytics.useragents import client_of, device_of
from nudgeweb.models import Contact, Message, MessageEvent, db

METRICS = ("sent", "delivered", "opened", "clicked", "bounced", "complained", "unsubscribed")
PEOPLE_KINDS = {"opened": "Opened", "clicked": "Clicked", "bounced": "Bounced", "unsubscribed": "Unsubscribed",
                "complained": "Marked as spam"}


def _mine(campaign):
    return and_(Message.organization_id == campaign.organization_id, Message.purpose == "campaign",
                Message.purpose_id == campaign.id)


def _events_of(campaign, *types):
    return select(MessageEvent).join(Message, Message.id == MessageEvent.message_id).where(
        _mine(campaign), MessageEvent.organization_id == campaign.organization_id, MessageEvent.type.in_(types))


def stats(campaign):
    """{"recipients", "sent", "delivered", "opened", "clicked", "bounced", "complained", "unsubscribed"}."""
    def count_when(condition):
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    sent, delivered, opened, clicked, bounced = db.session.execute(select(
        func.count(Message.sent_at),
        count_when(Message.status.in_(("sent", "delivered"))),
        func.count(Message.opened_at), func.count(Message.clicked_at),
        count_when(Message.status == "bounced"),
    ).where(_mine(campaign))).one()
    complained, unsubscribed = db.session.execute(
        _events_of(campaign, "complained", "unsubscribed").with_only_columns(
            func.count(distinct(case((MessageEvent.type == "complained", MessageEvent.message_id)))),
            func.count(distinct(case((MessageEvent.type == "unsubscribed", MessageEvent.message_id)))),
        )).one()
    return {"recipients": campaign.total_recipients or 0, "sent": int(sent), "delivered": int(delivered),
            "opened": int(opened), "clicked": int(clicked), "bounced": int(bounced), "complained": int(complained),
            "unsubscribed": int(unsubscribed)}


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
    switch = started + timedelta(days=2)
    hourly = _timeline(campaign, "hour", start, min(end, switch) if end else switch)
    return hourly + _timeline(campaign, "day", max(start, switch) if start else switch, end)


def _timeline(campaign, granularity, start, end):
    bucket = _bucket(MessageEvent.occurred_at, granularity).label("bucket")
    statement = _events_of(campaign, "sent", "delivered", "opened", "clicked").with_only_columns(
        bucket, MessageEvent.type, func.count()).group_by(bucket, MessageEvent.type).order_by(bucket)
    if start:
        statement = statement.where(MessageEvent.occurred_at >= start)
    if end:
        statement = statement.where(MessageEvent.occurred_at < end)
    points = {}
    for moment, kind, count in db.session.execute(statement):
        point = points.setdefault(moment, {"timestamp": moment, "sent": 0, "delivered": 0, "opened": 0, "clicked": 0})
        point[kind] += count
    return list(points.values())


def top_links(campaign, limit=10):
    """[{"url", "clicks", "unique_clicks"}], most clicked first."""
    clicks = func.count().label("clicks")
    rows = db.session.execute(_events_of(campaign, "clicked").with_only_columns(
        MessageEvent.url, clicks, func.count(distinct(MessageEvent.message_id)))
        .group_by(MessageEvent.url).order_by(clicks.desc(), MessageEvent.url).limit(limit))
    return [{"url": url, "clicks": count, "unique_clicks": unique} for url, count, unique in rows]


def devices_and_clients(campaign):
    """({"desktop", "mobile", "tablet"}: share, {"gmail", "apple_mail", "outlook", ..., "other"}: share) of the
    opens and clicks with a user agent."""
    devices, clients = {}, {}
    total = 0
    for agent, count in db.session.execute(_events_of(campaign, "opened", "clicked").with_only_columns(
            MessageEvent.user_agent, func.count()).where(MessageEvent.user_agent.is_not(None))
            .group_by(MessageEvent.user_agent)):
        device, client = device_of(agent), client_of(agent)
        devices[device] = devices.get(device, 0) + count
        clients[client] = clients.get(client, 0) + count
        total += count

    def shares(counts):
        return {name: round(count / total, 4) for name, count in sorted(counts.items(), key=lambda kv: -kv[1])}

    return (shares(devices), shares(clients)) if total else ({}, {})


def people(campaign, kind, page=1, per_page=50):
    """(rows of (contact id, name, email/phone, when), total) of the recipients who ``kind`` (PEOPLE_KINDS)."""
    statement = _people_query(campaign, kind)
    total = db.session.scalar(select(func.count()).select_from(statement.order_by(None).subquery()))
    rows = db.session.execute(statement.limit(per_page).offset((page - 1) * per_page)).all()
    return rows, total


def _people_query(campaign, kind):
    if kind in ("opened", "clicked", "bounced"):
        column = {"opened": Message.opened_at, "clicked": Message.clicked_at, "bounced": Message.failed_at}[kind]
        condition = Message.status == "bounced" if kind == "bounced" else column.is_not(None)
        return (select(Contact.id, Contact.first_name, Contact.last_name, Message.to, column.label("at"))
                .join(Contact, Contact.id == Message.contact_id).where(_mine(campaign), condition)
                .order_by(column.desc(), Message.id))
    at = func.min(MessageEvent.occurred_at).label("at")
    return (select(Contact.id, Contact.first_name, Contact.last_name, Message.to, at)
            .join(Message, Message.id == MessageEvent.message_id).join(Contact, Contact.id == Message.contact_id)
            .where(_mine(campaign), MessageEvent.type == kind, MessageEvent.organization_id == campaign.organization_id)
            .group_by(Contact.id, Contact.first_name, Contact.last_name, Message.to).order_by(at.desc(), Contact.id))


def people_rows(campaign, kind):
    """Every row of people(), in batches (a CSV of any size in bounded memory)."""
    return db.session.execute(_people_query(campaign, kind).execution_options(yield_per=1000))
