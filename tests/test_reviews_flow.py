"""The review_requests API: Add Contact's bad input, idempotency, the list, one request, cancel,
input_fields and isolation. (What goes out, and seed 000's whole flow: test_reviews_sending.py.)
"""
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from nudgeweb.extensions import db, huey
from nudgeweb.models import Contact, ReviewRequest
from tests.api_helpers import key_headers, make_key
from tests.reviews_support import NOW, frozen_clock  # noqa: F401

pytestmark = pytest.mark.usefixtures("review_link")  # (without one, Add Contact refuses: test_first_hour.py)

JANE = {"first_name": "Jane", "last_name": "Smith", "email": "jane@example.com",
        "mobile_phone_number": "+12125551234", "company_name": "Smith Industries", "delay_hours": 24,
        "metadata": {"source": "zapier", "custom_field": "value"}}


@pytest.mark.parametrize("body, fields", [
    ({"first_name": "Jane"}, ["email"]),
    ({"mobile_phone_number": "12345"}, ["mobile_phone_number"]),
    ({"email": "jane@example.com", "delay_hours": -1}, ["delay_hours"]),
    ({"email": "jane@example.com", "delay_hours": 1.5}, ["delay_hours"]),
    ({"email": "jane@example.com", "delay_hours": "soon"}, ["delay_hours"]),
    ({"email": "jane@example.com", "delay_hours": "soon", "colour": "red"}, ["delay_hours"]),
    ({"email": "jane@example.com", "metadata": "zapier"}, ["metadata"]),
    ({"email": "not-an-email", "mobile_phone_number": "x", "delay_hours": -2, "metadata": [1], "nickname": "J"},
     ["email", "mobile_phone_number", "delay_hours", "metadata"]),
    ({"email": "jane@example.com", "force": "yes"}, ["force"]),
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


def test_idempotency_key_replays_and_asked_recently_answers_the_request_that_exists(client, owner):
    headers = key_headers(make_key(owner), **{"Idempotency-Key": "order-1001"})
    first = client.post("/api/v1/review_requests", json=JANE, headers=headers)
    again = client.post("/api/v1/review_requests", json=JANE, headers=headers)
    assert first.status_code == again.status_code == 201 and first.get_json() == again.get_json()
    assert db.session.scalar(select(func.count()).select_from(ReviewRequest)) == 1
    retried = client.post("/api/v1/review_requests", json=JANE, headers=key_headers(make_key(owner)))
    assert retried.status_code == 200
    answer = retried.get_json()
    assert answer["id"] == first.get_json()["id"] and answer["status"] == "scheduled"
    assert "already asked" in answer["message"] and "Not sent again" in answer["message"]
    assert db.session.scalar(select(func.count()).select_from(ReviewRequest)) == 1
    forced = client.post("/api/v1/review_requests", json={**JANE, "force": True}, headers=key_headers(make_key(owner)))
    assert forced.status_code == 201 and forced.get_json()["id"] != answer["id"]
    assert db.session.scalar(select(func.count()).select_from(ReviewRequest)) == 2


def test_fields_add_contact_does_not_know_are_ignored(client, owner):
    response = client.post("/api/v1/review_requests", json={**JANE, "nickname": "J", "lists": ["x"]},
                           headers=key_headers(make_key(owner)))
    assert response.status_code == 201, response.get_json()


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


def test_input_fields_are_exactly_what_add_contact_takes(client, owner, organization):
    from nudgeweb.contacts.operations import add_custom_field

    add_custom_field(organization, "Visit type", field_type="choice", choices=["Repair", "Install"])
    headers = key_headers(make_key(owner))
    fields = client.get("/api/v1/input_fields", headers=headers).get_json()["fields"]
    assert [f["key"] for f in fields] == ["first_name", "last_name", "email", "mobile_phone_number", "company_name",
                                         "delay_hours", "metadata", "custom_fields.visit_type"]
    body = {f["key"]: value for f, value in zip(fields, ["Jo", "Li", "jo@example.com", "+12125550123", "Li Co", 2,
                                                          {"order": 7}, "Repair"])}
    answer = client.post("/api/v1/review_requests", json=body, headers=headers)
    assert answer.status_code == 201, answer.get_json()
    contact = db.session.get(Contact, uuid.UUID(answer.get_json()["contact_id"]))
    assert contact.custom_fields == {"visit_type": "Repair"} and contact.company_name == "Li Co"
    bad = client.post("/api/v1/review_requests", json={"email": "x@example.com", "custom_fields.visit_type": "Nap"},
                      headers=headers)
    assert bad.status_code == 422
    assert bad.get_json()["errors"][0]["source"]["pointer"] == "/data/attributes/custom_fields/visit_type"


def test_another_organization_sees_none_of_it(client, owner, other_owner):
    mine = client.post("/api/v1/review_requests", json=JANE, headers=key_headers(make_key(owner))).get_json()
    theirs = key_headers(make_key(other_owner))
    assert client.get(f"/api/v1/review_requests/{mine['id']}", headers=theirs).status_code == 404
    assert client.post(f"/api/v1/review_requests/{mine['id']}/cancel", headers=theirs).status_code == 404
    assert client.get("/api/v1/review_requests", headers=theirs).get_json()["data"] == []
    assert client.get(f"/api/v1/review_requests?filter[contact_id]={mine['contact_id']}",
                      headers=theirs).get_json()["data"] == []


def test_relationships_carry_self_and_related_links(client, owner):
    headers = key_headers(make_key(owner))
    made = client.post("/api/v1/review_requests", json=JANE, headers=headers).get_json()
    got = client.get(f"/api/v1/review_requests/{made['id']}", headers=headers).get_json()["data"]
    contact = got["relationships"]["contact"]
    assert contact["data"] == {"type": "contacts", "id": made["contact_id"]}
    assert contact["links"]["self"].endswith(f"/api/v1/review_requests/{made['id']}/relationships/contact")
    related = contact["links"]["related"]
    assert related.endswith(f"/api/v1/contacts/{made['contact_id']}")
    assert client.get(related, headers=headers).get_json()["data"]["id"] == made["contact_id"]
