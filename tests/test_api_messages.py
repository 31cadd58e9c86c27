"""Messages API (seed 003): send with a template and variables, read its status, list with filters."""
import pytest

from nudgeweb.models import Contact, Message, db
from tests.api_helpers import key_headers, make_key
from tests.delivery_support import email_template, sms_template, smtp  # noqa: F401
from tests.factories import ContactFactory, MembershipFactory


@pytest.fixture
def headers(owner):
    return key_headers(make_key(owner))


def test_send_an_sms_to_a_new_number_then_read_its_status(client, organization, headers):
    sms_template(organization, name="order-confirmation", body="Hi {{ name }}, order {{ order_id }} is confirmed.",
                 variables=[{"name": "order_id", "type": "text", "required": True}])
    answer = client.post("/api/v1/messages", headers=headers, json={
        "channel": "sms", "to": "+254722000000", "template": "order-confirmation",
        "variables": {"name": "Ada", "order_id": "AC-1042"}, "marketing": False})
    assert answer.status_code == 201, answer.json
    data = answer.json["data"]
    # the answer is written before the request commits; the send task is queued after the commit
    assert data["type"] == "messages" and data["attributes"]["status"] == "queued"
    assert data["attributes"]["text"] == "Hi Ada, order AC-1042 is confirmed."
    assert answer.headers["Location"].endswith(f"/api/v1/messages/{data['id']}")
    contact = db.session.scalar(db.select(Contact))
    assert (contact.phone, contact.source) == ("+254722000000", "api")

    one = client.get(f"/api/v1/messages/{data['id']}", headers=headers).json["data"]["attributes"]
    assert one["status"] == "sent" and one["purpose"] == "api" and one["sent_at"].endswith("Z")
    assert [event["type"] for event in one["events"]] == ["sent"]


def test_send_email_to_a_contact_by_id_through_smtp(client, organization, headers, smtp):
    contact = ContactFactory(organization=organization, email="ada@example.net", first_name="Ada")
    template = email_template(organization)
    answer = client.post("/api/v1/messages", headers=headers, json={
        "channel": "email", "contact_id": str(contact.id), "template": str(template.id)})
    assert answer.status_code == 201
    assert smtp.sink.to("ada@example.net")[0]["Subject"] == "Hello Ada, spring is here"


def test_every_bad_field_is_named(client, organization, headers):
    sms_template(organization, name="reminder")
    answer = client.post("/api/v1/messages", headers=headers, json={"channel": "email", "template": "reminder"})
    assert answer.status_code == 422
    pointers = {error["source"]["pointer"]: error["detail"] for error in answer.json["errors"]}
    assert "sms template" in pointers["/data/attributes/template"]
    assert "contact_id" in pointers["/data/attributes/to"]
    answer = client.post("/api/v1/messages", headers=headers, json={"channel": "sms", "to": "not a phone",
                                                                      "template": "nope"})
    assert {e["source"]["pointer"] for e in answer.json["errors"]} == {"/data/attributes/template"}
    answer = client.post("/api/v1/messages", headers=headers, json={"channel": "sms", "to": "not a phone",
                                                                      "template": "reminder"})
    assert answer.json["errors"][0]["source"]["pointer"] == "/data/attributes/to"
    required = sms_template(organization, name="needs", body="{{ code }}",
                            variables=[{"name": "code", "type": "text", "required": True}])
    answer = client.post("/api/v1/messages", headers=headers, json={"channel": "sms", "to": "+14155550199",
                                                                      "template": required.name})
    assert answer.status_code == 422 and "code" in answer.json["errors"][0]["detail"]
    assert db.session.scalar(db.select(db.func.count()).select_from(Message)) == 0
    assert db.session.scalar(db.select(db.func.count()).select_from(Contact)) == 0


def test_list_filters_and_isolation(client, organization, headers, app_ctx):
    template = sms_template(organization)
    ada = ContactFactory(organization=organization, email=None, phone="+15551230001")
    bob = ContactFactory(organization=organization, email=None, phone="+15551230002", status="unsubscribed")
    for contact in (ada, bob):
        client.post("/api/v1/messages", headers=headers, json={"channel": "sms", "contact_id": str(contact.id),
                                                                "template": template.name})
    every = client.get("/api/v1/messages", headers=headers).json
    assert every["meta"]["page"]["total_records"] == 2 if "page" in every["meta"] else len(every["data"]) == 2
    failed = client.get("/api/v1/messages?filter[status]=failed", headers=headers).json["data"]
    assert [m["attributes"]["contact_id"] for m in failed] == [str(bob.id)]
    assert failed[0]["attributes"]["error"] == "The contact unsubscribed."
    mine = client.get(f"/api/v1/messages?filter[contact_id]={ada.id}&filter[channel]=sms&filter[purpose]=api",
                      headers=headers).json["data"]
    assert len(mine) == 1 and mine[0]["attributes"]["status"] == "sent"
    assert client.get("/api/v1/messages?filter[created_after]=2999-01-01T00:00:00Z", headers=headers).json["data"] == []
    assert client.get("/api/v1/messages?filter[created_after]=yesterday", headers=headers).status_code == 400

    stranger = key_headers(make_key(MembershipFactory(role="owner")))
    assert client.get("/api/v1/messages", headers=stranger).json["data"] == []
    assert client.get(f"/api/v1/messages/{failed[0]['id']}", headers=stranger).status_code == 404
    read_only = key_headers(make_key(MembershipFactory(role="owner", organization=organization), scopes=["read"]))
    assert client.post("/api/v1/messages", headers=read_only, json={}).status_code == 403
