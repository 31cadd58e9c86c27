"""The Events API (seed 003) and the analytics API (seed 001): shapes, bad input, idempotency, isolation."""
import time
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text

from nudgeweb.extensions import db
from nudgeweb.models import AnalyticsCount, Contact, ContactActivity, ContactEvent, utcnow
from tests.api_helpers import key_headers, make_key

ORDER = {"name": "order_completed", "email": "ada@example.com", "properties": {"order_id": "AC-1042"},
         "revenue": 49.9, "occurred_at": "2026-07-01T09:30:00Z"}


def stored():
    return [db.session.scalar(select(func.count()).select_from(model)) for model in (ContactEvent, Contact, AnalyticsCount)]


def test_an_event_finds_or_creates_its_contact_lands_on_its_timeline_and_in_the_analytics(client, owner):
    headers = key_headers(make_key(owner))
    response = client.post("/api/v1/events", json=ORDER, headers=headers)
    assert response.status_code == 201
    event = response.get_json()["data"]
    assert event["type"] == "events" and event["attributes"]["revenue"] == 49.9
    assert event["attributes"]["currency"] == "USD" and event["attributes"]["occurred_at"] == "2026-07-01T09:30:00Z"
    again = client.post("/api/v1/events", json={**ORDER, "revenue": 10, "currency": "EUR"}, headers=headers)
    assert again.get_json()["data"]["attributes"]["contact_id"] == event["attributes"]["contact_id"]
    contact = db.session.scalar(select(Contact))
    assert contact.email == "ada@example.com" and contact.source == "api"
    timeline = db.session.scalars(select(ContactActivity.summary).where(ContactActivity.kind == "event")).all()
    assert sorted(timeline) == ["Event: order_completed (10.00 EUR)", "Event: order_completed (49.90 USD)"]
    revenue = client.get("/api/v1/analytics/revenue?period=custom&start_date=2026-07-01&end_date=2026-07-01",
                         headers=headers).get_json()
    assert revenue["data"]["total_revenue"] == 49.9 and revenue["data"]["other_currencies"] == {"EUR": 10.0}
    assert revenue["meta"]["timezone"] == "America/New_York"


def test_an_irish_business_records_and_totals_revenue_in_euro_when_no_currency_is_given(client, owner):
    owner.organization.default_country = "IE"
    db.session.commit()
    headers = key_headers(make_key(owner))
    event = client.post("/api/v1/events", json=ORDER, headers=headers).get_json()["data"]
    assert event["attributes"]["currency"] == "EUR"
    client.post("/api/v1/events", json={**ORDER, "revenue": 5, "currency": "USD"}, headers=headers)
    revenue = client.get("/api/v1/analytics/revenue?period=custom&start_date=2026-07-01&end_date=2026-07-01",
                         headers=headers).get_json()
    assert revenue["data"]["total_revenue"] == 49.9 and revenue["data"]["other_currencies"] == {"USD": 5.0}


def test_a_batch_is_all_or_nothing_and_names_each_bad_event(client, owner):
    headers = key_headers(make_key(owner))
    good = [{**ORDER, "email": f"c{n}@example.com"} for n in range(3)]
    bad = good + [{**ORDER, "name": ""}, {**ORDER, "properties": [1]}]
    response = client.post("/api/v1/events/batch", json={"events": bad}, headers=headers)
    assert response.status_code == 422
    pointers = sorted(e["source"]["pointer"] for e in response.get_json()["errors"])
    assert pointers == ["/data/attributes/events/3/name", "/data/attributes/events/4/properties"]
    assert stored() == [0, 0, 0]
    response = client.post("/api/v1/events/batch", json={"events": good}, headers=headers)
    assert response.status_code == 201 and len(response.get_json()["data"]) == 3
    too_many = client.post("/api/v1/events/batch", json={"events": [ORDER] * 1001}, headers=headers)
    assert too_many.status_code == 422 and stored()[0] == 3


@pytest.mark.parametrize("body, fields", [
    ({**ORDER, "name": None}, ["name"]),
    ({**ORDER, "name": "   "}, ["name"]),
    ({**ORDER, "properties": "big"}, ["properties"]),
    ({**ORDER, "revenue": "12"}, ["revenue"]),
    ({**ORDER, "revenue": True}, ["revenue"]),
    ({**ORDER, "occurred_at": (utcnow() + timedelta(days=2)).isoformat()}, ["occurred_at"]),
    ({"name": "x"}, ["contact_id"]),
    ({**ORDER, "email": "not-an-email"}, ["email"]),
    ({**ORDER, "contact_id": "0190c4c0-0000-7000-8000-000000000000"}, ["contact_id"]),
    ({"name": "", "email": "a@example.com", "properties": [], "revenue": "lots", "currency": "dollars"},
     ["name", "properties", "revenue", "currency"]),
])
def test_bad_events_are_422_naming_each_field_and_store_nothing(client, owner, body, fields):
    response = client.post("/api/v1/events", json=body, headers=key_headers(make_key(owner)))
    assert response.status_code == 422, response.get_json()
    pointers = sorted(e["source"]["pointer"] for e in response.get_json()["errors"])
    assert pointers == sorted(f"/data/attributes/{field}" for field in fields)
    assert stored() == [0, 0, 0]


