"""Seed 001 ("NudgeCampaign API v2") at /api/v2: each request example of the operations that exist sent as it
stands (ids adapted, base /api/v2), its documented response asserted field by field.

Not here yet (other areas build them, and serve them at /api/v2 through the same platform): campaigns,
analytics and webhooks; a contact's double opt-in and lists."""
import copy
import io
import json

import pytest
from sqlalchemy import select

from nudgeweb.extensions import db
from nudgeweb.models import Message
from tests.api_helpers import key_headers, make_key
from tests.contract.shape import assert_shape
from tests.factories import DEFAULT_PASSWORD, MembershipFactory

LIST_DOCUMENT = {"data": [{"id": "x", "type": "contacts", "attributes": {}}],
                 "meta": {"total": 150, "page_size": 20, "has_more": True},
                 "links": {"self": "/v2/contacts?page[size]=20", "next": None}}
CONTACT = {
    "organization_id": "org_def456", "email": "john.doe@example.com", "first_name": "John", "last_name": "Doe",
    "status": "subscribed", "source": "import", "tags": ["customer", "vip", "newsletter"],
    "custom_fields": {"company": "Acme Corp"}, "lists": ["lst_abc123", "lst_def456"],
    "stats": {"campaigns_received": 25, "campaigns_opened": 20, "campaigns_clicked": 5,
              "last_opened_at": "2024-01-10T15:30:00Z", "last_clicked_at": "2024-01-08T10:15:00Z"},
    "subscribed_at": "2023-01-01T00:00:00Z", "unsubscribed_at": None, "created_at": "2023-01-01T00:00:00Z",
    "updated_at": "2024-01-15T00:00:00Z",
}
CREATE_CONTACT = {
    "email": "new.contact@example.com", "first_name": "Jane", "last_name": "Smith", "tags": ["lead", "webinar"],
    "custom_fields": {"company": "Tech Corp", "role": "Marketing Manager"}, "lists": ["lst_abc123"],
    "double_opt_in": True,
}
NEVER_YET = ("attributes.stats.last_opened_at", "attributes.stats.last_clicked_at", "stats.last_opened_at",
             "stats.last_clicked_at")  # (null until the contact opens or clicks something)
IMPORT = {"import_id": "imp_abc123", "status": "processing", "total": 5000, "processed": 0, "succeeded": 0,
          "failed": 0, "created_at": "2024-01-15T10:00:00Z"}
ACTIVITY = {"type": "email_opened", "campaign_id": None, "timestamp": "2024-01-10T15:30:00Z", "metadata": {}}
TEMPLATE = {
    "organization_id": "org_def456", "name": "Newsletter Template", "description": "Monthly newsletter design",
    "category": "newsletter", "thumbnail_url": None, "html_content": "<html>{{content}}</html>",
    "text_content": "{{content}}", "variables": [{"name": "content", "type": "html", "required": True}],
    "usage_count": 45, "is_public": False, "created_at": "2024-01-01T00:00:00Z",
}
CREATE_TEMPLATE = {
    "name": "Product Announcement", "description": "Template for product launches", "category": "announcement",
    "html_content": "<html><body>{{product_name}}</body></html>", "text_content": "Announcing {{product_name}}",
    "variables": [{"name": "product_name", "type": "text", "required": True}],
}
ORGANIZATION = {
    "name": "Acme Corporation", "slug": "acme-corp", "domain": "acme.com", "timezone": "America/New_York",
    "settings": {"default_from_name": "Acme Team", "default_from_email": None, "footer_address": None,
                 "branding": {"logo_url": None, "primary_color": "#22C55E", "font_family": None}},
    "subscription": {"plan": "pro", "status": "active", "email_limit": None, "emails_sent": 45000,
                     "billing_period_end": "2024-02-01T00:00:00Z"},
    "stats": {"total_contacts": 10000, "total_campaigns": 150, "total_emails_sent": 500000},
    "created_at": "2023-01-01T00:00:00Z",
}
USER = {"id": "usr_abc123", "email": "admin@acme.com", "full_name": "John Admin", "role": "owner", "status": "active",
        "last_login_at": None}
NEW_KEY = {"id": "key_abc123", "key": "sk_live_abc123def456ghi789", "name": "Production API Key",
           "scopes": ["campaigns:read", "campaigns:write", "contacts:read"], "created_at": "2024-01-15T10:00:00Z",
           "expires_at": "2025-01-01T00:00:00Z"}
