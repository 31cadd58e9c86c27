"""Charts any page can show: a plotly figure built here, drawn in the browser by static/js/charts.js
(plotly.js vendored in static/vendor), always with its numbers as a table, a CSV of them, a sentence
that says what it shows, and an empty state.

    chart = Chart("ratings", "Ratings by stars", go.Figure(go.Bar(x=..., y=...)),
                  columns=["Stars", "Ratings"], rows=[[5, 12], ...], summary="12 of 20 ratings gave 5 stars.",
                  empty="No ratings yet: ...", csv_url=url_for(...))

and in the template ``{% from "components/chart.html" import chart_card %}{{ chart_card(chart) }}``.
A page that shows charts puts ``{% include "components/_chart_assets.html" %}`` in its head: the
scripts and the one <style> element plotly.js writes its rules into, allowed by the response's
nonce (the Content-Security-Policy forbids inline styles otherwise; see security_headers.py).
"""
import json
from dataclasses import dataclass, field
from typing import NamedTuple

from nudgeweb.downloads import CsvWriter, csv_response

COLORS = ["#4f46e5", "#0ea5e9", "#10b981", "#f59e0b", "#ef4444", "#8b5cf6", "#64748b", "#ec4899"]
LAYOUT = {
    "colorway": COLORS,
    "font": {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 12, "color": "#334155"},
    "margin": {"l": 48, "r": 12, "t": 8, "b": 40},
    "height": 280,
    "autosize": True,
    "paper_bgcolor": "rgba(0,0,0,0)",
    "plot_bgcolor": "rgba(0,0,0,0)",
    "legend": {"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0},
    "xaxis": {"fixedrange": True, "automargin": True, "gridcolor": "#e2e8f0", "tickformat": "%b %-d"},
    "yaxis": {"fixedrange": True, "automargin": True, "gridcolor": "#e2e8f0", "rangemode": "tozero"},
    "hovermode": "closest",
}


class Link(NamedTuple):
    """A table cell that links to a page (a name in a leaderboard); its text in the CSV."""
    text: str
    url: str

    def __str__(self):
        return self.text


@dataclass
class Chart:
    key: str
    title: str
    figure: object  # a plotly.graph_objects.Figure, or its plotly.js JSON as a dict (cheaper to build)
    columns: list
    rows: list
    summary: str  # the text alternative: what the chart shows, in words
    empty: str  # what an empty chart says (and what to do about it)
    is_empty: bool = False
    csv_url: str | None = None
    table_open: bool = False  # the table shows without a click (where it is what people read first)
    layout: dict = field(default_factory=dict)  # this chart's own layout, over LAYOUT

    def figure_dict(self):
        """The figure as plotly.js takes it (JSON-safe), with the shared layout under the chart's own."""
        figure = dict(self.figure) if isinstance(self.figure, dict) else json.loads(self.figure.to_json())
        figure["layout"] = _merged(_merged(_merged(LAYOUT, _whole_number_ticks(figure["data"])), figure.get("layout", {})),
                                   self.layout)
        figure["layout"].pop("template", None)  # plotly.py's default template: ours is LAYOUT
        return {"data": figure["data"], "layout": figure["layout"]}

    def csv(self, filename):
        writer = CsvWriter()
        return csv_response([writer.text([self.columns] + self.rows)], filename)


def _whole_number_ticks(traces):
    """A y axis of counts under 6 ticks at whole numbers: plotly's own ticks went 0, 0.2, 0.4 for one rating."""
    values = [value for trace in traces if trace.get("type", "scatter") in ("bar", "scatter")
              for value in (trace.get("y") or [])]
    counts = [value for value in values if value is not None]
    if counts and all(isinstance(value, int) and not isinstance(value, bool) for value in counts) and max(counts) < 6:
        return {"yaxis": {"dtick": 1}}
    return {}


def _merged(base, over):
    merged = dict(base)
    for name, value in over.items():
        merged[name] = _merged(merged[name], value) if isinstance(value, dict) and isinstance(merged.get(name), dict) else value
    return merged
