"""Settings -> Webhooks: refused targets at the URL field, the secret shown once and rotated, a test,
the log with each attempt and "redeliver", turning an endpoint back on, roles and isolation."""
import re

import pytest
from sqlalchemy import select, text

from nudgeweb.domain_events import record_event
from nudgeweb.extensions import db
from nudgeweb.models.webhooks import WebhookDelivery, WebhookEndpoint
from nudgeweb.unit_of_work import unit_of_work
from tests.conftest import member_client
from tests.webhook_support import add_endpoint, allow_private_webhooks, dns, receiver, seed_signature_ok  # noqa: F401

HTMX = {"HX-Request": "true"}
REFUSED = ["http://127.0.0.1/hook", "https://10.0.0.1/hook", "http://169.254.169.254/latest/meta-data",
           "http://[::1]:8080/hook", "https://rebind.example.com/hook", "http://localhost:5000/hook"]


def field_error(html, name):
    found = re.search(rf'id="{name}-error">([^<]+)<', html)
    return found.group(1) if found else None


@pytest.mark.parametrize("url", REFUSED)
def test_private_targets_are_refused_at_the_url_field(owner_client, dns, url):
    answer = owner_client.post("/settings/webhooks", data={"url": url, "all_events": "y", "active": "y"}, headers=HTMX)
    assert answer.status_code == 422
    assert "private" in field_error(answer.get_data(as_text=True), "url")
    assert db.session.scalars(select(WebhookEndpoint)).all() == []


@pytest.mark.parametrize("url, message", [
    ("ftp://hooks.example.com/x", "http://"), ("hooks.example.com/x", "http://"),
    ("https://user:pw@hooks.example.com/x", "user name"), ("https://hooks.example.com:99999/x", "port"),
    ("https://hooks.example.com/" + "x" * 2000, "2000"),
])
def test_other_bad_urls_say_what_is_wrong(owner_client, dns, url, message):
    answer = owner_client.post("/settings/webhooks", data={"url": url, "all_events": "y"}, headers=HTMX)
    assert answer.status_code == 422 and message in field_error(answer.get_data(as_text=True), "url")


def test_no_event_picked_is_an_error_at_the_events(owner_client, dns):
    answer = owner_client.post("/settings/webhooks", data={"url": "https://hooks.example.com/x"}, headers=HTMX)
    assert answer.status_code == 422 and "at least one event" in field_error(answer.get_data(as_text=True), "events")


def test_create_shows_the_secret_once_and_stores_it_encrypted(owner_client, dns):
    assert "No endpoints yet" in owner_client.get("/settings/webhooks").get_data(as_text=True)
    answer = owner_client.post("/settings/webhooks", headers=HTMX, data={
        "url": "https://hooks.example.com/nudge", "description": "CRM sync", "events": ["email.opened", "contact.created"],
        "active": "y"})
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200 and "<html" not in html
    secret = re.search(r'id="webhook-secret">(whsec_[^<]+)<', html).group(1)
    endpoint = db.session.scalar(select(WebhookEndpoint))
    assert endpoint.events == ["email.opened", "contact.created"] and not endpoint.all_events
    assert endpoint.description == "CRM sync" and endpoint.secret == secret
    stored = db.session.execute(text("SELECT secret FROM webhook_endpoints")).scalar()
    assert secret not in stored
    for page in ("/settings/webhooks", f"/settings/webhooks/{endpoint.id}"):
        shown = owner_client.get(page).get_data(as_text=True)
        assert secret not in shown and "https://hooks.example.com/nudge" in shown