ERROR = {"error": {"type": "validation_error", "message": "The request contains invalid parameters",
                   "code": "ERR_VALIDATION", "details": [{"field": "email", "message": "Invalid email format",
                                                          "code": "invalid_format"}],
                   "request_id": "req_abc123", "documentation_url": "https://docs.example/api/errors/ERR_VALIDATION"}}


@pytest.fixture
def headers(owner):
    return key_headers(make_key(owner))


def _contact(client, headers, body=CREATE_CONTACT):
    response = client.post("/api/v2/contacts", json=_with_our_lists(client, headers, body), headers=headers)
    assert response.status_code == 201, response.json
    return response.json["data"]


def _with_our_lists(client, headers, body):
    """The seed's list ids (lst_abc123) adapted to lists of ours, made first as an integrator would."""
    ids = []
    for seed_id in body.get("lists") or ():
        made = client.post("/api/v2/lists", json={"name": seed_id}, headers=headers)
        if made.status_code == 201:
            ids.append(made.json["data"]["id"])
        else:  # made by an earlier call of the same test
            ids += [item["id"] for item in client.get("/api/v2/lists", headers=headers).json["data"]
                    if item["attributes"]["name"] == seed_id]
    return {**body, "lists": ids} if "lists" in body else body


# --- authentication --------------------------------------------------------------------------------

def test_login_and_refresh(client, owner):
    login = client.post("/api/v2/auth/login", json={"email": owner.user.email, "password": DEFAULT_PASSWORD})
    assert login.status_code == 200
    answer = {"access_token": "eyJ", "refresh_token": "eyJ", "token_type": "Bearer", "expires_in": 3600,
              "user": {"id": "usr_abc123", "email": "user@example.com", "organization_id": "org_def456",
                       "role": "admin"}}
    assert_shape(login.json, answer)
    assert login.json["token_type"] == "Bearer" and login.json["user"]["email"] == owner.user.email
    bearer = {"Authorization": f"Bearer {login.json['access_token']}"}
    assert client.get("/api/v2/contacts", headers=bearer).status_code == 200
    refreshed = client.post("/api/v2/auth/refresh", json={"refresh_token": login.json["refresh_token"]})
    assert refreshed.status_code == 200
    assert_shape(refreshed.json, answer)


def test_api_key_authentication(client, headers):
    response = client.get("/api/v2/contacts", headers=headers)
    assert response.status_code == 200
    assert response.headers["X-Request-Id"]
    for name in ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "X-RateLimit-Reset-After"):
        assert response.headers[name].isdigit()


def test_oauth_authorize(client):
    query = ("client_id=YOUR_CLIENT_ID&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&response_type=code&"
             "scope=campaigns:read%20contacts:write&state=RANDOM_STATE")
    response = client.get(f"/api/v2/oauth/authorize?{query}")
    assert response.status_code == 302 and response.headers["Location"].startswith("/oauth/authorize?client_id=")


# --- contacts --------------------------------------------------------------------------------------

def test_create_get_update_delete_contact(client, owner, headers):
    data = _contact(client, headers)
    assert_shape(data, {"id": "con_abc123", "type": "contacts", "attributes": CONTACT}, nullable=NEVER_YET)
    assert data["attributes"]["organization_id"] == str(owner.organization_id)
    assert data["attributes"]["custom_fields"] == {"company": "Tech Corp", "role": "Marketing Manager"}
    path = f"/api/v2/contacts/{data['id']}"
    got = client.get(path, headers=headers)
    assert got.status_code == 200
    assert_shape(got.json["data"]["attributes"], CONTACT, nullable=NEVER_YET)
    updated = client.put(path, json={"first_name": "Janet"}, headers=headers)
    assert updated.status_code == 200 and updated.json["data"]["attributes"]["first_name"] == "Janet"
    assert client.delete(path, headers=headers).status_code == 204
    assert client.get(path, headers=headers).status_code == 404


def test_list_contacts(client, headers):
    _contact(client, headers, {**CREATE_CONTACT, "tags": ["vip"]})
    response = client.get("/api/v2/contacts?filter[status]=subscribed&filter[tag]=vip&sort=-created_at",
                          headers=headers)
    assert response.status_code == 200
    assert_shape(response.json, LIST_DOCUMENT)
    assert response.json["meta"] == {"total": 1, "page_size": 25, "has_more": False}
    assert set(response.json["data"][0]) >= {"id", "type", "attributes"}


