"""Seed 000 as an integration runs it: OAuth with PKCE, Add Contact, then time passes (an injected
clock driving Huey's real schedule): the request goes out, follows up on schedule, and stops after a click.
Also the API's bad input, idempotency, the list, one request, cancel and isolation.
"""
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from nudgeweb.extensions import db, huey
from nudgeweb.models import Contact, ReviewRequest
from nudgeweb.models.messages import Message
from nudgeweb.reviews import clock
from nudgeweb.reviews.links import review_token
from tests.api_helpers import key_headers, make_key
from tests.oauth_flow import OAuthDance, register_client

NOW = (datetime.now(timezone.utc) + timedelta(days=30)).replace(hour=15, minute=0, second=0, microsecond=0)
JANE = {"first_name": "Jane", "last_name": "Smith", "email": "jane@example.com",
        "mobile_phone_number": "+12125551234", "company_name": "Smith Industries", "delay_hours": 24,
        "metadata": {"source": "zapier", "custom_field": "value"}}


@pytest.fixture(autouse=True)
def frozen_clock():
    huey.flush()
    clock.travel_to(NOW)
    yield
    clock.travel_to(None)
    huey.flush()


def travel_and_run(moment):
    """Move the clock to ``moment`` and run every Huey task due by then (as the consumer would)."""
    clock.travel_to(moment)
    while tasks := huey.read_schedule(clock.huey_timestamp()):
        for task in tasks:
            huey.execute(task, clock.huey_timestamp())


def review_messages(request_id=None):
    query = select(Message).where(Message.purpose == "review_request").order_by(Message.created_at)
    if request_id:
        query = query.where(Message.purpose_id == request_id)
    return db.session.scalars(query).all()


@pytest.fixture
def bearer(app, owner):
    client_id, secret = register_client(owner)
    tokens = OAuthDance(app, client_id, secret).tokens_for(owner.user.email)
    return {"Authorization": f"Bearer {tokens['access_token']}"}


def test_seed_000_add_contact_then_send_follow_up_and_stop_after_a_click(client, bearer, organization):
    response = client.post("/api/v1/review_requests", json=JANE, headers=bearer)
    assert response.status_code == 201, response.get_json()
    answer = response.get_json()
    assert set(answer) == {"id", "contact_id", "contact_name", "contact_email", "contact_phone", "scheduled_for",
                           "status", "message"}
    assert answer["status"] == "scheduled" and answer["contact_name"] == "Jane Smith"
    assert answer["contact_email"] == "jane@example.com" and answer["contact_phone"] == "+12125551234"
    assert answer["scheduled_for"] == (NOW + timedelta(hours=24)).isoformat().replace("+00:00", "Z")
    contact = db.session.get(Contact, __import__("uuid").UUID(answer["contact_id"]))
    assert contact.source == "review_request" and contact.company_name == "Smith Industries"
    # a second customer, who will never click
    other = client.post("/api/v1/review_requests", json={"email": "bob@example.com", "delay_hours": 24},
                        headers=bearer).get_json()

    travel_and_run(NOW + timedelta(hours=23))
    assert review_messages() == []
    travel_and_run(NOW + timedelta(hours=24))
    [first] = review_messages(answer["id"])
    assert first.channel == "sms" and first.to == "+12125551234" and "/r/" in first.text or "/t/" in first.text
    request = db.session.get(ReviewRequest, __import__("uuid").UUID(answer["id"]))
    db.session.refresh(request)
    assert request.status == "sent" and request.sent_at is not None
    assert request.next_follow_up_at == NOW + timedelta(hours=24, days=3)

    travel_and_run(NOW + timedelta(hours=24, days=3))
    assert len(review_messages(answer["id"])) == 2 and len(review_messages(other["id"])) == 2
    # Jane clicks through to a review site; Bob doesn't
    assert client.get(f"/r/{review_token(request)}/go/0").status_code == 302
    travel_and_run(NOW + timedelta(days=30))
    assert len(review_messages(answer["id"])) == 2  # nothing more after the click
    assert len(review_messages(other["id"])) == 3  # Bob's second follow-up at day 7, then the sequence ends
    db.session.refresh(request)
    assert request.status == "clicked" and request.follow_up_step == 1
    kinds = [event.kind for event in request.events]
    assert kinds[:3] == ["scheduled", "queued", "sent"] and "follow_up" in kinds and kinds[-1] == "clicked"

    got = client.get(f"/api/v1/review_requests/{answer['id']}", headers=bearer).get_json()["data"]
    assert got["type"] == "review_requests" and got["attributes"]["status"] == "clicked"
    assert got["attributes"]["metadata"] == {"source": "zapier", "custom_field": "value"}
    assert got["relationships"]["contact"]["data"]["id"] == answer["contact_id"]


