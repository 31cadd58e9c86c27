"""What the campaign pages show beyond one operation: the list's figures (one aggregate for the page), the
report's chart (nudgeweb/charts.py), who opened/clicked/… as a page and as a CSV."""
import uuid
from dataclasses import dataclass
from datetime import datetime

from flask import request, url_for
from sqlalchemy import func, select

from nudgeweb.campaigns import report
from nudgeweb.charts import Chart
from nudgeweb.downloads import CsvWriter, csv_response
from nudgeweb.models import Campaign, CampaignSummary, db
from nudgeweb.pagination import Page, requested_page
from nudgeweb.unit_of_work import unit_of_work

LIST_LIMIT = 200
PEOPLE_PER_PAGE = 50
CSV_ROWS_A_PIECE = 1000


@dataclass
class Row:
    FIGURES = ("sent", "opened", "clicked", "kept_in_outbox")
    campaign: Campaign
    sent: int = 0  # handed over (with those kept in the outbox until campaign_rows takes them away)
    kept_in_outbox: int = 0
    opened: int = 0
    clicked: int = 0

    @property
    def open_rate(self):
        return self.opened / self.sent if self.sent else None

    @property
    def click_rate(self):
        return self.clicked / self.sent if self.sent else None


def campaign_rows(organization_id, status=""):
    query = select(Campaign).where(Campaign.organization_id == organization_id)
    if status:
        query = query.where(Campaign.status == status)
    campaigns = db.session.scalars(query.order_by(Campaign.created_at.desc(), Campaign.id).limit(LIST_LIMIT)).all()
    figures = {}
    ids = [campaign.id for campaign in campaigns if campaign.status not in ("draft", "scheduled")]
    if ids:  # the messages sent, opened and clicked of each, from the campaigns' summaries
        for campaign_id, kind, count in db.session.execute(
                select(CampaignSummary.campaign_id, CampaignSummary.dimension, func.sum(CampaignSummary.count))
                .where(CampaignSummary.organization_id == organization_id, CampaignSummary.campaign_id.in_(ids),
                       CampaignSummary.metric == "first", CampaignSummary.dimension.in_(Row.FIGURES))
                .group_by(CampaignSummary.campaign_id, CampaignSummary.dimension)):
            figures.setdefault(campaign_id, dict.fromkeys(Row.FIGURES, 0))[kind] = int(count)
    rows = [Row(campaign, **figures.get(campaign.id, {})) for campaign in campaigns]
    for row in rows:
        row.sent -= row.kept_in_outbox
    return rows


def timeline_chart(campaign):
    """Opens and clicks over time since sending (a chart of nudgeweb/charts.py; empty before anyone opened it)."""
    points = report.timeline(campaign)
    moments = [datetime.fromisoformat(point["timestamp"].replace("Z", "+00:00")) for point in points]
    opens, clicks = [point["opened"] for point in points], [point["clicked"] for point in points]
    # plain plotly.js JSON: plotly.py's validating Figure cost more than the report's queries
    figure = {"data": [{"type": "bar", "x": [point["timestamp"] for point in points], "y": values, "name": name,
                        "marker": {"color": color}}
                       for values, name, color in ((opens, "Opens", "#4f46e5"), (clicks, "Clicks", "#10b981"))]}
    highest = max(opens + clicks, default=0)
    busiest = max(zip(opens, moments), key=lambda pair: pair[0], default=(0, None))
    return Chart(
        "timeline", "Opens and clicks over time", figure, ["Time (UTC)", "Opens", "Clicks"],
        [[moment.strftime("%b %-d %H:%M"), opened, clicked] for moment, opened, clicked in zip(moments, opens, clicks)],
        f"Since it was sent: opens {sum(opens):,}, clicks {sum(clicks):,}; the most opens ({busiest[0]:,}) "
        f"were at {busiest[1]:%b %-d %H:%M} UTC." if highest else "",
        "Nobody has opened it yet; the chart fills in as they do.", is_empty=not highest,
        csv_url=url_for("campaigns.timeline_csv", campaign_id=campaign.id),
        layout={"height": 300, "barmode": "group", "hovermode": "x unified", "margin": {"t": 36},
                "legend": {"orientation": "h", "x": 0, "y": 1, "yanchor": "bottom"},
                "xaxis": {"tickformat": ""},
                "yaxis": {"tickformat": ",d", "dtick": 1 if highest <= 5 else None}})


def people_page(campaign, kind):
    """{"people": the page of who ``kind`` the query string asks for, "people_href": its pager's addresses}."""
    number = requested_page()
    rows, total = report.people(campaign, kind, number, PEOPLE_PER_PAGE, after=_message_id("after"),
                                before=_message_id("before"), end=request.args.get("end") == "1")
    page = Page(items=rows, number=number, size=PEOPLE_PER_PAGE, total=total)
    return {"kind": kind, "people": page, "people_href": _people_href(campaign, kind, page)}


def _message_id(name):
    try:
        return uuid.UUID(request.args.get(name, ""))
    except ValueError:
        return None


def _people_href(campaign, kind, page):
    """href(number) of the pager: the next page after this one's last message, the previous one before its first,
    the last from the end (so that no page is counted from the start of 100,000 messages)."""
    first, last = (getattr(page.items[0], "message_id", None), getattr(page.items[-1], "message_id", None)) \
        if page.items else (None, None)

    def href(number):
        place = {}
        if number == page.number + 1 and last:
            place = {"after": last}
        elif number == page.number - 1 and number > 1 and first:
            place = {"before": first}
        elif number > 1 and number == page.last_page:
            place = {"end": 1}
        return url_for("campaigns.people", campaign_id=campaign.id, kind=kind, page=number, **place)

    return href


def people_csv(campaign, kind):
    """The recipients who ``kind`` as a CSV, streamed: rows are read a thousand at a time while the response
    is written (in a unit of work of their own: they stream after the request's has ended)."""
    organization_id, campaign_id = campaign.organization_id, campaign.id

    def pieces():
        writer = CsvWriter()
        yield writer.text([["first_name", "last_name", "address", kind + "_at"]])
        with unit_of_work(organization_id):
            rows = report.people_rows(db.session.get(Campaign, campaign_id), kind)
            for batch in rows.partitions(CSV_ROWS_A_PIECE):
                yield writer.text([row.first_name, row.last_name, row.to, row.at] for row in batch)

    return csv_response(pieces(), f"{campaign.name} - {kind}.csv")
