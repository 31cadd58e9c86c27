"""What the campaign pages show beyond one operation: the list's figures (one aggregate for the page), the
report's chart (a Plotly figure built here, drawn by static/js/charts.js), who opened/clicked/… as a page
and as a CSV."""
import json
from dataclasses import dataclass

from sqlalchemy import func, select

from nudgeweb.campaigns import report
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


def chart_figure(campaign):
    """Opens and clicks over time since sending, as Plotly's JSON (None before anything happened); written
    as plotly.js takes it (plotly.py's validating Figure costs more than the report's queries)."""
    points = report.timeline(campaign)
    if not any(point["opened"] or point["clicked"] for point in points):
        return None
    moments = [point["timestamp"] for point in points]
    highest = max(max(point["opened"], point["clicked"]) for point in points)
    return json.dumps({
        "data": [{"type": "bar", "x": moments, "y": [point[kind] for point in points], "name": name,
                  "marker": {"color": color}}
                 for kind, name, color in (("opened", "Opens", "#4f46e5"), ("clicked", "Clicks", "#10b981"))],
        "layout": {"margin": {"l": 40, "r": 8, "t": 36, "b": 40}, "height": 300, "barmode": "group",
                   "legend": {"orientation": "h", "x": 0, "y": 1, "yanchor": "bottom"}, "hovermode": "x unified",
                   "xaxis": {"type": "date"},
                   "yaxis": {"rangemode": "tozero", "tickformat": ",d", **({"dtick": 1} if highest <= 5 else {})},
                   "paper_bgcolor": "rgba(0,0,0,0)", "plot_bgcolor": "rgba(0,0,0,0)"},
    })


def people_page(campaign, kind):
    number = requested_page()
    rows, total = report.people(campaign, kind, number, PEOPLE_PER_PAGE)
    return Page(items=rows, number=number, size=PEOPLE_PER_PAGE, total=total)


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