@pytest.mark.parametrize("body, fields", [
    ({"first_name": "Jane"}, ["email"]),
    ({"mobile_phone_number": "12345"}, ["mobile_phone_number"]),
    ({"email": "jane@example.com", "delay_hours": -1}, ["delay_hours"]),
    ({"email": "jane@example.com", "delay_hours": 1.5}, ["delay_hours"]),
    ({"email": "jane@example.com", "delay_hours": "soon"}, ["delay_hours"]),
    ({"email": "jane@example.com", "colour": "red"}, ["colour"]),
    ({"email": "jane@example.com", "metadata": "zapier"}, ["metadata"]),
    ({"email": "not-an-email", "mobile_phone_number": "x", "delay_hours": -2, "metadata": [1], "nickname": "J"},
     ["email", "mobile_phone_number", "delay_hours", "metadata", "nickname"]),
])
def test_bad_input_is_a_422_naming_each_field_and_creates_nothing(client, owner, body, fields):
    response = client.post("/api/v1/review_requests", json=body, headers=key_headers(make_key(owner)))
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert sorted(e["source"]["pointer"] for e in errors) == sorted(f"/data/attributes/{f}" for f in fields)
    assert all(e["code"] == "ERR_VALIDATION" for e in errors)
    assert db.session.scalar(select(func.count()).select_from(ReviewRequest)) == 0
    assert db.session.scalar(select(func.count()).select_from(Contact)) == 0
    assert huey.scheduled_count() == 0


def test_idempotency_key_replays_and_asked_recently_is_a_conflict(client, owner):
    headers = key_headers(make_key(owner), **{"Idempotency-Key": "order-1001"})
    first = client.post("/api/v1/review_requests", json=JANE, headers=headers)
    again = client.post("/api/v1/review_requests", json=JANE, headers=headers)
    assert first.status_code == again.status_code == 201 and first.get_json() == again.get_json()
    assert db.session.scalar(select(func.count()).select_from(ReviewRequest)) == 1
    other_key = client.post("/api/v1/review_requests", json=JANE, headers=key_headers(make_key(owner)))
    assert other_key.status_code == 409 and "already asked" in other_key.get_json()["errors"][0]["detail"]


def test_list_filters_sorts_gets_and_cancels(client, owner, organization):
    headers = key_headers(make_key(owner))
    ids = [client.post("/api/v1/review_requests", json={"email": f"c{n}@example.com", "delay_hours": n},
                       headers=headers).get_json()["id"] for n in range(3)]
    sms = client.post("/api/v1/review_requests", json={"mobile_phone_number": "+12125550199", "delay_hours": 5},
                      headers=headers).get_json()["id"]
    cancelled = client.post(f"/api/v1/review_requests/{ids[0]}/cancel", headers=headers)
    assert cancelled.status_code == 200 and cancelled.get_json()["data"]["attributes"]["status"] == "cancelled"
    assert client.post(f"/api/v1/review_requests/{ids[0]}/cancel", headers=headers).status_code == 409

    listed = client.get("/api/v1/review_requests?sort=scheduled_for", headers=headers).get_json()
    assert [r["id"] for r in listed["data"]] == ids + [sms] and listed["meta"]["page"]["total_records"] == 4
    by_status = client.get("/api/v1/review_requests?filter[status]=cancelled", headers=headers).get_json()
    assert [r["id"] for r in by_status["data"]] == [ids[0]]
    by_channel = client.get("/api/v1/review_requests?filter[channel]=sms", headers=headers).get_json()
    assert [r["id"] for r in by_channel["data"]] == [sms]
    contact_id = by_channel["data"][0]["attributes"]["contact_id"]
    by_contact = client.get(f"/api/v1/review_requests?filter[contact_id]={contact_id}", headers=headers).get_json()
    assert [r["id"] for r in by_contact["data"]] == [sms]
    newest = client.get("/api/v1/review_requests?sort=-scheduled_for&page[size]=1", headers=headers).get_json()
    assert newest["data"][0]["id"] == sms
    assert client.get("/api/v1/review_requests?filter[status]=lost", headers=headers).status_code == 400
    assert client.get("/api/v1/review_requests?sort=rating", headers=headers).status_code == 400
    after = (NOW + timedelta(days=1)).isoformat().replace("+00:00", "Z")
    assert client.get(f"/api/v1/review_requests?filter[created_after]={after}", headers=headers).get_json()["data"] == []


def test_input_fields_are_exactly_what_add_contact_takes(client, owner):
    fields = client.get("/api/v1/input_fields", headers=key_headers(make_key(owner))).get_json()["fields"]
    assert [f["key"] for f in fields] == ["first_name", "last_name", "email", "mobile_phone_number", "company_name",
                                         "delay_hours", "metadata"]


def test_another_organization_sees_none_of_it(client, owner, other_owner):
    mine = client.post("/api/v1/review_requests", json=JANE, headers=key_headers(make_key(owner))).get_json()
    theirs = key_headers(make_key(other_owner))
    assert client.get(f"/api/v1/review_requests/{mine['id']}", headers=theirs).status_code == 404
    assert client.post(f"/api/v1/review_requests/{mine['id']}/cancel", headers=theirs).status_code == 404
    assert client.get("/api/v1/review_requests", headers=theirs).get_json()["data"] == []
    assert client.get(f"/api/v1/review_requests?filter[contact_id]={mine['contact_id']}",
                      headers=theirs).get_json()["data"] == []
