"""Top campaigns and revenue by campaign: a small history computed by hand, on the Analytics page,
in its CSVs and in the analytics API, and nothing of another business's campaigns."""
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from nudgeweb.analytics import reports
from nudgeweb.analytics.events import record_events
from nudgeweb.analytics.periods import read_period
from nudgeweb.analytics.rebuild import rebuild_counts
from nudgeweb.campaigns import report as campaign_report
from nudgeweb.contacts.operations import upsert_contact
from nudgeweb.delivery.engine import Sent, record_sent
from nudgeweb.delivery.events import record_event
from nudgeweb.extensions import db
from nudgeweb.models import Campaign, Contact, Message
from tests.api_helpers import key_headers, make_key
from tests.conftest import commit_test_work
from tests.test_analytics_counts import counts

NEW_YORK = ZoneInfo("America/New_York")
JUNE = "period=custom&start_date=2026-06-01&end_date=2026-06-02"


def local(*args):
    return datetime(*args, tzinfo=NEW_YORK)


def sent_campaign(organization, name, contacts, at):
    """A campaign sent to ``contacts`` at ``at``: its messages, one each."""
    campaign = Campaign(organization_id=organization.id, name=name, status="sent", total_recipients=len(contacts),
                        started_at=at, sent_at=at)
    db.session.add(campaign)
    db.session.flush()
    messages = [Message(organization_id=organization.id, contact_id=contact.id, channel="email", purpose="campaign",
                        purpose_id=campaign.id, to=contact.email, status="sending", subject=name, sent_at=at)
                for contact in contacts]  # (sent_at: the provider's receipt is written before the batch is recorded)
    db.session.add_all(messages)
    db.session.flush()
    # handed to a mail server: kept in the outbox would not be sent (the campaign report says so)
    record_sent(organization.id, [Sent(message, "smtp", None, at) for message in messages])
    return campaign, messages


def people(organization, count, prefix="p"):
    return [upsert_contact(organization, {"email": f"{prefix}{n}@example.net"}, source="api")[0] for n in range(count)]


def campaign_history(organization):
    """Spring sale (5 recipients, 1 June): one bounced after it was sent, so 4 delivered; 3 opened (one twice),
    2 clicked. Newsletter (2, 2 June): 1 opened. May news (31 May, before the period): opened and clicked in
    June, still not of the period."""
    contacts = people(organization, 4)
    spring, messages = sent_campaign(organization, "Spring sale", contacts + people(organization, 1, "bounce"),
                                     local(2026, 6, 1, 10))
    record_event(messages[4], "bounced", detail="550 No such mailbox", occurred_at=local(2026, 6, 1, 10, 1))
    for message in messages[:3]:
        record_event(message, "opened", occurred_at=local(2026, 6, 1, 11))
    record_event(messages[0], "opened", occurred_at=local(2026, 6, 3, 9))  # again, and after the period: counted
    for message in messages[:2]:
        record_event(message, "clicked", url="https://shop.example/sale", occurred_at=local(2026, 6, 1, 12))
    newsletter, messages = sent_campaign(organization, "Newsletter", contacts[2:], local(2026, 6, 2, 8))
    record_event(messages[0], "opened", occurred_at=local(2026, 6, 2, 9))
    may, messages = sent_campaign(organization, "May news", contacts[:1], local(2026, 5, 31, 8))
    record_event(messages[0], "clicked", url="https://shop.example/may", occurred_at=local(2026, 6, 1, 9))
    return spring, newsletter


def expected_top(spring, newsletter):
    return [
        {"id": str(spring.id), "name": "Spring sale", "recipients": 5, "sent": 5, "delivered": 4, "opened": 3,
         "clicked": 2, "open_rate": 0.75, "click_rate": 0.5},
        {"id": str(newsletter.id), "name": "Newsletter", "recipients": 2, "sent": 2, "delivered": 2, "opened": 1,
         "clicked": 0, "open_rate": 0.5, "click_rate": 0.0},
    ]


def test_top_campaigns_are_those_sent_in_the_period_best_click_rate_first(organization):
    spring, newsletter = campaign_history(organization)
    june = read_period({"period": "custom", "start_date": "2026-06-01", "end_date": "2026-06-02"}, organization.timezone)
    assert reports.overview(organization.id, june)["top_campaigns"] == expected_top(spring, newsletter)
    may = read_period({"period": "custom", "start_date": "2026-05-01", "end_date": "2026-05-31"}, organization.timezone)
    assert [c["name"] for c in reports.overview(organization.id, may)["top_campaigns"]] == ["May news"]


