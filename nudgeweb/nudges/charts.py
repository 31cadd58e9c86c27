"""The leaderboard as a chart (nudgeweb/charts.py), built on the server from the SQL roll-up (progress.leaderboard)."""
import plotly.graph_objects as go
from flask import url_for

from nudgeweb.charts import Chart, Link
from nudgeweb.nudges.progress import GOAL_LABELS

COLUMNS = ["#", "Employee", "Requests sent", "Clicks", "Reviews", "Avg rating", "Progress"]


def leaderboard_chart(period, standings, color="#4f46e5"):
    """Horizontal bars, the leader on top, with the goal as a dashed line; every figure in its table."""
    goal_words = GOAL_LABELS[period.goal_kind]
    ordered = list(reversed(standings))
    labels = [_short(s.name) for s in ordered]
    if len(set(labels)) < len(labels):  # two names alike when shortened: a category each needs its own
        labels = [f"{s.place}. {_short(s.name)}" for s in ordered]
    figure = go.Figure(go.Bar(
        x=[s.progress for s in ordered], y=labels, orientation="h", marker_color=color,
        text=[s.progress for s in ordered], textposition="auto", customdata=[s.name for s in ordered],
        hovertemplate="%{customdata}: %{x} " + goal_words + "<extra></extra>"))
    figure.add_vline(x=period.goal, line_dash="dash", line_color="#9ca3af",
                     annotation_text=f"Goal {period.goal}", annotation_position="top")
    rows = [[s.place, Link(s.name, url_for("employees.show", employee_id=s.employee_id)), s.requests, s.clicks,
             s.reviews, "—" if s.average_rating is None else s.average_rating, f"{s.progress} / {s.goal}"]
            for s in standings]
    return Chart("leaderboard", f"Leaderboard: {goal_words} per employee", figure, COLUMNS, rows,
                 _summary(period, standings, goal_words), "No one takes part in this period yet.",
                 is_empty=not standings, table_open=True,
                 csv_url=url_for("employees.leaderboard_csv", period_id=period.id),
                 layout={"height": max(220, 44 * len(standings) + 80), "margin": {"l": 10, "t": 30},
                         "xaxis": {"tickformat": "", "title": {"text": goal_words.capitalize()}}})


def _summary(period, standings, goal_words):
    if not standings:
        return ""
    leader = standings[0]
    reached = sum(1 for s in standings if s.progress >= period.goal)
    return (f"{leader.name} leads with {leader.progress} of {period.goal} {goal_words}; "
            f"{reached} of {len(standings)} taking part reached the goal.")


def _short(name, limit=18):
    """A name that fits beside a bar on a phone (the table under the chart has it whole)."""
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"
