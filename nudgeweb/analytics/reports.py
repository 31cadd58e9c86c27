"""What the charts and the analytics API show, read from the hourly counts (never the raw rows).

``Counts`` loads the buckets of some metrics over a period in one query and adds them up by local
day, weekday and hour, or dimension; the report functions give the seed-001 shapes that the API
answers and the Analytics page draws.
"""
import uuid
from collections import defaultdict
from datetime import timedelta
from functools import cached_property

from sqlalchemy import func, select

from nudgeweb.extensions import db
from nudgeweb.models import Campaign, Contact
from nudgeweb.models.analytics import AnalyticsCount

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
OUTCOMES = ("sent", "delivered", "opened_unique", "clicked_unique", "bounced", "failed")
TOP_CAMPAIGNS = 10
# (step, metric, the step its rate is of): a customer may rate on our page without clicking through to a
# review site, so "rated" is a share of "opened" (rating opens the page), not of "clicked"
FUNNEL = (("asked", "review.asked", None), ("opened", "review.opened", "asked"), ("clicked", "review.clicked", "opened"),
          ("rated", "review.rated", "opened"))


class Counts:
    """The organization's buckets of ``metrics`` in ``period``."""

    def __init__(self, organization_id, period, metrics):
        self.period = period
        bucket = AnalyticsCount
        self.by_metric = defaultdict(list)
        # Core, not the ORM: a year is thousands of buckets, and ORM rows cost several times more to make
        # (the organization is in the WHERE clause, as the ORM's scoping would put it)
        for row in db.session.connection().execute(
            select(bucket.metric, bucket.dimension, bucket.hour, bucket.count, bucket.amount)
            .where(bucket.organization_id == organization_id, bucket.metric.in_(metrics),
                   bucket.hour >= period.utc_start, bucket.hour < period.utc_end)
        ).fetchall():
            self.by_metric[row.metric].append(row)

    def _matching(self, metric, dimension=None):
        rows = self.by_metric.get(metric, ())
        return rows if dimension is None else [row for row in rows if row.dimension == dimension]

    def total(self, metric, dimension=None):
        return sum(row.count for row in self._matching(metric, dimension))

    def amount(self, metric, dimension=None):
        return round(sum(row.amount for row in self._matching(metric, dimension)), 2)

    def by_dimension(self, metric):
        totals = defaultdict(int)
        for row in self._matching(metric):
            totals[row.dimension] += row.count
        return dict(sorted(((k, v) for k, v in totals.items() if v), key=lambda item: (-item[1], item[0])))

    def by_day(self, metric, dimension=None, amount=False):
        """{local day: count (or amount)} for every day of the period, zeros included."""
        days = dict.fromkeys(self.period.days, 0)
        zone = self.period.zone
        for row in self._matching(metric, dimension):
            day = row.hour.astimezone(zone).date()
            if day in days:
                days[day] += row.amount if amount else row.count
        return days

    def by_weekday_hour(self, metrics):
        """7 × 24 counts (Monday first) by local weekday and hour."""
        grid = [[0] * 24 for _ in range(7)]
        zone = self.period.zone
        for metric in metrics:
            for row in self.by_metric.get(metric, ()):
                local = row.hour.astimezone(zone)
                grid[local.weekday()][local.hour] += row.count
        return grid


def rate(part, whole):
    return round(part / whole, 4) if whole else 0.0


def shares(counts):
    total = sum(counts.values())
    return {name: rate(value, total) for name, value in counts.items()}


def series(days, name="value"):
    return [{"date": day.isoformat(), name: value} for day, value in days.items()]


# --- the reports ------------------------------------------------------------------------------------

def messages(organization_id, period):
    counts = Counts(organization_id, period, [f"message.{outcome}" for outcome in OUTCOMES])
    return {
        "totals": {outcome: counts.total(f"message.{outcome}") for outcome in OUTCOMES},
        "by_channel": {channel: {outcome: counts.total(f"message.{outcome}", channel) for outcome in OUTCOMES}
                       for channel in ("email", "sms")},
        "daily": {outcome: {channel: counts.by_day(f"message.{outcome}", channel) for channel in ("email", "sms")}
                  for outcome in OUTCOMES},
    }


