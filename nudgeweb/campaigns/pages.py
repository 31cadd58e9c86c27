"""What the campaign pages show beyond one operation: the list's figures (one aggregate for the page), the
report's chart (nudgeweb/charts.py), who opened/clicked/… as a page and as a CSV."""
from dataclasses import dataclass
from datetime import datetime

import plotly.graph_objects as go
from flask import url_for
from sqlalchemy import and_, func, select

from nudgeweb.campaigns import report
from nudgeweb.charts import Chart
from nudgeweb.downloads import CsvWriter, csv_response
from nudgeweb.models import Campaign, Message, db
from nudgeweb.pagination import Page, requested_page

LIST_LIMIT = 200
PEOPLE_PER_PAGE = 50


@dataclass
class Row:
    campaign: Campaign
    sent: int = 0
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
    if ids:
        figures = {row[0]: row[1:] for row in db.session.execute(
            select(Message.purpose_id, func.count(Message.sent_at), func.count(Message.opened_at),
                   func.count(Message.clicked_at))
            .where(and_(Message.organization_id == organization_id, Message.purpose == "campaign",
                        Message.purpose_id.in_(ids))).group_by(Message.purpose_id))}
    return [Row(campaign, *figures.get(campaign.id, (0, 0, 0))) for campaign in campaigns]


def timeline_chart(campaign):
    """Opens and clicks over time since sending (a chart of nudgeweb/charts.py; empty before anyone opened it)."""
    points = report.timeline(campaign)
    moments = [datetime.fromisoformat(point["timestamp"].replace("Z", "+00:00")) for point in points]
    opens, clicks = [point["opened"] for point in points], [point["clicked"] for point in points]
    figure = go.Figure([go.Bar(x=moments, y=opens, name="Opens", marker_color="#4f46e5"),
                        go.Bar(x=moments, y=clicks, name="Clicks", marker_color="#10b981")])
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
    number = requested_page()
    rows, total = report.people(campaign, kind, number, PEOPLE_PER_PAGE)
    return Page(items=rows, number=number, size=PEOPLE_PER_PAGE, total=total)


def people_csv(campaign, kind):
    writer = CsvWriter()
    pieces = [writer.text([["first_name", "last_name", "address", kind + "_at"]])]
    for row in report.people_rows(campaign, kind):
        pieces.append(writer.text([[row.first_name, row.last_name, row.to, row.at]]))
    return csv_response(pieces, f"{campaign.name} - {kind}.csv")
