"""Days and hours of businesses whose time zone is not whole hours from UTC (India +5:30, Nepal +5:45,
Adelaide +9:30/+10:30): an event at 23:30 or at 00:10 local time counts on its own local day, across a
daylight-saving change, on the page's reports and in the API alike."""
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from nudgeweb.analytics import reports
from nudgeweb.analytics.counters import clock_zone, hour_of
from nudgeweb.analytics.events import record_events
from nudgeweb.analytics.periods import read_period
from nudgeweb.contacts.operations import upsert_contact
from nudgeweb.delivery.events import record_event
from nudgeweb.extensions import db
from tests.api_helpers import key_headers, make_key
from tests.conftest import commit_test_work
from tests.test_analytics_counts import a_message, counts

# Adelaide enters daylight saving on 4 October 2026 (2:00 -> 3:00) and leaves it on 5 April 2026 (3:00 -> 2:00).
ZONES = {
    "Asia/Kolkata": ["2026-06-01", "2026-06-02"],
    "Asia/Kathmandu": ["2026-06-01", "2026-06-02"],
    "Australia/Adelaide": ["2026-10-03", "2026-10-04", "2026-04-04", "2026-04-05"],
}


def at(zone, day, hour, minute):
    return datetime.fromisoformat(f"{day}T{hour:02d}:{minute:02d}").replace(tzinfo=ZoneInfo(zone))


def in_zone(organization, zone):
    organization.timezone = zone
    db.session.flush()
    return organization


def by_day(organization, start, end, zone=None):
    period = read_period({"period": "custom", "start_date": start, "end_date": end, "timezone": zone},
                         organization.timezone)
    return {point["date"]: point["revenue"] for point in
            reports.revenue(organization.id, period, "USD")["revenue_timeline"]}


@pytest.mark.parametrize("zone", ZONES)
def test_late_and_early_events_count_on_their_own_local_day(organization, zone):
    in_zone(organization, zone)
    ada, _ = upsert_contact(organization, {"email": "ada@example.net"}, source="api")
    events = []
    for n, day in enumerate(ZONES[zone]):  # each day: 1 at 00:10, 10 at 23:30 and 100 at 23:59 (+ n thousand)
        for revenue, hour, minute in ((1, 0, 10), (10, 23, 30), (100, 23, 59)):
            events.append({"name": "order", "contact_id": ada.id, "revenue": revenue + 1000 * n,
                           "occurred_at": at(zone, day, hour, minute)})
    record_events(organization.id, events)
    for n, day in enumerate(ZONES[zone]):
        assert by_day(organization, day, day) == {day: 111 + 3000 * n}, f"{zone} {day}"
    first, *_, last = sorted(ZONES[zone])
    assert sum(by_day(organization, first, last).values()) == sum(event["revenue"] for event in events)


def test_an_open_at_ten_past_nine_in_india_is_in_the_nine_oclock_column(organization):
    in_zone(organization, "Asia/Kolkata")
    ada, _ = upsert_contact(organization, {"email": "ada@example.net"}, source="api")
    message = a_message(ada)
    record_event(message, "opened", occurred_at=at("Asia/Kolkata", "2026-06-03", 9, 10))  # a Wednesday
    period = read_period({"period": "custom", "start_date": "2026-06-01", "end_date": "2026-06-07"}, organization.timezone)
    grid = reports.overview(organization.id, period)["engagement_grid"]
    assert [(day, hour) for day, row in enumerate(grid) for hour, count in enumerate(row) if count] == [(2, 9)]


def test_the_api_gives_the_same_days(organization, owner, client):
    in_zone(organization, "Asia/Kathmandu")
    ada, _ = upsert_contact(organization, {"email": "ada@example.net"}, source="api")
    record_events(organization.id, [
        {"name": "order", "contact_id": ada.id, "revenue": 5, "occurred_at": at("Asia/Kathmandu", "2026-06-01", 23, 50)},
        {"name": "order", "contact_id": ada.id, "revenue": 7, "occurred_at": at("Asia/Kathmandu", "2026-06-02", 0, 5)},
    ])
    commit_test_work()
    answer = client.get("/api/v1/analytics/revenue?start_date=2026-06-01&end_date=2026-06-02",
                        headers=key_headers(make_key(owner))).get_json()
    assert answer["data"]["revenue_timeline"] == [{"date": "2026-06-01", "revenue": 5.0},
                                                  {"date": "2026-06-02", "revenue": 7.0}]


def test_moving_to_a_zone_whose_hours_start_at_other_minutes_rebuilds_the_counts(organization):
    in_zone(organization, "America/New_York")
    ada, _ = upsert_contact(organization, {"email": "ada@example.net"}, source="api")
    record_events(organization.id, [
        {"name": "order", "contact_id": ada.id, "revenue": 3, "occurred_at": at("Asia/Kolkata", "2026-06-02", 0, 10)},
    ])
    commit_test_work()
    in_zone(organization, "Asia/Kolkata")
    commit_test_work()  # (the rebuild is a task queued once the change commits; the tests' Huey runs it at once)
    assert by_day(organization, "2026-06-01", "2026-06-02") == {"2026-06-01": 0, "2026-06-02": 3}
    assert {row[2].minute for row in counts(organization.id)} == {30}


def test_whole_hour_zones_keep_utc_hours():
    moment = datetime(2026, 6, 1, 14, 45, tzinfo=timezone.utc)
    assert clock_zone("America/New_York") is None and clock_zone("Europe/Berlin") is None
    assert hour_of(moment, clock_zone("America/New_York")) == datetime(2026, 6, 1, 14, tzinfo=timezone.utc)
    assert hour_of(moment, clock_zone("Asia/Kolkata")) == datetime(2026, 6, 1, 14, 30, tzinfo=timezone.utc)
    assert hour_of(moment, clock_zone("Asia/Kathmandu")) == datetime(2026, 6, 1, 14, 15, tzinfo=timezone.utc)
    assert hour_of(moment, clock_zone("America/St_Johns")) == datetime(2026, 6, 1, 14, 30, tzinfo=timezone.utc)
