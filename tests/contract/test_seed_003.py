"""Seed 003 ("Nudgel" developers page): contacts upsert, messages, reading a contact, idempotency keys on
any write, the 1,000 requests a minute and the OpenAPI 3.1 document. (Events and outbound webhooks belong
to the automations and webhooks areas.)"""
import pytest

from tests.api_helpers import key_headers, make_key

UPSERT = {"email": "ada@nudgel.ai", "name": "Ada Wanjiku", "tags": ["premium", "KE"]}
SEND = {"channel": "sms", "to": "+254722000000", "template": "order-confirmation",
        "variables": {"name": "Ada", "order_id": "AC-1042"}}


@pytest.fixture
def headers(owner):
    return key_headers(make_key(owner))


def test_contacts_upsert_then_read(client, headers):
    created = client.post("/api/v1/contacts", json=UPSERT, headers=headers)
    assert created.status_code == 201
    attributes = created.json["data"]["attributes"]
    assert (attributes["email"], attributes["first_name"], attributes["last_name"]) == ("ada@nudgel.ai", "Ada",
                                                                                         "Wanjiku")
    assert sorted(attributes["tags"]) == ["KE", "premium"]
    again = client.post("/api/v1/contacts", json={**UPSERT, "tags": ["vip"]}, headers=headers)
    assert again.status_code == 200 and again.json["data"]["id"] == created.json["data"]["id"]
    assert sorted(again.json["data"]["attributes"]["tags"]) == ["KE", "premium", "vip"]
    read = client.get(f"/api/v1/contacts/{created.json['data']['id']}", headers=headers)
    assert read.status_code == 200 and read.json["data"]["attributes"]["email"] == "ada@nudgel.ai"


def test_messages_send_with_a_template_and_variables(client, headers):
    template = client.post("/api/v1/templates", headers=headers, json={
        "name": "order-confirmation", "channel": "sms", "body": "Hi {{ name }}, order {{ order_id }} is confirmed.",
        "variables": [{"name": "name"}, {"name": "order_id"}]})
    assert template.status_code == 201, template.json
    sent = client.post("/api/v1/messages", json=SEND, headers=headers)
    assert sent.status_code == 201, sent.json
    data = sent.json["data"]
    assert data["id"] and data["attributes"]["channel"] == "sms" and data["attributes"]["to"] == "+254722000000"
    assert data["attributes"]["text"].startswith("Hi Ada, order AC-1042 is confirmed.")
    used = client.get(f"/api/v1/templates/{template.json['data']['id']}", headers=headers).json["data"]["attributes"]
    assert used["usage_count"] == 1
    status = client.get(f"/api/v1/messages/{data['id']}", headers=headers)
    assert status.status_code == 200 and status.json["data"]["attributes"]["status"] in ("queued", "sent", "delivered")


def test_an_idempotency_key_in_the_body_of_any_write(client, headers):
    first = client.post("/api/v1/contacts", json={**UPSERT, "idempotency_key": "upsert-ada"}, headers=headers)
    again = client.post("/api/v1/contacts", json={**UPSERT, "idempotency_key": "upsert-ada"}, headers=headers)
    assert again.headers["Idempotent-Replayed"] == "true" and again.json == first.json
    contact_id = first.json["data"]["id"]
    body = {"first_name": "Augusta", "idempotency_key": "rename-ada"}
    renamed = client.put(f"/api/v1/contacts/{contact_id}", json=body, headers=headers)
    replayed = client.put(f"/api/v1/contacts/{contact_id}", json=body, headers=headers)
    assert renamed.status_code == 200 and replayed.headers["Idempotent-Replayed"] == "true"


def test_1000_requests_a_minute_per_key(client, headers):
    response = client.get("/api/v1/contacts", headers=headers)
    assert response.headers["X-RateLimit-Limit"] == "1000" and response.headers["X-RateLimit-Remaining"] == "999"


def test_the_openapi_3_1_document(client):
    document = client.get("/api/v1/openapi.json").json
    assert document["openapi"].startswith("3.1") and "/api/v1/contacts" in document["paths"]
