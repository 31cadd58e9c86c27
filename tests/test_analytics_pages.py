"""The Analytics page, its CSVs and the Events page: what an owner sees, and nothing of another business."""
from sqlalchemy import select

from nudgeweb.analytics.currency import currency_of
from nudgeweb.analytics.events import record_events
from nudgeweb.contacts.operations import upsert_contact
from nudgeweb.delivery.engine import Sent, record_sent
from nudgeweb.extensions import db
from nudgeweb.models import Contact, Message, ReviewRequest, utcnow
from tests.conftest import commit_test_work


def some_history(organization):
    ada, _ = upsert_contact(organization, {"email": "ada@example.net", "phone": "+254722000001"}, source="api")
    record_events(organization.id, [{"name": "order_completed", "contact_id": ada.id, "revenue": 42, "occurred_at": utcnow()}])
    commit_test_work()


def test_the_page_shows_every_chart_with_its_numbers_and_a_csv(owner_client, organization):
    some_history(organization)
    page = owner_client.get("/analytics?period=7d").get_data(as_text=True)
    for title in ("Messages by day", "Review funnel", "Ratings by number of stars", "Contacts: total and new",
                  "Opens and clicks by weekday and hour", "Devices", "Email clients", "Revenue by day (USD)"):
        assert title in page
    assert "Last 7 days: 42.00 USD from 1 events with revenue." in page
    assert "No review requests in this period" in page  # an empty chart says so, and what to do
    assert 'data-chart' in page and "plotly.min.js" in page and "Top campaigns by click rate" in page
    csv = owner_client.get("/analytics/charts/revenue.csv?period=7d")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    lines = csv.get_data(as_text=True).strip().splitlines()
    assert lines[0] == "Date,Revenue (USD)" and len(lines) == 8 and lines[-1].endswith(",42.0")


