"""The Analytics page's charts: each a function of a reports.PeriodReports giving a Chart
(nudgeweb/charts.py) built from the reports, so the page, its CSVs and the API show the same numbers."""
import plotly.graph_objects as go

from nudgeweb.analytics import reports
from nudgeweb.charts import Chart
from nudgeweb.delivery.setup import sent_word

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
OUTCOME_NAMES = {"sent": "sent", "delivered": "delivered", "opened_unique": "opened", "clicked_unique": "clicked",
                 "bounced": "bounced", "failed": "failed"}
FUNNEL_BASES = {"asked": "those asked", "opened": "those who opened"}
CHANNEL_NAMES = {"email": "Email", "sms": "SMS"}
SOURCE_NAMES = {"manual": "Added by hand", "import": "Imported", "api": "API", "review_request": "Review request",
                "employee": "Employee"}


def _days(period):
    return [day.isoformat() for day in period.days]


def messages_chart(r):
    period = r.period
    report = r.messages
    outcome_names = dict(OUTCOME_NAMES, sent=sent_word(r.organization_id))
    series = [(f"{CHANNEL_NAMES[channel]} {outcome_names[outcome]}", list(report["daily"][outcome][channel].values()))
              for channel in ("email", "sms") for outcome in reports.OUTCOMES
              if report["by_channel"][channel][outcome]]
    figure = go.Figure([go.Scatter(x=_days(period), y=values, name=name, mode="lines+markers" if len(period.days) < 40 else "lines")
                        for name, values in series])
    totals = report["totals"]
    return Chart(
        "messages", "Messages by day, by channel and outcome", figure,
        ["Date"] + [name for name, _ in series], [[day, *values] for day, *values in zip(_days(period), *[v for _, v in series])],
        f"{period.label}: {totals['sent']} messages {outcome_names['sent']}, {totals['delivered']} delivered, "
        f"{totals['opened_unique']} opened, {totals['clicked_unique']} clicked, {totals['bounced'] + totals['failed']} bounced or failed.",
        "No messages in this period. Review requests and campaigns you send show up here.", is_empty=not series,
        layout={"height": 300 + 20 * ((len(series) + 1) // 2)},  # room for the legend under the plot
    )


def funnel_chart(r):
    period = r.period
    steps = r.reviews["funnel"]
    labels = [step["step"].capitalize() for step in steps]
    counts = {step["step"]: step["count"] for step in steps}
    rates = [_funnel_rate(step, counts.get(step["of"], 0)) for step in steps]
    # a bar's own words are its count and rate ("2 · 50%": longer words were cut in a narrow bar); the rest hovers
    shares = [f"{step['rate']:.0%}" if rate else "" for step, rate in zip(steps, rates)]
    figure = go.Figure(go.Funnel(y=labels, x=[step["count"] for step in steps], text=shares, textinfo="value+text",
                                 hovertext=rates, hoverinfo="y+x+text",
                                 marker={"color": ["#4f46e5", "#6366f1", "#818cf8", "#10b981"]}))
    words = ", ".join(f"{step['count']} {step['step']}" + (f" ({rate})" if rate else "") for step, rate in zip(steps, rates))
    return Chart("funnel", "Review funnel: asked → opened → clicked → rated", figure,
                 ["Step", "Requests", "Rate"],
                 [[label, step["count"], rate or "—"] for label, step, rate in zip(labels, steps, rates)],
                 f"{period.label}: {words}.", "No review requests in this period. Ask a customer for a review to start the funnel.",
                 is_empty=not steps[0]["count"] and not steps[-1]["count"], layout={"margin": {"l": 72}})


def _funnel_rate(step, base):
    """"50% of those who opened", or "" when there is no rate to tell: the first step, nobody at the step it is of,
    or more than there (requests asked or opened before the period that went further in it)."""
    if not base or step["count"] > base:
        return ""
    return f"{step['rate']:.0%} of {FUNNEL_BASES[step['of']]}"


def ratings_chart(r):
    period = r.period
    ratings = r.reviews["ratings"]
    stars = [f"{n} ★" for n in range(1, 6)]
    counts = [ratings["distribution"][str(n)] for n in range(1, 6)]
    figure = go.Figure(go.Bar(x=stars, y=counts, marker={"color": ["#ef4444", "#f59e0b", "#eab308", "#84cc16", "#10b981"]}))
    average = f"averaging {ratings['average']:.1f} stars" if ratings["average"] else ""
    return Chart("ratings", "Ratings by number of stars", figure, ["Stars", "Ratings"], [[n, c] for n, c in zip(range(1, 6), counts)],
                 f"{period.label}: {ratings['count']} rating{'s' if ratings['count'] != 1 else ''} {average}.",
                 "No ratings in this period yet.",
                 is_empty=not ratings["count"])


def average_rating_chart(r):
    period = r.period
    points = r.reviews["average_over_time"]
    figure = go.Figure(go.Scatter(x=[p["date"] for p in points], y=[p["average"] for p in points], mode="lines+markers",
                                  connectgaps=True, name="Average rating"))
    rated = [p for p in points if p["average"] is not None]
    return Chart("average_rating", "Average rating by day", figure, ["Date", "Average rating", "Ratings"],
                 [[p["date"], p["average"] if p["average"] is not None else "", p["ratings"]] for p in points],
                 f"{period.label}: the daily average went from {rated[0]['average']} to {rated[-1]['average']} stars." if rated else "",
                 "No ratings in this period yet.", is_empty=not rated, layout={"yaxis": {"range": [0, 5.2], "rangemode": "normal"}})


def contacts_chart(r):
    period = r.period
    report = r.contacts
    growth = report["list_growth"]
    new = [point["new"] for point in report["new_by_day"]]
    figure = go.Figure([go.Scatter(x=[p["date"] for p in growth], y=[p["total"] for p in growth], name="Contacts", mode="lines"),
                        go.Bar(x=[p["date"] for p in growth], y=new, name="New", yaxis="y2", opacity=0.5)])
    return Chart("contacts", "Contacts: total and new by day", figure, ["Date", "Total contacts", "New contacts"],
                 [[p["date"], p["total"], n] for p, n in zip(growth, new)],
                 f"{period.label}: {report['new_contacts']} new contacts; {report['total_contacts']} in all now.",
                 "No contacts yet. Add or import your customers.", is_empty=not report["total_contacts"],
                 layout={"yaxis2": {"overlaying": "y", "side": "right", "showgrid": False, "fixedrange": True, "rangemode": "tozero",
                                    "automargin": True}, "margin": {"r": 36}})


def subscriptions_chart(r):
    report = r.contacts
    labels = ["Subscribed", "Unsubscribed", "Bounced", "Complained"]
    values = [report["subscribed"], report["unsubscribed"], report["bounced"], report["complained"]]
    figure = go.Figure(go.Bar(x=values, y=labels, orientation="h", marker={"color": ["#10b981", "#f59e0b", "#ef4444", "#64748b"]}))
    return Chart("subscriptions", "Subscribed and unsubscribed contacts (now)", figure, ["Status", "Contacts"],
                 [list(pair) for pair in zip(labels, values)],
                 f"Now: {report['subscribed']} subscribed, {report['unsubscribed']} unsubscribed, {report['bounced']} bounced, "
                 f"{report['complained']} complained.", "No contacts yet. Add or import your customers.",
                 is_empty=not report["total_contacts"], layout={"margin": {"l": 100}, "height": 220})


def sources_chart(r):
    period = r.period
    sources = r.contacts["sources"]
    labels = [SOURCE_NAMES.get(name, name) for name in sources]
    figure = go.Figure(go.Bar(x=list(sources.values()), y=labels, orientation="h"))
    return Chart("sources", "Where new contacts came from", figure, ["Source", "New contacts"],
                 [[label, count] for label, count in zip(labels, sources.values())],
                 f"{period.label}: " + ", ".join(f"{count} {label.lower()}" for label, count in zip(labels, sources.values())) + ".",
                 "No new contacts in this period.", is_empty=not sources, layout={"margin": {"l": 110}, "height": 220})


def engagement_chart(r):
    period = r.period
    grid = r.overview["engagement_grid"]
    figure = go.Figure(go.Heatmap(z=grid, x=[f"{hour}:00" for hour in range(24)], y=list(WEEKDAY_NAMES),
                                  colorscale=[[0, "#eef2ff"], [1, "#4338ca"]], hovertemplate="%{y} %{x}: %{z}<extra></extra>",
                                  showscale=False, xgap=2, ygap=2))
    total = sum(map(sum, grid))
    busiest = max(((count, day, hour) for day, row in enumerate(grid) for hour, count in enumerate(row)), default=(0, 0, 0))
    # the table is the grid turned: 24 rows of 7 days fit a card where 24 columns would not
    return Chart("engagement", "Opens and clicks by weekday and hour", figure, ["Hour"] + [name[:3] for name in WEEKDAY_NAMES],
                 [[f"{hour}:00", *(row[hour] for row in grid)] for hour in range(24)],
                 f"{period.label}: {total} opens and clicks; the busiest hour was {WEEKDAY_NAMES[busiest[1]]} at {busiest[2]}:00 "
                 f"({busiest[0]}).", "No opens or clicks in this period yet.", is_empty=not total,
                 layout={"yaxis": {"autorange": "reversed", "rangemode": "normal"}, "margin": {"l": 40}})


def _shares_chart(key, title, metric, names, empty):
    def chart(r):
        period = r.period
        report = r.dimension(metric)
        labels = [names.get(name, name.replace("_", " ").title()) for name in report["counts"]]
        figure = go.Figure(go.Pie(labels=labels, values=list(report["counts"].values()), hole=0.5, sort=False))
        return Chart(key, title, figure, ["Name", "Count", "Share"],
                     [[label, count, f"{share:.0%}"] for label, count, share in
                      zip(labels, report["counts"].values(), report["shares"].values())],
                     f"{period.label}: " + ", ".join(f"{label} {share:.0%}"
                                                     for label, share in zip(labels, report["shares"].values())) + ".",
                     empty, is_empty=not report["total"], layout={"height": 260, "legend": {"orientation": "h", "y": -0.1}})
    chart.__name__ = f"{key}_chart"
    return chart


devices_chart = _shares_chart("devices", "Devices that opened and clicked", "engagement.device",
                              {"desktop": "Desktop", "mobile": "Mobile", "tablet": "Tablet"},
                              "No opens or clicks with a known device in this period yet.")
clients_chart = _shares_chart("clients", "Email clients that opened", "engagement.client",
                              {"gmail": "Gmail", "outlook": "Outlook", "apple_mail": "Apple Mail", "other": "Other / webmail"},
                              "No email opens in this period yet.")


def revenue_chart(r):
    period, currency = r.period, r.currency
    report = r.revenue
    points = report["revenue_timeline"]
    figure = go.Figure(go.Bar(x=[p["date"] for p in points], y=[p["revenue"] for p in points], name=f"Revenue ({currency})"))
    return Chart("revenue", f"Revenue by day ({currency})", figure, ["Date", f"Revenue ({currency})"],
                 [[p["date"], p["revenue"]] for p in points],
                 f"{period.label}: {report['total_revenue']:,.2f} {currency} from {report['conversions']} events with revenue.",
                 "No revenue in this period. Post events with a revenue (POST /api/v1/events) to see it here.",
                 is_empty=not report["conversions"])


def top_campaigns_chart(r):
    period = r.period
    campaigns = r.overview["top_campaigns"][::-1]  # plotly draws a horizontal bar chart from the bottom up
    names = _short_labels([campaign["name"] for campaign in campaigns])
    full = [campaign["name"] for campaign in campaigns]  # (the labels may be cut short; the hover says it all)
    figure = go.Figure([go.Bar(y=names, x=[c[key] for c in campaigns], name=label, orientation="h", hovertext=full,
                               hovertemplate=f"%{{hovertext}}: %{{x:.0%}} {label.lower()}<extra></extra>")
                        for key, label in (("open_rate", "Open rate (of delivered)"),
                                           ("click_rate", "Click rate (of delivered)"))])
    best = r.overview["top_campaigns"][0] if campaigns else None
    return Chart("top_campaigns", "Top campaigns by click rate (of delivered)", figure,
                 ["Campaign", "Recipients", "Sent", "Delivered", "Opened", "Open rate (of delivered)", "Clicked",
                  "Click rate (of delivered)"],
                 [[c["name"], c["recipients"], c["sent"], c["delivered"], c["opened"], f"{c['open_rate']:.0%}",
                   c["clicked"], f"{c['click_rate']:.0%}"] for c in r.overview["top_campaigns"]],
                 f"{period.label}: {len(campaigns)} campaigns sent; the best was {best['name']}, opened by "
                 f"{best['open_rate']:.0%} and clicked by {best['click_rate']:.0%} of the messages delivered." if best else "",
                 "No campaign sent in this period. Send a campaign to compare them here.", is_empty=not campaigns,
                 layout={"height": 120 + 48 * len(campaigns), "barmode": "group",
                         "xaxis": {"tickformat": ".0%", "rangemode": "tozero"},
                         "yaxis": {"automargin": True}})


def revenue_by_campaign_chart(r):
    period, currency = r.period, r.currency
    report = r.revenue
    campaigns = report["revenue_by_campaign"]
    bars = campaigns[::-1]  # the most at the top
    figure = go.Figure(go.Bar(y=_short_labels([c["campaign_name"] for c in bars]), x=[c["revenue"] for c in bars],
                              orientation="h", name=f"Revenue ({currency})", hovertext=[c["campaign_name"] for c in bars],
                              hovertemplate=f"%{{hovertext}}: %{{x:,.2f}} {currency}<extra></extra>"))
    credited = round(sum(c["revenue"] for c in campaigns), 2)
    return Chart("revenue_by_campaign", f"Revenue by campaign ({currency})", figure,
                 ["Campaign", f"Revenue ({currency})", "Conversions"],
                 [[c["campaign_name"], c["revenue"], c["conversions"]] for c in campaigns],
                 f"{period.label}: {credited:,.2f} of {report['total_revenue']:,.2f} {currency} credited to "
                 f"{len(campaigns)} campaigns" + (f", the most to {campaigns[0]['campaign_name']}." if campaigns else "."),
                 "No revenue credited to a campaign in this period: revenue counts for a campaign when the contact "
                 "clicked it within the five days before.", is_empty=not campaigns,
                 layout={"height": 120 + 40 * len(campaigns), "yaxis": {"automargin": True}})


def _short_labels(names, width=22):
    """Names short enough for a phone's axis, each once (plotly draws equal labels as one bar)."""
    labels = []
    for name in names:
        label = name if len(name) <= width else name[:width - 1] + "…"
        while label in labels:
            label += " "  # (looks the same, is another category)
        labels.append(label)
    return labels


CHARTS = {chart.__name__.removesuffix("_chart"): chart for chart in (
    messages_chart, funnel_chart, ratings_chart, average_rating_chart, contacts_chart, subscriptions_chart,
    sources_chart, engagement_chart, devices_chart, clients_chart, top_campaigns_chart, revenue_chart,
    revenue_by_campaign_chart)}