def test_bulk_import_and_check_its_status(client, headers):
    csv = "Email,First name,Last name\nnew.one@example.com,Ada,Lovelace\nnew.two@example.com,Alan,Turing\n"
    response = client.post("/api/v2/contacts/import", headers=headers, content_type="multipart/form-data", data={
        "file": (io.BytesIO(csv.encode()), "contacts.csv"), "mapping": json.dumps({"email": 0, "first_name": 1,
                                                                                    "last_name": 2}),
        "list_id": "lst_abc123", "update_existing": "true", "trigger_automations": "false"})
    assert response.status_code == 202, response.json
    assert_shape(response.json["data"], IMPORT)
    assert response.json["data"]["status"] in ("processing", "completed")
    status = client.get(f"/api/v2/contacts/import/{response.json['data']['import_id']}", headers=headers)
    assert status.status_code == 200
    assert_shape(status.json["data"], IMPORT)
    assert status.json["data"]["succeeded"] == 2 and status.json["data"]["total"] == 2


def test_export_contacts(client, headers):
    _contact(client, headers, {**CREATE_CONTACT, "tags": ["customer"]})
    response = client.post("/api/v2/contacts/export", headers=headers, json={
        "format": "csv", "fields": ["email", "first_name", "last_name", "tags"],
        "filters": {"status": "subscribed", "tags": ["customer"]}})
    assert response.status_code == 201, response.json
    assert response.json["data"]["id"]


def test_contact_activity(client, headers):
    contact = _contact(client, headers)
    response = client.get(f"/api/v2/contacts/{contact['id']}/activity", headers=headers)
    assert response.status_code == 200
    assert_shape(response.json, {"data": [ACTIVITY]})


@pytest.mark.parametrize("action, status", [("unsubscribe", "unsubscribed"), ("subscribe", "subscribed")])
def test_subscribe_unsubscribe(client, headers, action, status):
    contact = _contact(client, headers)
    if action == "subscribe":
        client.post(f"/api/v2/contacts/{contact['id']}/unsubscribe", json={}, headers=headers)
    response = client.post(f"/api/v2/contacts/{contact['id']}/{action}", headers=headers, json={
        "reason": "User requested", "feedback": "Too many emails", "suppress_notification": False})
    assert response.status_code == 200 and response.json["data"]["attributes"]["status"] == status


# --- templates -------------------------------------------------------------------------------------

def test_templates_create_list_get_update_duplicate_preview_delete(client, owner, headers):
    created = client.post("/api/v2/templates", json=CREATE_TEMPLATE, headers=headers)
    assert created.status_code == 201, created.json
    data = created.json["data"]
    assert_shape(data["attributes"], TEMPLATE)
    assert data["attributes"]["organization_id"] == str(owner.organization_id)
    listed = client.get("/api/v2/templates?filter[category]=announcement&filter[is_public]=false&search=Product",
                        headers=headers)
    assert listed.status_code == 200 and [t["id"] for t in listed.json["data"]] == [data["id"]]
    assert_shape(listed.json, {**LIST_DOCUMENT, "data": [{"id": "x", "type": "templates", "attributes": TEMPLATE}]})
    path = f"/api/v2/templates/{data['id']}"
    assert client.get(path, headers=headers).status_code == 200
    assert client.put(path, json={"description": "Launches"}, headers=headers).json["data"]["attributes"][
        "description"] == "Launches"
    assert client.post(f"{path}/duplicate", headers=headers).status_code == 201
    contact = _contact(client, headers)
    preview = client.post(f"{path}/preview", headers=headers, json={
        "variables": {"product_name": "Amazing Product", "price": "$99.99"}, "contact_id": contact["id"]})
    assert preview.status_code == 200 and "Amazing Product" in preview.json["data"]["attributes"]["html"]
    assert client.delete(path, headers=headers).status_code == 204


# --- organization ----------------------------------------------------------------------------------

def test_get_and_update_organization(client, headers):
    updated = client.put("/api/v2/organization", headers=headers, json={
        "name": "Updated Company Name", "timezone": "Europe/London", "settings": {"default_from_name": "New Team Name"}})
    assert updated.status_code == 200
    response = client.get("/api/v2/organization", headers=headers)
    assert response.status_code == 200
    assert_shape(response.json["data"]["attributes"], ORGANIZATION, nullable=("domain",))  # (none given yet)
    attributes = response.json["data"]["attributes"]
    assert (attributes["name"], attributes["timezone"], attributes["settings"]["default_from_name"]) == (
        "Updated Company Name", "Europe/London", "New Team Name")


