"""The hourly counts: kept in the transaction of what they count, by local day in the business's
time zone (across daylight-saving changes), and equal to a rebuild from the raw rows."""
import random
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from nudgeweb.analytics import reports
from nudgeweb.analytics.events import record_events
from nudgeweb.analytics.periods import read_period
from nudgeweb.analytics.rebuild import rebuild_counts
from nudgeweb.contacts.operations import delete_contact, subscribe, unsubscribe, update_contact, upsert_contact
from nudgeweb.delivery.engine import Sent, record_sent
from nudgeweb.delivery.events import record_event
from nudgeweb.extensions import db
from nudgeweb.models import AnalyticsCount, Campaign, Message, ReviewRequest, utcnow
from nudgeweb.reviews.operations import mark_opened, on_message_event, rate

NEW_YORK = ZoneInfo("America/New_York")
IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148"
GMAIL = "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)"
OUTLOOK = "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; Microsoft Outlook 16.0.5000; ms-office; MSOffice 16)"


def local(*args):
    return datetime(*args, tzinfo=NEW_YORK)


def period(organization, start, end):
    return read_period({"period": "custom", "start_date": start, "end_date": end}, organization.timezone)


def counts(organization_id):
    return sorted((row.metric, row.dimension, row.hour, row.count, round(row.amount, 2)) for row in db.session.scalars(
        select(AnalyticsCount).where(AnalyticsCount.organization_id == organization_id)) if row.count or row.amount)


def a_message(contact, channel="email", status="sent", campaign=None):
    message = Message(organization_id=contact.organization_id, contact_id=contact.id, channel=channel,
                      purpose="campaign", purpose_id=campaign and campaign.id, to=contact.email or contact.phone,
                      status=status, subject="Hello")
    db.session.add(message)
    db.session.flush()
    return message


def test_a_small_history_adds_up_as_computed_by_hand(organization):
    ada, _ = upsert_contact(organization, {"email": "ada@example.net", "phone": "+254722000001"}, source="api")
    bob, _ = upsert_contact(organization, {"email": "bob@example.net", "phone": "+447400123456"}, source="manual")
    record_events(organization.id, [
        {"name": "order", "contact_id": ada.id, "revenue": 40, "occurred_at": local(2026, 6, 1, 9, 15)},
        {"name": "order", "contact_id": bob.id, "revenue": 20.5, "occurred_at": local(2026, 6, 1, 18, 0)},
        {"name": "order", "contact_id": ada.id, "revenue": 10, "currency": "eur", "occurred_at": local(2026, 6, 2, 9, 0)},
        {"name": "page_view", "email": "cy@example.net", "occurred_at": local(2026, 6, 2, 23, 59)},
    ])
    first, second, third = a_message(ada), a_message(bob), a_message(ada, channel="sms")
    at = local(2026, 6, 1, 10)
    record_sent(organization.id, [Sent(m, "outbox", None, at) for m in (first, second, third)])
    record_event(first, "delivered", occurred_at=at)
    record_event(second, "delivered", occurred_at=at)
    record_event(first, "opened", user_agent=IPHONE, occurred_at=at + timedelta(hours=2))
    record_event(first, "opened", user_agent=GMAIL, occurred_at=at + timedelta(hours=3))  # again: not a new unique open
    record_event(second, "clicked", url="https://example.com", user_agent=OUTLOOK, occurred_at=at + timedelta(days=1))

    june = period(organization, "2026-06-01", "2026-06-02")
    overview = reports.overview(organization.id, june)
    assert overview["summary"] == {"total_sent": 3, "total_delivered": 2, "total_opened": 2, "total_clicked": 1,
                                   "total_revenue": 70.5, "average_open_rate": 1.0, "average_click_rate": 0.5}
    assert overview["trends"]["sent"] == [{"date": "2026-06-01", "value": 3}, {"date": "2026-06-02", "value": 0}]
    assert overview["trends"]["opened"] == [{"date": "2026-06-01", "value": 1}, {"date": "2026-06-02", "value": 1}]
    # opens at 12:00 and 13:00 on Monday 1 June, a click at 10:00 on Tuesday, New York time
    assert overview["engagement_by_day"]["monday"] == 0.6667 and overview["engagement_by_day"]["tuesday"] == 0.3333
    assert overview["engagement_by_hour"] == {"10": 0.3333, "12": 0.3333, "13": 0.3333}
    revenue = reports.revenue(organization.id, june, "USD")
    assert (revenue["total_revenue"], revenue["conversions"], revenue["average_order_value"]) == (60.5, 2, 30.25)
    assert revenue["revenue_timeline"] == [{"date": "2026-06-01", "revenue": 60.5}, {"date": "2026-06-02", "revenue": 0}]
    assert revenue["other_currencies"] == {"EUR": 10.0}
    assert reports.dimension_report(organization.id, june, "engagement.device")["counts"] == {"desktop": 2, "mobile": 1}
    assert reports.dimension_report(organization.id, june, "engagement.client")["counts"] == {"apple_mail": 1, "gmail": 1}
    today = read_period({"period": "today"}, organization.timezone)
    assert reports.dimension_report(organization.id, today, "contact.country")["counts"] == {"GB": 1, "KE": 1, "": 1}
    assert reports.contacts(organization.id, today)["sources"] == {"api": 2, "manual": 1}


