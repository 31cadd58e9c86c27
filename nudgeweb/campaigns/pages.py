"""What the campaign pages show beyond one operation: the list's figures (one aggregate for the page), the
report's chart (a Plotly figure built here, drawn by static/js/charts.js), who opened/clicked/… as a page
and as a CSV."""
import json
from dataclasses import dataclass

import plotly.graph_objects as go
from sqlalchemy import func, select

from nudgeweb.campaigns import report
from nudgeweb.downloads import CsvWriter, csv_response
from nudgeweb.models import Campaign, CampaignSummary, db
from nudgeweb.pagination import Page, requested_page

LIST_LIMIT = 200
PEOPLE_PER_PAGE = 50


@dataclass
class Row:
    FIGURES = ("sent", "opened", "clicked")
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
    if ids:  # the messages sent, opened and clicked of each, from the campaigns' summaries
        for campaign_id, kind, count in db.session.execute(
                select(CampaignSummary.campaign_id, CampaignSummary.dimension, func.sum(CampaignSummary.count))
                .where(CampaignSummary.organization_id == organization_id, CampaignSummary.campaign_id.in_(ids),
                       CampaignSummary.metric == "first", CampaignSummary.dimension.in_(Row.FIGURES))
                .group_by(CampaignSummary.campaign_id, CampaignSummary.dimension)):
            figures.setdefault(campaign_id, dict.fromkeys(Row.FIGURES, 0))[kind] = int(count)
    return [Row(campaign, **figures.get(campaign.id, {})) for campaign in campaigns]


def chart_figure(campaign):
    """Opens and clicks over time since sending, as Plotly's JSON (None before anything happened)."""
    points = report.timeline(campaign)
    if not any(point["opened"] or point["clicked"] for point in points):
        return None
    moments = [point["timestamp"] for point in points]
    figure = go.Figure([
        go.Bar(x=moments, y=[point["opened"] for point in points], name="Opens", marker_color="#4f46e5"),
        go.Bar(x=moments, y=[point["clicked"] for point in points], name="Clicks", marker_color="#10b981"),
    ])
    highest = max(max(point["opened"], point["clicked"]) for point in points)
    figure.update_layout(margin={"l": 40, "r": 8, "t": 36, "b": 40}, height=300, barmode="group",
                         legend={"orientation": "h", "x": 0, "y": 1, "yanchor": "bottom"},
                         hovermode="x unified",
                         yaxis={"rangemode": "tozero", "tickformat": ",d", "dtick": 1 if highest <= 5 else None},
                         paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)")
    return json.dumps(figure.to_plotly_json(), default=str)


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