def test_organization_users_invite_role_remove(client, owner, headers):
    listed = client.get("/api/v2/organization/users", headers=headers)
    assert listed.status_code == 200
    assert_shape(listed.json, {"data": [USER]})
    invited = client.post("/api/v2/organization/users/invite", headers=headers,
                          json={"email": "newuser@acme.com", "role": "editor", "send_invitation_email": True})
    assert invited.status_code == 201
    editor = MembershipFactory(role="editor", organization=owner.organization)
    role = client.put(f"/api/v2/organization/users/{editor.user_id}", json={"role": "admin"}, headers=headers)
    assert role.status_code == 200 and role.json["data"]["role"] == "admin"
    assert client.delete(f"/api/v2/organization/users/{editor.user_id}", headers=headers).status_code == 204


def test_organization_api_keys(client, headers):
    made = client.post("/api/v2/organization/api-keys", headers=headers, json={
        "name": "Production API Key", "scopes": ["campaigns:read", "campaigns:write", "contacts:read"],
        "expires_at": "2030-01-01T00:00:00Z"})
    assert made.status_code == 201
    assert_shape(made.json, {"data": NEW_KEY})
    listed = client.get("/api/v2/organization/api-keys", headers=headers)
    assert listed.status_code == 200 and len(listed.json["data"]) == 2
    assert client.delete(f"/api/v2/organization/api-keys/{made.json['data']['id']}", headers=headers).status_code \
        == 204


# --- errors, rate limits, OpenAPI ------------------------------------------------------------------

def test_error_response_format(client, headers):
    response = client.post("/api/v2/contacts", json={"email": "invalid-email"}, headers=headers)
    assert response.status_code == 422
    assert_shape(response.json, ERROR)
    assert response.json["error"]["details"][0]["field"] == "email"
    assert response.json["error"]["details"][0]["code"] == "invalid_format"


def test_rate_limit_response(client, owner):
    from nudgeweb.api.ratelimit import set_rate_limit
    from nudgeweb.unit_of_work import unit_of_work

    with unit_of_work(owner.organization_id):
        set_rate_limit(owner.organization, 1)
    headers = key_headers(make_key(owner))
    client.get("/api/v2/contacts", headers=headers)
    response = client.get("/api/v2/contacts", headers=headers)
    assert response.status_code == 429 and int(response.headers["Retry-After"]) > 0
    assert_shape(response.json, {"error": {"type": "rate_limit_error", "message": "Rate limit exceeded.",
                                           "code": "ERR_RATE_LIMIT", "retry_after": 3600}})


def test_openapi_specification(client):
    assert client.get("/api/v2/openapi.json").json["info"]["version"] == "2.0.0"
    assert client.get("/api/v2/openapi.yaml").mimetype == "application/yaml"


# --- automations -----------------------------------------------------------------------------------

AUTOMATION = {
    "organization_id": "org_def456", "name": "Welcome Series", "description": "3-email welcome sequence for new subscribers",
    "status": "active", "trigger": {"type": "contact_subscribed", "conditions": {"list_id": "lst_abc123"}},
    "workflow": {"steps": []}, "stats": {"total_enrolled": 1500, "currently_active": 50, "completed": 1450, "stopped": 0},
    "created_at": "2024-01-01T00:00:00Z",
}
WELCOME_SERIES = {
    "name": "Welcome Series", "description": "3-email welcome sequence for new subscribers",
    "trigger": {"type": "contact_subscribed", "conditions": {"list_id": "lst_abc123"}},
    "workflow": {"steps": [
        {"id": "step_1", "type": "send_email", "delay": "immediate", "campaign_id": "cmp_welcome1"},
        {"id": "step_2", "type": "wait", "delay": "2 days"},
        {"id": "step_3", "type": "send_email", "campaign_id": "cmp_welcome2"}]},
}
CART_RECOVERY = {
    "name": "Abandoned Cart Recovery", "description": "Recover abandoned shopping carts",
    "trigger": {"type": "custom_event", "event_name": "cart_abandoned"},
    "workflow": {"steps": [
        {"type": "wait", "delay": "1 hour"},
        {"type": "send_email", "template_id": "tpl_cart_recovery", "subject": "You left something behind!"},
        {"type": "condition", "if": {"event": "purchase_completed"}, "then": "exit", "else": "continue"},
        {"type": "wait", "delay": "24 hours"},
        {"type": "send_email", "template_id": "tpl_cart_discount", "subject": "10% off your cart items!"}]},
}
ENROLL = {"contact_id": "con_abc123", "metadata": {"source": "api", "custom_field": "value"}}


