"""The dashboard's tiles: the last 30 days of the same counts the Analytics page shows (its default
period), each with the change from the 30 days before and a small trend line."""
from dataclasses import dataclass

import plotly.graph_objects as go

from nudgeweb.analytics.currency import currency_of
from nudgeweb.analytics.periods import read_period
from nudgeweb.analytics.reports import Counts, PeriodReports, previous, rate
from nudgeweb.charts import Chart
from nudgeweb.delivery.setup import sent_word

SPARKLINE = {"height": 40, "margin": {"l": 0, "r": 0, "t": 2, "b": 2}, "showlegend": False, "hovermode": False,
             "xaxis": {"visible": False}, "yaxis": {"visible": False, "rangemode": "tozero"}}


@dataclass
class Tile:
    label: str
    value: str
    change: str
    trend: Chart


def dashboard_tiles(organization):
    period = read_period({"period": "30d"}, organization.timezone)
    currency = currency_of(organization)
    now = PeriodReports(organization.id, period, currency)
    before = Counts(organization.id, previous(period), ["message.sent", "message.opened_unique", "message.delivered",
                                                          "contact.created", "revenue", "review.rated"])
    overview, trends = now.overview["summary"], now.overview["trends"]
    before_open_rate = rate(before.total("message.opened_unique"), before.total("message.delivered") or before.total("message.sent"))
    reviews = now.reviews
    # the outbox's messages count as sent (the API's documented status): the label says where they stayed
    return [
        _tile(f"Messages {sent_word(organization.id)}", overview["total_sent"],
              before.total("message.sent"), [p["value"] for p in trends["sent"]]),
        _tile("Message open rate", overview["average_open_rate"], before_open_rate, [p["value"] for p in trends["opened"]], percent=True),
        _tile("New contacts", now.contacts["new_contacts"], before.total("contact.created"),
              [p["new"] for p in now.contacts["new_by_day"]]),
        _tile(f"Revenue ({currency})", now.revenue["total_revenue"], before.amount("revenue", currency),
              [p["revenue"] for p in now.revenue["revenue_timeline"]], money=True),
        _tile("Ratings received", reviews["ratings"]["count"], before.total("review.rated"),
              [p["ratings"] for p in reviews["average_over_time"]]),
    ]


def _tile(label, value, earlier, values, percent=False, money=False):
    shown = f"{value:.0%}" if percent else f"{value:,.2f}" if money else f"{value:,}"
    if value == earlier:
        change = "same as the 30 days before"
    elif percent:
        change = f"{(value - earlier) * 100:+.0f} points compared with the 30 days before"
    else:
        change = f"{value - earlier:+,.{2 if money else 0}f} compared with the 30 days before"
    figure = go.Figure(go.Scatter(y=values, mode="lines", fill="tozeroy", line={"width": 2}))
    summary = f"{label}, last 30 days: {shown} ({change})."
    trend = Chart(label.lower().replace(" ", "-"), label, figure, [], [], summary, "", layout=SPARKLINE,
                  is_empty=not any(values))  # (a flat line at zero is not drawn: a new business loads no chart library)
    return Tile(label, shown, change, trend)