def test_a_period_change_answers_the_charts_fragment(owner_client, organization):
    some_history(organization)
    response = owner_client.get("/analytics?period=today", headers={"HX-Request": "true"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and body.lstrip().startswith("<div id=\"analytics\"")
    assert "<html" not in body and "Today" in body


def test_a_bad_period_is_said_at_its_field(owner_client):
    response = owner_client.get("/analytics?period=custom&start_date=2026-05-02&end_date=2026-05-01")
    assert response.status_code == 400 and "The end date is before the start date." in response.get_data(as_text=True)
    assert owner_client.get("/analytics/charts/nothing.csv").status_code == 404


def test_the_style_nonce_is_only_on_pages_with_charts(owner_client):
    analytics = owner_client.get("/analytics").headers["Content-Security-Policy"]
    contacts = owner_client.get("/contacts").headers["Content-Security-Policy"]
    assert "style-src 'self' 'nonce-" in analytics and "unsafe" not in analytics
    assert "nonce" not in contacts


def test_the_events_page_lists_names_with_counts_and_the_latest(owner_client, organization):
    assert "No events yet" in owner_client.get("/analytics/events").get_data(as_text=True)
    some_history(organization)
    page = owner_client.get("/analytics/events").get_data(as_text=True)
    assert "order_completed" in page and "42.00 USD" in page and "ada@example.net" in page
    contact = db.session.scalar(select(Contact))
    timeline = owner_client.get(f"/contacts/{contact.id}").get_data(as_text=True)
    assert "Event: order_completed (42.00 USD)" in timeline


def test_another_business_sees_none_of_it(owner_client, organization, other_client):
    some_history(organization)
    assert "No events yet" in other_client.get("/analytics/events").get_data(as_text=True)
    page = other_client.get("/analytics?period=7d").get_data(as_text=True)
    assert "42.00" not in page and "No revenue in this period" in page
    assert ",42.0" not in other_client.get("/analytics/charts/revenue.csv?period=7d").get_data(as_text=True)


def test_the_dashboard_tiles_agree_with_the_analytics_page(owner_client, organization):
    some_history(organization)
    page = owner_client.get("/").get_data(as_text=True)
    assert "Revenue (USD)" in page and "42.00" in page and "+42.00 compared with the 30 days before" in page
    assert "New contacts" in page and "Revenue (USD), last 30 days: 42.00 (+42.00 compared with the 30 days before)." in page
    analytics = owner_client.get("/analytics").get_data(as_text=True)
    assert "Last 30 days: 42.00 USD from 1 events with revenue." in analytics


def funnel_of(asked, opened, clicked, rated):
    from types import SimpleNamespace

    from nudgeweb.analytics.charts import funnel_chart
    from nudgeweb.analytics.reports import rate

    counts = {"asked": asked, "opened": opened, "clicked": clicked, "rated": rated}
    steps = [{"step": name, "count": counts[name], "of": of, "rate": rate(counts[name], counts[of]) if of else 1.0}
             for name, of in (("asked", None), ("opened", "asked"), ("clicked", "opened"), ("rated", "opened"))]
    return funnel_chart(SimpleNamespace(period=SimpleNamespace(label="Last 30 days"), reviews={"funnel": steps}))


def test_the_funnel_says_no_rate_after_an_empty_step():
    """1 rated after 0 opened (the rating came from a request opened before the period) is no rate, not Infinity%."""
    chart = funnel_of(4, 0, 0, 1)
    trace = chart.figure_dict()["data"][0]
    assert trace["text"] == ["", "0%", "", ""] and trace["hovertext"] == ["", "0% of those asked", "", ""]
    assert "1 rated." in chart.summary and [row[2] for row in chart.rows] == ["—", "0% of those asked", "—", "—"]


def test_the_funnel_rates_a_rating_of_those_who_opened_as_one_may_rate_without_clicking_through():
    chart = funnel_of(21, 2, 1, 2)
    rates = ["", "10% of those asked", "50% of those who opened", "100% of those who opened"]
    trace = chart.figure_dict()["data"][0]
    assert trace["hovertext"] == rates and trace["text"] == ["", "10%", "50%", "100%"]  # (a narrow bar cut the words)
    assert chart.summary == ("Last 30 days: 21 asked, 2 opened (10% of those asked), 1 clicked (50% of those who opened), "
                             "2 rated (100% of those who opened).")
    assert [row[2] for row in chart.rows] == ["—"] + rates[1:] and "200%" not in str(chart.figure_dict())


def test_the_funnel_page_rates_a_rating_without_a_click_of_those_who_opened(owner_client, organization):
    ada, _ = upsert_contact(organization, {"email": "ada@example.net"}, source="api")
    now = utcnow()
    requests = [ReviewRequest(organization_id=organization.id, contact=ada, channel="email", scheduled_for=now, sent_at=now)
                for _ in range(4)]
    for request in requests[:2]:  # both rated, one of them after a click through to a review site
        request.opened_at = request.reviewed_at = now
        request.rating = 5
    requests[0].clicked_at = now
    db.session.add_all(requests)
    commit_test_work()
    page = owner_client.get("/analytics").get_data(as_text=True)
    assert ("4 asked, 2 opened (50% of those asked), 1 clicked (50% of those who opened), "
            "2 rated (100% of those who opened).") in page and "200%" not in page


def messages_in_the_outbox(organization, *purposes):
    """One email 'sent' for each purpose by the engine into the outbox (no provider set up)."""
    ada, _ = upsert_contact(organization, {"email": "ada@example.net"}, source="api")
    messages = [Message(organization_id=organization.id, contact_id=ada.id, channel="email", purpose=purpose,
                        to="ada@example.net", status="sending", subject="Hello") for purpose in purposes]
    db.session.add_all(messages)
    db.session.flush()
    record_sent(organization.id, [Sent(message, "outbox", None, utcnow()) for message in messages])
    commit_test_work()


def test_the_messages_chart_says_what_the_outbox_kept_and_what_went_out_sent(app, owner_client, organization):
    messages_in_the_outbox(organization, "review_request", "review_request")
    page = owner_client.get("/analytics").get_data(as_text=True)
    assert "Last 30 days: 2 messages kept in the Outbox, 0 delivered" in page and "Email kept in the Outbox" in page
    assert "messages sent" not in page and "Email sent" not in page
    app.config["MAIL_URL"] = "smtp://mail.example.com:587"
    try:
        page = owner_client.get("/analytics").get_data(as_text=True)
    finally:
        app.config["MAIL_URL"] = ""
    assert "Last 30 days: 2 messages sent, 0 delivered" in page and "Email sent" in page and "kept in the Outbox" not in page


def test_the_dashboard_counts_the_messages_to_customers_and_says_which_open_rate_it_shows(owner_client, organization):
    messages_in_the_outbox(organization, "review_request", "review_request", "review_notification", "email_verification")
    page = owner_client.get("/").get_data(as_text=True)
    assert "Messages kept in the Outbox, last 30 days: 2 (+2 compared with the 30 days before)." in page  # not the owner's 2
    assert ">Message open rate<" in page and ">Open rate<" not in page  # (0%: no trend line drawn)
    assert "Last 30 days: 2 messages kept in the Outbox" in owner_client.get("/analytics").get_data(as_text=True)


def test_a_chart_of_few_counts_ticks_at_whole_numbers():
    """One rating drew an axis of 0, 0.2, 0.4 … 1 ratings."""
    import plotly.graph_objects as go

    from nudgeweb.charts import Chart

    def y_axis(values):
        return Chart("c", "t", go.Figure(go.Bar(x=list(range(len(values))), y=values)), [], [], "", "").figure_dict()[
            "layout"]["yaxis"]

    assert y_axis([0, 1, 0, 0, 0])["dtick"] == 1
    assert "dtick" not in y_axis([0, 12, 40])  # plotly's own ticks for larger counts
    assert "dtick" not in y_axis([4.2, 4.6])  # an average is not a count


def test_an_irish_business_sees_its_revenue_in_euro(owner_client, organization):
    organization.default_country = "IE"
    ada, _ = upsert_contact(organization, {"email": "ada@example.net"}, source="api")
    record_events(organization.id, [
        {"name": "order_completed", "contact_id": ada.id, "revenue": 40, "occurred_at": utcnow()},  # (its own: EUR)
        {"name": "order_completed", "contact_id": ada.id, "revenue": 2, "currency": "EUR", "occurred_at": utcnow()},
        {"name": "order_completed", "contact_id": ada.id, "revenue": 5, "currency": "USD", "occurred_at": utcnow()},
    ])
    commit_test_work()
    dashboard = owner_client.get("/").get_data(as_text=True)
    assert "Revenue (EUR)" in dashboard and "42.00" in dashboard and "USD" not in dashboard
    analytics = owner_client.get("/analytics").get_data(as_text=True)
    assert "Revenue by day (EUR)" in analytics and "Last 30 days: 42.00 EUR from 2 events with revenue." in analytics
    assert "Not in these totals, in other currencies:\n    5.00 USD." in analytics  # nothing left out unsaid
    assert owner_client.get("/analytics/charts/revenue.csv").get_data(as_text=True).startswith("Date,Revenue (EUR)")
    assert "the dashboard and Analytics total your revenue in its currency" in owner_client.get("/settings/").text


def test_a_business_of_a_country_not_listed_sees_the_installation_currency(app, organization):
    organization.default_country = "KE"
    assert currency_of(organization) == app.config["DEFAULT_CURRENCY"] == "USD"
    organization.default_country = "GB"
    assert currency_of(organization) == "GBP"