def _ours(client, headers, body):
    """The seed's ids (lst_…, cmp_…, tpl_…) adapted to a list, campaigns and templates of ours, made first."""
    body = copy.deepcopy(body)
    conditions = body["trigger"].get("conditions", {})
    if "list_id" in conditions:
        conditions["list_id"] = _with_our_lists(client, headers, {"lists": [conditions["list_id"]]})["lists"][0]
    for step in body["workflow"]["steps"]:
        for key, path in (("campaign_id", "campaigns"), ("template_id", "templates")):
            if key in step:
                made = client.post(f"/api/v2/{path}", headers=headers, json={
                    "name": step[key], "subject": f"{step[key]}: hello", "html_content": "<p>Hi {{ first_name }}</p>"})
                assert made.status_code == 201, made.json
                step[key] = made.json["data"]["id"]
    return body


def test_automations_create_get_list_update_start_enroll_activity_pause_delete(client, owner, headers):
    owner.organization.footer_address = "1 Main St, Springfield"
    db.session.commit()
    welcome = _ours(client, headers, WELCOME_SERIES)
    created = client.post("/api/v2/automations", json=welcome, headers=headers)
    assert created.status_code == 201, created.json
    data = created.json["data"]
    assert_shape(data, {"id": "aut_abc123", "type": "automations", "attributes": AUTOMATION})
    assert data["attributes"]["workflow"] == welcome["workflow"] and data["attributes"]["trigger"] == welcome["trigger"]
    assert data["attributes"]["organization_id"] == str(owner.organization_id)
    cart = client.post("/api/v2/automations", json=_ours(client, headers, CART_RECOVERY), headers=headers)
    assert cart.status_code == 201, cart.json
    assert [step["id"] for step in cart.json["data"]["attributes"]["workflow"]["steps"]] == [
        "step_1", "step_2", "step_3", "step_4", "step_5"]
    assert client.get("/api/v2/automations", headers=headers).json["meta"]["total"] == 2
    listed = client.get("/api/v2/automations?filter[trigger_type]=contact_subscribed", headers=headers)
    assert listed.status_code == 200 and [item["id"] for item in listed.json["data"]] == [data["id"]]
    assert_shape(listed.json, {**LIST_DOCUMENT, "data": [{"id": "x", "type": "automations", "attributes": AUTOMATION}]})
    path = f"/api/v2/automations/{data['id']}"
    assert_shape(client.get(path, headers=headers).json["data"]["attributes"], AUTOMATION)
    updated = client.put(path, json={**welcome, "description": "Two emails, two days apart"}, headers=headers)
    assert updated.status_code == 200 and updated.json["data"]["attributes"]["description"] == "Two emails, two days apart"
    contact = _contact(client, headers, {"email": "new.subscriber@example.com", "first_name": "Jane"})
    started = client.post(f"{path}/start", headers=headers)
    assert started.status_code == 200 and started.json["data"]["attributes"]["status"] == "active"
    enrolled = client.post(f"{path}/enroll", json={**ENROLL, "contact_id": contact["id"]}, headers=headers)
    assert enrolled.status_code == 201, enrolled.json
    sent = db.session.scalars(select(Message).where(Message.to == "new.subscriber@example.com")).all()
    assert [message.subject for message in sent] == ["cmp_welcome1: hello"]
    activity = client.get(f"{path}/activity", headers=headers)
    assert activity.status_code == 200 and activity.json["data"]
    assert {item["attributes"]["contact_id"] for item in activity.json["data"]} == {contact["id"]}
    stats = client.get(path, headers=headers).json["data"]["attributes"]["stats"]
    assert stats["total_enrolled"] == 1 and stats["currently_active"] == 1
    paused = client.post(f"{path}/pause", headers=headers)
    assert paused.status_code == 200 and paused.json["data"]["attributes"]["status"] == "paused"
    assert client.delete(path, headers=headers).status_code == 204
    assert client.get(path, headers=headers).status_code == 404


def test_an_automation_s_bad_step_is_a_seed_001_validation_error(client, headers):
    response = client.post("/api/v2/automations", headers=headers, json={
        **CART_RECOVERY, "workflow": {"steps": [{"type": "wait", "delay": "banana"}]}})
    assert response.status_code == 422
    assert_shape(response.json, ERROR)
    assert response.json["error"]["details"][0]["field"] == "workflow.steps.0.delay"