def test_top_campaigns_rates_are_those_of_the_campaigns_report_of_delivered(organization):
    campaign_history(organization)
    june = read_period({"period": "custom", "start_date": "2026-06-01", "end_date": "2026-06-02"}, organization.timezone)
    for top in reports.overview(organization.id, june)["top_campaigns"]:
        report = campaign_report.metrics(db.session.get(Campaign, uuid.UUID(top["id"])))
        assert (top["sent"], top["delivered"], top["opened"], top["clicked"]) == (
            report["sent"], report["delivered"], report["opened"], report["clicked"])
        assert (top["open_rate"], top["click_rate"]) == (report["open_rate"], report["click_rate"])


def test_the_page_the_csv_and_the_api_show_the_top_campaigns(owner_client, client, owner, organization):
    spring, newsletter = campaign_history(organization)
    commit_test_work()
    page = owner_client.get(f"/analytics?{JUNE}").get_data(as_text=True)
    assert "Top campaigns by click rate (of delivered)" in page
    assert "rates are of the messages delivered (sent, not bounced or failed), as on each campaign's report" in page
    assert "2 campaigns sent; the best was Spring sale, opened by 75% and clicked by 50% of the messages delivered." in page
    csv = owner_client.get(f"/analytics/charts/top_campaigns.csv?{JUNE}").get_data(as_text=True).strip().splitlines()
    assert csv == ["Campaign,Recipients,Sent,Delivered,Opened,Open rate (of delivered),Clicked,Click rate (of delivered)",
                   "Spring sale,5,5,4,3,75%,2,50%", "Newsletter,2,2,2,1,50%,0,0%"]
    answer = client.get(f"/api/v1/analytics/overview?{JUNE}", headers=key_headers(make_key(owner))).get_json()
    assert answer["data"]["top_campaigns"] == expected_top(spring, newsletter)


def test_no_campaign_says_what_to_do(owner_client):
    page = owner_client.get(f"/analytics?{JUNE}").get_data(as_text=True)
    assert "No campaign sent in this period. Send a campaign to compare them here." in page


def test_another_business_sees_none_of_its_campaigns(organization, other_owner, other_client, client):
    campaign_history(organization)
    commit_test_work()
    page = other_client.get(f"/analytics?{JUNE}").get_data(as_text=True)
    assert "Spring sale" not in page and "No campaign sent in this period" in page
    assert "Spring sale" not in other_client.get(f"/analytics/charts/top_campaigns.csv?{JUNE}").get_data(as_text=True)
    answer = client.get(f"/api/v1/analytics/overview?{JUNE}", headers=key_headers(make_key(other_owner))).get_json()
    assert answer["data"]["top_campaigns"] == []


def revenue_history(organization):
    """Orders of the people of campaign_history, each credited (or not) by hand:
    p0 100 on 3 June 10:00, after clicking May news (1 June 9:00) and Spring sale (12:00): Spring sale, the last;
    p0 20 on 1 June 10:00, after the May news click only (the Spring sale click came later): May news;
    p1 30 on 6 June 11:00, 4 days 23 hours after clicking Spring sale: Spring sale;
    p1 50 on 7 June 13:00, 6 days 1 hour after it: no campaign; p3 70, who clicked nothing: no campaign;
    p2 15 EUR on 2 June 11:00, an hour after clicking Newsletter: Newsletter, in euros."""
    spring, newsletter = campaign_history(organization)
    p = {contact.email[:2]: contact for contact in db.session.scalars(select(Contact))}
    newsletter_message = db.session.scalar(select(Message).where(Message.purpose_id == newsletter.id,
                                                                 Message.contact_id == p["p2"].id))
    record_event(newsletter_message, "clicked", url="https://shop.example/news", occurred_at=local(2026, 6, 2, 10))
    record_events(organization.id, [
        {"name": "order", "contact_id": p["p0"].id, "revenue": 100, "occurred_at": local(2026, 6, 3, 10)},
        {"name": "order", "contact_id": p["p0"].id, "revenue": 20, "occurred_at": local(2026, 6, 1, 10)},
        {"name": "order", "contact_id": p["p1"].id, "revenue": 30, "occurred_at": local(2026, 6, 6, 11)},
        {"name": "order", "contact_id": p["p1"].id, "revenue": 50, "occurred_at": local(2026, 6, 7, 13)},
        {"name": "order", "contact_id": p["p3"].id, "revenue": 70, "occurred_at": local(2026, 6, 2, 12)},
        {"name": "order", "contact_id": p["p2"].id, "revenue": 15, "currency": "EUR", "occurred_at": local(2026, 6, 2, 11)},
    ])
    return spring, newsletter