def test_send_a_test_then_redeliver_from_the_log(owner_client, organization, receiver):
    endpoint, secret = add_endpoint(organization, receiver.url)
    page = f"/settings/webhooks/{endpoint.id}"
    tested = owner_client.post(f"{page}/test", data={"event": "email.opened"}, headers=HTMX).get_data(as_text=True)
    assert "the endpoint answered 200" in tested
    [(_, headers, body)] = receiver.requests
    assert seed_signature_ok(body, headers["X-NudgeCampaign-Signature"], secret)
    assert receiver.events()[0]["type"] == "email.opened" and receiver.events()[0]["data"]["test"] is True

    with unit_of_work(organization.id):
        event = record_event("contact.created", {"contact_id": "c1"})
    log = owner_client.get(page).get_data(as_text=True)
    assert "contact.created" in log and "X-NudgeCampaign-Signature" in log and "OK" in log
    delivery = db.session.scalar(select(WebhookDelivery).where(WebhookDelivery.test.is_(False)))
    again = owner_client.post(f"{page}/deliveries/{delivery.id}/redeliver", headers=HTMX)
    assert "on its way again" in again.get_data(as_text=True)
    assert [h["webhook-id"] for _, h, _ in receiver.requests[1:]] == [f"evt_{event.id.hex}"] * 2


def test_rotate_gives_a_new_secret_that_signs_from_then_on(owner_client, organization, receiver):
    endpoint, old = add_endpoint(organization, receiver.url)
    html = owner_client.post(f"/settings/webhooks/{endpoint.id}/rotate", headers=HTMX).get_data(as_text=True)
    new = re.search(r'id="webhook-secret">(whsec_[^<]+)<', html).group(1)
    assert new != old
    with unit_of_work(organization.id):
        record_event("contact.created", {"contact_id": "c1"})
    assert receiver.all_signed(new) and not receiver.all_signed(old)


def test_a_turned_off_endpoint_is_turned_back_on_and_gets_what_waited(owner_client, organization, receiver):
    endpoint, _ = add_endpoint(organization, receiver.url)
    receiver.answers = [410]
    with unit_of_work(organization.id):
        record_event("contact.created", {"contact_id": "c1"})
    page = owner_client.get(f"/settings/webhooks/{endpoint.id}").get_data(as_text=True)
    assert "This endpoint is turned off" in page and "410 Gone" in page
    db.session.execute(db.update(WebhookDelivery).values(status="pending"))  # as if it had waited for a retry
    turned_on = owner_client.post(f"/settings/webhooks/{endpoint.id}/enable", headers=HTMX).get_data(as_text=True)
    assert "Turned back on" in turned_on
    db.session.expire_all()
    assert len(receiver.requests) == 2 and db.session.get(WebhookEndpoint, endpoint.id).active


def test_change_the_endpoint_checks_the_url_again(owner_client, organization, receiver, app):
    endpoint, _ = add_endpoint(organization, receiver.url)
    app.config["WEBHOOK_ALLOW_PRIVATE"] = False
    answer = owner_client.post(f"/settings/webhooks/{endpoint.id}", headers=HTMX,
                               data={"url": "http://10.0.0.1/x", "all_events": "y", "active": "y"})
    assert answer.status_code == 422 and "private" in field_error(answer.get_data(as_text=True), "url")
    assert db.session.get(WebhookEndpoint, endpoint.id).url == receiver.url


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_only_admins_manage_webhooks(app, organization, role):
    assert member_client(app, organization, role).get("/settings/webhooks").status_code == 403


def test_another_organization_sees_nothing_of_our_endpoints(owner_client, other_client, organization, receiver):
    endpoint, _ = add_endpoint(organization, receiver.url)
    assert receiver.url not in other_client.get("/settings/webhooks").get_data(as_text=True)
    assert other_client.get(f"/settings/webhooks/{endpoint.id}").status_code == 404
    assert other_client.post(f"/settings/webhooks/{endpoint.id}/test", data={"event": "contact.created"}).status_code == 404
    assert other_client.post(f"/settings/webhooks/{endpoint.id}/delete").status_code == 404
    assert receiver.requests == [] and db.session.get(WebhookEndpoint, endpoint.id) is not None


def test_the_verification_page_shows_python_and_node(owner_client):
    html = owner_client.get("/settings/webhooks/verify").get_data(as_text=True)
    assert "createHmac('sha256', secret)" in html and "def verify_webhook" in html
