"""The Analytics page (a period in the business's time zone, its charts redrawn through htmx),
each chart's CSV, and the page of event names."""
from flask import Blueprint, abort, g, request, url_for

from nudgeweb.analytics import events
from nudgeweb.analytics.charts import CHARTS
from nudgeweb.analytics.currency import currency_of
from nudgeweb.analytics.periods import PERIODS, PeriodError, read_period
from nudgeweb.analytics.reports import PeriodReports
from nudgeweb.auth.access import current_organization, member_required
from nudgeweb.htmx import render

bp = Blueprint("analytics", __name__)
SECTIONS = (
    ("Messages", ("messages",)),
    ("Reviews", ("funnel", "ratings", "average_rating")),
    ("Contacts", ("contacts", "subscriptions", "sources")),
    ("Engagement", ("engagement", "devices", "clients")),
    ("Campaigns", ("top_campaigns",)),
    ("Revenue", ("revenue", "revenue_by_campaign")),
)


@bp.get("/analytics")
@member_required
def index():
    organization = current_organization()
    try:
        period = read_period(request.args, organization.timezone)
    except PeriodError as error:
        return render("analytics/index.html", "analytics/_charts.html", status=400, errors=error.errors,
                      args=request.args, periods=PERIODS, sections=[], period=None)
    report = PeriodReports(organization.id, period, currency_of(organization))
    charts = {key: _with_csv(CHARTS[key](report), period) for key in CHARTS}
    sections = [(title, [charts[key] for key in keys]) for title, keys in SECTIONS]
    return render("analytics/index.html", "analytics/_charts.html", errors={}, args=request.args, periods=PERIODS,
                  period=period, sections=sections, other_currencies=report.revenue["other_currencies"])


@bp.get("/analytics/charts/<key>.csv")
@member_required
def chart_csv(key):
    if key not in CHARTS:
        abort(404)
    organization = current_organization()
    try:
        period = read_period(request.args, organization.timezone)
    except PeriodError:
        abort(400)
    chart = CHARTS[key](PeriodReports(organization.id, period, currency_of(organization)))
    return chart.csv(f"{key}-{period.start}-{period.end}.csv")


@bp.get("/analytics/events")
@member_required
def event_names():
    organization_id = g.membership.organization_id
    return render("analytics/events.html", names=events.event_names(organization_id),
                  latest=events.latest_events(organization_id))


def _with_csv(chart, period):
    chart.csv_url = url_for("analytics.chart_csv", key=chart.key, **period.query())
    return chart