def test_an_event_at_half_past_eleven_at_night_counts_on_that_local_day_across_dst(organization):
    ada, _ = upsert_contact(organization, {"email": "ada@example.net"}, source="api")
    # 1 November 2026: New York leaves daylight saving at 2:00; 8 March 2026: it enters it.
    moments = [local(2026, 11, 1, 23, 30), local(2026, 3, 8, 23, 30), local(2026, 10, 31, 23, 30)]
    record_events(organization.id, [{"name": "order", "contact_id": ada.id, "revenue": 1 + n, "occurred_at": moment}
                                 for n, moment in enumerate(moments)])
    assert moments[0].astimezone(timezone.utc).day == 2  # (the next day in UTC)
    for start, end, by_day in [("2026-11-01", "2026-11-02", {"2026-11-01": 1, "2026-11-02": 0}),
                               ("2026-10-31", "2026-11-01", {"2026-10-31": 3, "2026-11-01": 1}),
                               ("2026-03-08", "2026-03-09", {"2026-03-08": 2, "2026-03-09": 0})]:
        timeline = reports.revenue(organization.id, period(organization, start, end), "USD")["revenue_timeline"]
        assert {point["date"]: point["revenue"] for point in timeline} == by_day


@pytest.mark.parametrize("zone", ["America/New_York", "Asia/Kathmandu"])  # (hours from :00 and from :15 UTC)
def test_rebuilt_counts_equal_the_live_ones_after_a_random_mix_of_writes(organization, other_owner, zone):
    organization.timezone = zone
    rng = random.Random(23)
    people = []
    for n in range(12):
        phone = rng.choice([None, f"+2547220000{n:02d}", f"+4474001234{n:02d}", f"+1212555{1000 + n}"])
        contact, _ = upsert_contact(organization, {"email": f"p{n}@example.net", "phone": phone},
                                    source=rng.choice(["api", "manual", "import"]))
        people.append(contact)
    campaigns = [Campaign(organization_id=organization.id, name=name, status="sent") for name in ("Spring", "Summer")]
    db.session.add_all(campaigns)
    now = utcnow()
    for n in range(40):
        contact = rng.choice(people)
        step = rng.randrange(7)
        when = now - timedelta(hours=rng.randrange(24 * 60))
        if step == 0:
            record_events(organization.id, [{"name": rng.choice(["order", "login"]), "contact_id": contact.id,
                                          "revenue": rng.choice([None, 9.99, 25]), "occurred_at": when}])
        elif step == 1:
            message = a_message(contact, rng.choice(["email", "sms"]), campaign=rng.choice(campaigns + [None]))
            record_event(message, "sent", occurred_at=when)  # (record_sent commits: test_a_small_history uses it)
            for event in rng.sample(["delivered", "opened", "clicked", "bounced"], 2):
                record_event(message, event, user_agent=rng.choice([IPHONE, GMAIL, None]), url="https://x.example",
                             occurred_at=when + timedelta(minutes=5))
        elif step == 2:
            update_contact(contact, {"phone": rng.choice([f"+2547229990{n:02d}", f"+4474001239{n:02d}", ""])})
        elif step == 3:
            unsubscribe(contact) if contact.status == "subscribed" else subscribe(contact)
        elif step == 6 and len(people) > 4:
            delete_contact(contact)  # (its events and messages stay counted; it and its review requests do not)
            people.remove(contact)
        elif step in (4, 5):
            review = ReviewRequest(organization_id=organization.id, contact=contact, channel="email", scheduled_for=when)
            db.session.add(review)
            db.session.flush()
            on_message_event(review, "sent", now=when)
            mark_opened(review, now=when + timedelta(hours=1))
            rate(review, rng.randint(1, 5), now=when + timedelta(hours=2))
            rate(review, rng.randint(1, 5), now=when + timedelta(hours=3))  # changed their mind: the latest counts
    db.session.flush()
    live, theirs = counts(organization.id), counts(other_owner.organization_id)
    assert len(live) > 40 and {"campaign.sent", "campaign.opened", "campaign.clicked"} <= {row[0] for row in live}
    rebuild_counts(organization.id)
    assert counts(organization.id) == live
    assert counts(other_owner.organization_id) == theirs  # (a rebuild touches one organization)


@pytest.mark.parametrize("args, parameter", [
    ({"period": "fortnight"}, "period"),
    ({"period": "custom", "start_date": "2026-05-02", "end_date": "2026-05-01"}, "end_date"),
    ({"period": "custom", "start_date": "May 1st", "end_date": "2026-05-01"}, "start_date"),
    ({"period": "today", "timezone": "Mars/Olympus"}, "timezone"),
])
def test_a_period_that_cannot_be_read_names_its_parameter(args, parameter):
    from nudgeweb.analytics.periods import PeriodError

    with pytest.raises(PeriodError) as caught:
        read_period(args, "UTC")
    assert list(caught.value.errors) == [parameter]


def test_rows_made_without_their_timestamps_count_as_a_rebuild_does(organization):
    from tests.factories import ContactFactory

    ContactFactory.create_batch(3, organization=organization, phone=None)
    db.session.flush()
    live = counts(organization.id)
    assert [(metric, total) for metric, _, _, total, _ in live] == [("contact.country", 3), ("contact.created", 3)]
    rebuild_counts(organization.id)
    assert counts(organization.id) == live


def test_messages_to_the_team_count_in_no_chart_live_or_rebuilt(organization):
    ada, _ = upsert_contact(organization, {"email": "ada@example.net"}, source="api")
    to_ada, to_owner = a_message(ada), a_message(ada)
    to_owner.purpose, to_owner.contact_id = "review_notification", None
    record_sent(organization.id, [Sent(m, "outbox", None, local(2026, 6, 1, 10)) for m in (to_ada, to_owner)])
    record_event(to_owner, "opened", occurred_at=local(2026, 6, 1, 11))
    db.session.flush()
    live = counts(organization.id)
    messages = [(metric, dimension, count) for metric, dimension, _, count, _ in live if metric.startswith("message.")]
    assert messages == [("message.sent", "email", 1)]  # Ada's, not the note to the owner
    rebuild_counts(organization.id)
    assert counts(organization.id) == live