def overview(organization_id, period):
    counts = Counts(organization_id, period, ["message.sent", "message.delivered", "message.opened_unique",
                                              "message.clicked_unique", "revenue"])
    sent, delivered = counts.total("message.sent"), counts.total("message.delivered")
    opened, clicked = counts.total("message.opened_unique"), counts.total("message.clicked_unique")
    engaged = Counts(organization_id, period, ["message.opened", "message.clicked"])
    grid = engaged.by_weekday_hour({"message.opened", "message.clicked"})
    total_engaged = sum(map(sum, grid))
    by_hour = {str(hour): rate(sum(day[hour] for day in grid), total_engaged) for hour in range(24)}
    return {
        "summary": {"total_sent": sent, "total_delivered": delivered, "total_opened": opened, "total_clicked": clicked,
                    "total_revenue": counts.amount("revenue"), "average_open_rate": rate(opened, delivered or sent),
                    "average_click_rate": rate(clicked, delivered or sent)},
        "trends": {name: series(counts.by_day(metric)) for name, metric in (
            ("sent", "message.sent"), ("delivered", "message.delivered"), ("opened", "message.opened_unique"),
            ("clicked", "message.clicked_unique"))},
        "top_campaigns": top_campaigns(organization_id, period),
        "engagement_by_day": {name: rate(sum(grid[index]), total_engaged) for index, name in enumerate(WEEKDAYS)},
        "engagement_by_hour": {hour: share for hour, share in by_hour.items() if share},
        "engagement_grid": grid,
    }


def top_campaigns(organization_id, period, limit=TOP_CAMPAIGNS):
    """The campaigns that sent in the period, with all their sends, deliveries, unique opens and clicks so far
    (a campaign's opens often come after the period): the best click rate first, then open rate. Rates are of
    the messages delivered (sent and not bounced or failed), as the campaign's own report gives them."""
    sent_in_period = Counts(organization_id, period, ["campaign.sent"]).by_dimension("campaign.sent")
    if not sent_in_period:
        return []
    totals = defaultdict(int)
    for dimension, metric, count in db.session.execute(
        select(AnalyticsCount.dimension, AnalyticsCount.metric, func.sum(AnalyticsCount.count))
        .where(AnalyticsCount.organization_id == organization_id, AnalyticsCount.dimension.in_(sent_in_period),
               AnalyticsCount.metric.in_(("campaign.sent", "campaign.delivered", "campaign.opened", "campaign.clicked")))
        .group_by(AnalyticsCount.dimension, AnalyticsCount.metric)
    ):
        totals[(dimension, metric)] = int(count)
    campaigns = db.session.execute(select(Campaign.id, Campaign.name, Campaign.total_recipients).where(
        Campaign.organization_id == organization_id, Campaign.id.in_([uuid.UUID(key) for key in sent_in_period]))).all()
    rows = []
    for campaign_id, name, recipients in campaigns:
        key = str(campaign_id)
        sent, delivered = totals[(key, "campaign.sent")], totals[(key, "campaign.delivered")]
        opened, clicked = totals[(key, "campaign.opened")], totals[(key, "campaign.clicked")]
        rows.append({"id": key, "name": name, "recipients": recipients or 0, "sent": sent, "delivered": delivered,
                     "opened": opened, "clicked": clicked, "open_rate": rate(opened, delivered),
                     "click_rate": rate(clicked, delivered)})
    rows.sort(key=lambda row: (-row["click_rate"], -row["open_rate"], -row["sent"], row["name"]))
    return rows[:limit]


def contacts(organization_id, period):
    by_status = dict(db.session.execute(
        select(Contact.status, func.count()).where(Contact.organization_id == organization_id).group_by(Contact.status)
    ).all())
    total = sum(by_status.values())
    counts = Counts(organization_id, period, ["contact.created", "contact.unsubscribed"])
    new, left = counts.total("contact.created"), counts.total("contact.unsubscribed")
    created_since = _total_since(organization_id, "contact.created", period.utc_end)
    growth, running = [], total - created_since
    daily = counts.by_day("contact.created")
    for day in reversed(period.days):
        growth.append({"date": day.isoformat(), "total": running})
        running -= daily[day]
    at_start = max(running, 0)
    return {
        "total_contacts": total, "subscribed": by_status.get("subscribed", 0),
        "unsubscribed": by_status.get("unsubscribed", 0), "bounced": by_status.get("bounced", 0),
        "complained": by_status.get("complained", 0), "new_contacts": new,
        "growth_rate": rate(new, at_start or new), "churn_rate": rate(left, at_start or new),
        "list_growth": growth[::-1], "new_by_day": series(daily, "new"),
        "sources": counts.by_dimension("contact.created"),
    }


def _total_since(organization_id, metric, moment):
    return db.session.scalar(select(func.coalesce(func.sum(AnalyticsCount.count), 0)).where(
        AnalyticsCount.organization_id == organization_id, AnalyticsCount.metric == metric,
        AnalyticsCount.hour >= moment))


