"""The webhooks API (seed 001, and seed 003's /outbound-webhooks): create with the secret once, refused
targets as a 422 at url, update, delete, rotate, a test, the log in seed 001's shape, isolation."""
import pytest
from sqlalchemy import select

from nudgeweb.domain_events import record_event
from nudgeweb.extensions import db
from nudgeweb.models.webhooks import WebhookEndpoint
from nudgeweb.unit_of_work import unit_of_work
from tests.api_helpers import key_headers, make_key
from tests.test_webhooks_pages import REFUSED
from tests.webhook_support import allow_private_webhooks, dns, receiver, seed_signature_ok  # noqa: F401

SEED_BODY = {"url": "https://hooks.example.com/webhook", "events": ["email.opened", "email.clicked", "contact.subscribed"],
             "description": "Production webhook", "active": True}


@pytest.fixture
def headers(owner):
    return key_headers(make_key(owner))


def pointers(answer):
    return sorted(error["source"]["pointer"] for error in answer.get_json()["errors"])


def test_create_as_seed_001_shows_the_secret_once(client, headers, dns):
    answer = client.post("/api/v1/webhooks", json=SEED_BODY, headers={**headers, "Idempotency-Key": "hook-1"})
    assert answer.status_code == 201
    data = answer.get_json()["data"]
    attributes = data["attributes"]
    assert data["type"] == "webhooks" and answer.headers["Location"].endswith(f"/api/v1/webhooks/{data['id']}")
    assert attributes["secret"].startswith("whsec_") and attributes["status"] == "active"
    assert {k: attributes[k] for k in ("url", "events", "description", "active")} == SEED_BODY
    replay = client.post("/api/v1/webhooks", json=SEED_BODY, headers={**headers, "Idempotency-Key": "hook-1"})
    assert replay.status_code == 201 and "secret" not in replay.get_json()["data"]["attributes"]
    assert attributes["secret"] not in client.get(f"/api/v1/webhooks/{data['id']}", headers=headers).get_data(as_text=True)
    listed = client.get("/api/v1/outbound-webhooks", headers=headers).get_json()["data"]
    assert [hook["id"] for hook in listed] == [data["id"]]


@pytest.mark.parametrize("url", REFUSED)
def test_private_targets_are_a_422_at_url(client, headers, dns, url):
    answer = client.post("/api/v1/outbound-webhooks", json={**SEED_BODY, "url": url}, headers=headers)
    assert answer.status_code == 422 and pointers(answer) == ["/data/attributes/url"]
    assert "private" in answer.get_json()["errors"][0]["detail"]
    assert db.session.scalars(select(WebhookEndpoint)).all() == []


def test_every_bad_field_is_named_at_once(client, headers):
    answer = client.post("/api/v1/webhooks", headers=headers,
                         json={"url": "ftp://x.example.com", "events": ["email.exploded"], "description": "d" * 501})
    assert answer.status_code == 422
    assert pointers(answer) == ["/data/attributes/description", "/data/attributes/events", "/data/attributes/url"]
    assert client.post("/api/v1/webhooks", json={"events": ["*"]}, headers=headers).status_code == 422


def test_update_with_put_and_patch_then_delete(client, headers, dns):
    hook = client.post("/api/v1/webhooks", json=SEED_BODY, headers=headers).get_json()["data"]
    path = f"/api/v1/webhooks/{hook['id']}"
    put = client.put(path, json={"events": ["*"], "description": "All of it"}, headers=headers)
    assert put.status_code == 200
    assert put.get_json()["data"]["attributes"]["events"] == ["*"] and put.get_json()["data"]["attributes"]["url"] == SEED_BODY["url"]
    patched = client.patch(f"/api/v1/outbound-webhooks/{hook['id']}", json={"active": False}, headers=headers)
    assert patched.get_json()["data"]["attributes"]["status"] == "paused"
    refused = client.patch(path, json={"url": "http://10.0.0.1/x"}, headers=headers)
    assert refused.status_code == 422 and pointers(refused) == ["/data/attributes/url"]
    assert client.delete(path, headers=headers).status_code == 204
    assert client.get(path, headers=headers).status_code == 404


def test_test_event_and_the_log_in_seed_001s_shape(client, headers, organization, receiver):
    created = client.post("/api/v1/webhooks", json={**SEED_BODY, "url": receiver.url, "events": ["*"]}, headers=headers)
    hook, secret = created.get_json()["data"], created.get_json()["data"]["attributes"]["secret"]
    tested = client.post(f"/api/v1/webhooks/{hook['id']}/test", json={"event": "email.opened"}, headers=headers)
    assert tested.status_code == 200
    entry = tested.get_json()["data"]["attributes"]
    assert (entry["status"], entry["status_code"], entry["event_type"], entry["test"]) == ("success", 200, "email.opened", True)
    [(_, sent_headers, body)] = receiver.requests
    assert seed_signature_ok(body, sent_headers["X-NudgeCampaign-Signature"], secret)

    receiver.answers = [500]
    with unit_of_work(organization.id):
        record_event("contact.subscribed", {"contact_id": "c1"})
    logs = client.get(f"/api/v1/outbound-webhooks/{hook['id']}/logs", headers=headers).get_json()["data"]
    assert [log["attributes"]["event_type"] for log in logs] == ["contact.subscribed", "email.opened"]
    newest = logs[0]["attributes"]
    assert set(newest) >= {"webhook_id", "event_type", "status", "status_code", "duration_ms", "timestamp", "request", "response"}
    assert (newest["webhook_id"], newest["status"], newest["status_code"]) == (hook["id"], "failed", 500)
    assert newest["request"]["body"]["type"] == "contact.subscribed" and newest["request"]["headers"]["webhook-id"]
    assert newest["response"]["body"] == "nope"
    failed = client.get(f"/api/v1/webhooks/{hook['id']}/logs?filter[status]=failed", headers=headers).get_json()["data"]
    assert [log["id"] for log in failed] == [logs[0]["id"]]
    again = client.post(f"/api/v1/webhooks/{hook['id']}/logs/{logs[0]['id']}/redeliver", headers=headers)
    assert again.status_code == 204 and len(receiver.requests) == 3
    assert receiver.requests[2][1]["webhook-id"] == newest["event_id"]


def test_rotate_secret(client, headers, receiver):
    hook = client.post("/api/v1/webhooks", json={**SEED_BODY, "url": receiver.url}, headers=headers).get_json()["data"]
    old = hook["attributes"]["secret"]
    rotated = client.post(f"/api/v1/webhooks/{hook['id']}/rotate-secret", headers=headers)
    new = rotated.get_json()["data"]["attributes"]["secret"]
    assert rotated.status_code == 200 and new.startswith("whsec_") and new != old


def test_another_organization_sees_none_of_it(client, headers, other_owner, dns):
    hook = client.post("/api/v1/webhooks", json=SEED_BODY, headers=headers).get_json()["data"]
    theirs = key_headers(make_key(other_owner))
    assert client.get("/api/v1/webhooks", headers=theirs).get_json()["data"] == []
    for method, path in [("get", ""), ("patch", ""), ("delete", ""), ("get", "/logs"), ("post", "/test"),
                         ("post", "/rotate-secret")]:
        answer = getattr(client, method)(f"/api/v1/webhooks/{hook['id']}{path}", json={}, headers=theirs)
        assert answer.status_code == 404, (method, path)
    assert db.session.get(WebhookEndpoint, __import__("uuid").UUID(hook["id"])).url == SEED_BODY["url"]