def expected_revenue(spring):
    may = db.session.scalar(select(Campaign).where(Campaign.name == "May news"))
    return [{"campaign_id": str(spring.id), "campaign_name": "Spring sale", "revenue": 130.0, "conversions": 2},
            {"campaign_id": str(may.id), "campaign_name": "May news", "revenue": 20.0, "conversions": 1}]


def test_revenue_is_credited_to_the_last_campaign_clicked_within_five_days(organization):
    spring, newsletter = revenue_history(organization)
    early_june = read_period({"period": "custom", "start_date": "2026-06-01", "end_date": "2026-06-10"},
                             organization.timezone)
    report = reports.revenue(organization.id, early_june, "USD")
    assert report["total_revenue"] == 270.0 and report["revenue_by_campaign"] == expected_revenue(spring)
    assert reports.revenue(organization.id, early_june, "EUR")["revenue_by_campaign"] == [
        {"campaign_id": str(newsletter.id), "campaign_name": "Newsletter", "revenue": 15.0, "conversions": 1}]
    first_day = read_period({"period": "custom", "start_date": "2026-06-01", "end_date": "2026-06-01"},
                            organization.timezone)
    assert [(c["campaign_name"], c["revenue"]) for c in reports.revenue(organization.id, first_day, "USD")[
        "revenue_by_campaign"]] == [("May news", 20.0)]


def test_revenue_by_campaign_on_the_page_the_csv_and_the_api(owner_client, client, owner, organization):
    spring, _ = revenue_history(organization)
    commit_test_work()
    query = "period=custom&start_date=2026-06-01&end_date=2026-06-10"
    page = owner_client.get(f"/analytics?{query}").get_data(as_text=True)
    assert "Revenue by campaign (USD)" in page and "within the five days" in page
    assert "150.00 of 270.00 USD credited to 2 campaigns, the most to Spring sale." in page
    csv = owner_client.get(f"/analytics/charts/revenue_by_campaign.csv?{query}").get_data(as_text=True)
    assert csv.strip().splitlines() == ["Campaign,Revenue (USD),Conversions", "Spring sale,130.0,2", "May news,20.0,1"]
    answer = client.get(f"/api/v1/analytics/revenue?{query}", headers=key_headers(make_key(owner))).get_json()
    assert answer["data"]["revenue_by_campaign"] == expected_revenue(spring)
    other = owner_client.get("/analytics?period=custom&start_date=2026-07-01&end_date=2026-07-02").get_data(as_text=True)
    assert "No revenue credited to a campaign in this period" in other


def test_a_rebuild_counts_the_credited_revenue_as_it_was_counted_live(organization):
    revenue_history(organization)
    db.session.flush()
    live = counts(organization.id)
    assert {row[0] for row in live} >= {"revenue.campaign", "campaign.sent", "campaign.delivered", "campaign.opened",
                                        "campaign.clicked"}
    rebuild_counts(organization.id)
    assert counts(organization.id) == live


def test_another_business_never_sees_the_revenue_of_these_campaigns(organization, other_owner, other_client, client):
    revenue_history(organization)
    commit_test_work()
    query = "period=custom&start_date=2026-06-01&end_date=2026-06-10"
    assert "Spring sale" not in other_client.get(f"/analytics?{query}").get_data(as_text=True)
    answer = client.get(f"/api/v1/analytics/revenue?{query}", headers=key_headers(make_key(other_owner))).get_json()
    assert answer["data"]["revenue_by_campaign"] == [] and answer["data"]["total_revenue"] == 0


def test_an_event_posted_through_the_api_names_the_campaign_it_credits(client, owner, organization):
    spring, _ = campaign_history(organization)
    commit_test_work()
    headers = key_headers(make_key(owner))
    order = {"name": "order", "email": "p1@example.net", "revenue": 12.5, "occurred_at": "2026-06-02T15:00:00Z"}
    credited = client.post("/api/v1/events", json=order, headers=headers).get_json()["data"]["attributes"]
    assert credited["campaign_id"] == str(spring.id)
    uncredited = client.post("/api/v1/events", json={**order, "occurred_at": "2026-06-20T15:00:00Z"}, headers=headers)
    assert uncredited.get_json()["data"]["attributes"]["campaign_id"] is None
    listed = client.get("/api/v1/events?sort=occurred_at", headers=headers).get_json()["data"]
    assert [event["attributes"]["campaign_id"] for event in listed] == [str(spring.id), None]