def revenue(organization_id, period, currency):
    counts = Counts(organization_id, period, ["revenue", "message.sent", "revenue.campaign"])
    total, conversions = counts.amount("revenue", currency), counts.total("revenue", currency)
    sent = counts.total("message.sent")
    contact_total = db.session.scalar(select(func.count()).select_from(Contact).where(
        Contact.organization_id == organization_id))
    return {
        "currency": currency, "total_revenue": total, "conversions": conversions,
        "revenue_per_email": round(total / sent, 2) if sent else 0.0,
        "revenue_per_contact": round(total / contact_total, 2) if contact_total else 0.0,
        "conversion_rate": rate(conversions, sent), "average_order_value": round(total / conversions, 2) if conversions else 0.0,
        "revenue_by_campaign": _revenue_by_campaign(organization_id, counts, currency),
        "revenue_timeline": series({day: round(value, 2) for day, value in counts.by_day("revenue", currency, amount=True).items()},
                                   "revenue"),
        "other_currencies": {code: counts.amount("revenue", code) for code in counts.by_dimension("revenue") if code != currency},
    }


def _revenue_by_campaign(organization_id, counts, currency):
    """[{campaign_id, campaign_name, revenue, conversions}] in ``currency``, the most first: the revenue of events
    credited to the last campaign their contact clicked within five days before (nudgeweb.analytics.attribution)."""
    credited = defaultdict(lambda: [0, 0.0])
    for row in counts.by_metric.get("revenue.campaign", ()):
        code, _, campaign_id = row.dimension.partition(":")
        if code == currency:
            credited[campaign_id][0] += row.count
            credited[campaign_id][1] += row.amount
    names = _campaign_names(organization_id, credited)
    rows = [{"campaign_id": campaign_id, "campaign_name": names.get(campaign_id, "(deleted campaign)"),
             "revenue": round(amount, 2), "conversions": conversions}
            for campaign_id, (conversions, amount) in credited.items() if conversions or round(amount, 2)]
    return sorted(rows, key=lambda row: (-row["revenue"], -row["conversions"], row["campaign_name"]))


def _campaign_names(organization_id, campaign_ids):
    if not campaign_ids:
        return {}
    return {str(campaign_id): name for campaign_id, name in db.session.execute(
        select(Campaign.id, Campaign.name).where(Campaign.organization_id == organization_id,
                                                 Campaign.id.in_([uuid.UUID(key) for key in campaign_ids])))}


def dimension_report(organization_id, period, metric):
    counts = Counts(organization_id, period, [metric]).by_dimension(metric)
    return {"counts": counts, "shares": shares(counts), "total": sum(counts.values())}


def reviews(organization_id, period):
    counts = Counts(organization_id, period, [metric for _, metric, _ in FUNNEL] + ["review.rating"])
    totals = {name: counts.total(metric) for name, metric, _ in FUNNEL}
    steps = [{"step": name, "count": totals[name], "of": of, "rate": rate(totals[name], totals[of]) if of else 1.0}
             for name, _, of in FUNNEL]
    distribution = {str(stars): counts.total("review.rating", str(stars)) for stars in range(1, 6)}
    ratings = sum(distribution.values())
    sums, numbers = counts.by_day("review.rating", amount=True), counts.by_day("review.rating")
    return {
        "funnel": steps,
        "ratings": {"count": ratings, "average": round(counts.amount("review.rating") / ratings, 2) if ratings else None,
                    "distribution": distribution},
        "average_over_time": [{"date": day.isoformat(), "average": round(sums[day] / numbers[day], 2) if numbers[day] else None,
                               "ratings": numbers[day]} for day in period.days],
    }


class PeriodReports:
    """The reports of one organization and period, each made once however many charts read it."""

    def __init__(self, organization_id, period, currency):
        self.organization_id, self.period, self.currency = organization_id, period, currency
        self._dimensions = {}

    @cached_property
    def messages(self):
        return messages(self.organization_id, self.period)

    @cached_property
    def overview(self):
        return overview(self.organization_id, self.period)

    @cached_property
    def contacts(self):
        return contacts(self.organization_id, self.period)

    @cached_property
    def revenue(self):
        return revenue(self.organization_id, self.period, self.currency)

    @cached_property
    def reviews(self):
        return reviews(self.organization_id, self.period)

    def dimension(self, metric):
        if metric not in self._dimensions:
            self._dimensions[metric] = dimension_report(self.organization_id, self.period, metric)
        return self._dimensions[metric]


def previous(period):
    """The period of the same length just before ``period`` (for a tile's change)."""
    from nudgeweb.analytics.periods import Period

    length = (period.end - period.start).days + 1
    return Period("custom", period.start - timedelta(days=length), period.start - timedelta(days=1), period.zone)
