"""The leaderboard as a Plotly bar chart, built on the server from the SQL roll-up (progress.leaderboard)."""
import plotly.graph_objects as go

from nudgeweb.nudges.progress import GOAL_LABELS


def leaderboard_figure(period, standings, color="#4f46e5"):
    """Horizontal bars, the leader on top, with the goal as a dashed line."""
    ordered = list(reversed(standings))
    labels = [_short(s.name) for s in ordered]
    if len(set(labels)) < len(labels):  # two names alike when shortened: a category each needs its own
        labels = [f"{s.place}. {_short(s.name)}" for s in ordered]
    figure = go.Figure(go.Bar(
        x=[s.progress for s in ordered], y=labels, orientation="h", marker_color=color,
        text=[s.progress for s in ordered], textposition="auto", customdata=[s.name for s in ordered],
        hovertemplate="%{customdata}: %{x} " + GOAL_LABELS[period.goal_kind] + "<extra></extra>"))
    figure.add_vline(x=period.goal, line_dash="dash", line_color="#9ca3af",
                     annotation_text=f"Goal {period.goal}", annotation_position="top")
    figure.update_layout(margin=dict(l=10, r=10, t=30, b=30), height=max(220, 44 * len(standings) + 80),
                         xaxis_title=GOAL_LABELS[period.goal_kind].capitalize(), yaxis=dict(automargin=True),
                         plot_bgcolor="#ffffff", paper_bgcolor="#ffffff", font=dict(size=13))
    return figure


def _short(name, limit=18):
    """A name that fits beside a bar on a phone (the table beside the chart has it whole)."""
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"