def test_the_same_idempotency_key_records_once(client, owner):
    headers = key_headers(make_key(owner), **{"Idempotency-Key": "evt-1"})
    first = client.post("/api/v1/events", json=ORDER, headers=headers)
    second = client.post("/api/v1/events", json=ORDER, headers=headers)
    assert first.get_json() == second.get_json() and stored()[0] == 1


def test_list_filters_sorts_and_pages_by_cursor(client, owner):
    headers = key_headers(make_key(owner))
    events = [{**ORDER, "name": name, "occurred_at": f"2026-07-0{day}T10:00:00Z"}
              for day, name in enumerate(["signup", "order", "order", "refund"], start=1)]
    client.post("/api/v1/events/batch", json={"events": events}, headers=headers)
    names = lambda url: [e["attributes"]["name"] for e in client.get(url, headers=headers).get_json()["data"]]  # noqa: E731
    assert names("/api/v1/events") == ["refund", "order", "order", "signup"]
    assert names("/api/v1/events?filter[name]=order") == ["order", "order"]
    assert names("/api/v1/events?filter[occurred_after]=2026-07-02T00:00:00Z&sort=occurred_at") == ["order", "order", "refund"]
    page = client.get("/api/v1/events?page[cursor]=&page[size]=3", headers=headers).get_json()
    assert page["meta"]["has_more"] is True
    rest = client.get(page["links"]["next"], headers=headers).get_json()
    assert [e["attributes"]["name"] for e in rest["data"]] == ["signup"]
    bad = client.get("/api/v1/events?filter[occurred_after]=yesterday", headers=headers)
    assert bad.status_code == 400 and bad.get_json()["errors"][0]["source"]["parameter"] == "filter[occurred_after]"


@pytest.mark.parametrize("query, parameter", [
    ("period=fortnight", "period"),
    ("period=custom&start_date=2026-05-02&end_date=2026-05-01", "end_date"),
    ("period=custom&end_date=2026-05-01", "start_date"),
    ("timezone=Mars/Olympus", "timezone"),
])
def test_a_bad_period_is_a_400_naming_the_parameter(client, owner, query, parameter):
    for path in ("overview", "contacts", "revenue", "clients", "devices", "geographic", "reviews"):
        response = client.get(f"/api/v1/analytics/{path}?{query}", headers=key_headers(make_key(owner)))
        assert response.status_code == 400
        assert [e["source"]["parameter"] for e in response.get_json()["errors"]] == [parameter]


def test_every_analytics_answer_has_seed_001s_shape(client, owner):
    headers = key_headers(make_key(owner))
    client.post("/api/v1/events", json={**ORDER, "phone": "+254722000000", "occurred_at": None}, headers=headers)
    data = {path: client.get(f"/api/v1/analytics/{path}?period=today", headers=headers).get_json()["data"]
            for path in ("overview", "contacts", "revenue", "clients", "devices", "geographic", "reviews")}
    assert set(data["overview"]) >= {"summary", "trends", "top_campaigns", "engagement_by_day", "engagement_by_hour"}
    assert data["overview"]["summary"]["total_revenue"] == 49.9
    assert data["contacts"]["total_contacts"] == 1 and data["contacts"]["sources"] == {"api": 1}
    assert set(data["revenue"]) >= {"total_revenue", "revenue_per_email", "revenue_per_contact", "conversion_rate",
                                    "average_order_value", "revenue_by_campaign", "revenue_timeline"}
    assert data["geographic"]["countries"] == [{"country": "KE", "contacts": 1, "share": 1.0}]
    assert [step["step"] for step in data["reviews"]["funnel"]] == ["asked", "opened", "clicked", "rated"]
    assert data["devices"] == {"devices": {}, "counts": {}, "total": 0}


def test_another_organization_sees_none_of_it(client, owner, other_owner):
    client.post("/api/v1/events", json=ORDER, headers=key_headers(make_key(owner)))
    theirs = key_headers(make_key(other_owner))
    assert client.get("/api/v1/events", headers=theirs).get_json()["data"] == []
    overview = client.get("/api/v1/analytics/revenue?period=year", headers=theirs).get_json()["data"]
    assert overview["total_revenue"] == 0
    mine = db.session.scalar(select(ContactEvent))
    response = client.post("/api/v1/events", json={"name": "x", "contact_id": str(mine.contact_id)}, headers=theirs)
    assert response.status_code == 422 and response.get_json()["errors"][0]["source"]["pointer"] == "/data/attributes/contact_id"


def test_an_event_posted_after_the_database_dropped_the_pooled_connections_is_recorded(client, owner):
    """The pool pings a connection only when it may have died: one the server ended (a restart, a terminated
    backend) is replaced before the next request uses it, which answers as if nothing had happened."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no server to drop a connection")
    headers = key_headers(make_key(owner))
    assert client.post("/api/v1/events", json=ORDER, headers=headers).status_code == 201
    with db.engine.connect() as connection:
        others = "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        assert connection.execute(text(f"SELECT count(pg_terminate_backend(pid)) {others}")).scalar() >= 1
        for _ in range(100):  # (a backend ends a moment after it is told to)
            if not connection.execute(text(f"SELECT count(*) {others}")).scalar():
                break
            time.sleep(0.05)
    for _ in range(3):
        assert client.post("/api/v1/events", json=ORDER, headers=headers).status_code == 201
    assert stored()[0] == 4
