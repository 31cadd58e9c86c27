"""/api/v2: seed 001's dialect over /api/v1's operations: errors, lists by cursor, flat shapes, rate-limit
headers, login, OAuth authorize, its own OpenAPI document, and isolation."""
import re

import pytest
import yaml
from openapi_spec_validator import validate

from tests.api_helpers import documented_path, key_headers, make_key
from tests.factories import ContactFactory, MembershipFactory


@pytest.fixture
def headers(owner):
    return key_headers(make_key(owner))


def test_errors_are_seed_001_error_objects(client, headers):
    bad = client.post("/api/v2/contacts", headers=headers, json={"email": "not-an-email", "phone": "12"})
    assert bad.status_code == 422
    error = bad.json["error"]
    assert set(error) == {"type", "message", "code", "details", "request_id", "documentation_url"}
    assert error["type"] == "validation_error" and error["code"] == "ERR_VALIDATION"
    assert error["message"] == "The request contains invalid parameters"
    assert {d["field"] for d in error["details"]} == {"email", "phone"}
    assert all(set(d) == {"field", "message", "code"} for d in error["details"])
    assert error["request_id"] == bad.headers["X-Request-Id"]

    missing = client.get("/api/v2/contacts")
    assert missing.status_code == 401 and missing.json["error"]["type"] == "authentication_error"
    assert missing.json["error"]["code"] == "ERR_AUTH_MISSING_TOKEN"
    wrong = client.get("/api/v2/contacts", headers={"Authorization": "Bearer nonsense"})
    assert wrong.json["error"]["code"] == "ERR_AUTH_INVALID_TOKEN"
    gone = client.get("/api/v2/contacts/0190a4a0-0000-7000-8000-000000000000", headers=headers)
    assert gone.status_code == 404 and gone.json["error"]["type"] == "not_found_error"
    assert gone.json["error"]["code"] == "ERR_RESOURCE_NOT_FOUND"
    nowhere = client.get("/api/v2/no-such-thing", headers=headers)
    assert nowhere.status_code == 404 and "/api/v2/openapi.json" in nowhere.json["error"]["message"]


def test_forbidden_is_an_authorization_error(client, owner):
    viewer = MembershipFactory(role="viewer", organization=owner.organization)
    response = client.post("/api/v2/contacts", json={"email": "a@example.com"}, headers=key_headers(make_key(viewer)))
    assert response.status_code == 403 and response.json["error"]["type"] == "authorization_error"
    assert response.json["error"]["code"] == "ERR_PERMISSION_DENIED"


def test_rate_limit_headers_and_the_429(app, client, owner):
    from nudgeweb.api.ratelimit import set_rate_limit
    from nudgeweb.unit_of_work import unit_of_work

    with unit_of_work(owner.organization_id):
        set_rate_limit(owner.organization, 2)
    headers = key_headers(make_key(owner))
    first = client.get("/api/v2/contacts", headers=headers)
    assert first.headers["X-RateLimit-Limit"] == "2" and first.headers["X-RateLimit-Remaining"] == "1"
    assert int(first.headers["X-RateLimit-Reset"]) > 0 and 0 <= int(first.headers["X-RateLimit-Reset-After"]) <= 60
    client.get("/api/v2/contacts", headers=headers)
    refused = client.get("/api/v2/contacts", headers=headers)
    assert refused.status_code == 429
    error = refused.json["error"]
    assert error["type"] == "rate_limit_error" and error["code"] == "ERR_RATE_LIMIT"
    assert error["retry_after"] == int(refused.headers["Retry-After"]) > 0


def test_lists_page_by_cursor_with_seed_001_meta_and_links(client, owner, headers):
    for n in range(5):
        ContactFactory(organization=owner.organization, email=f"c{n}@example.com")
    first = client.get("/api/v2/contacts?page[size]=2&sort=email", headers=headers).json
    assert first["meta"] == {"total": 5, "page_size": 2, "has_more": True}
    assert set(first["links"]) == {"self", "next"} and "page%5Bcursor%5D=" in first["links"]["next"]
    item = first["data"][0]
    assert set(item) >= {"id", "type", "attributes"} and item["type"] == "contacts"
    assert item["attributes"]["email"] == "c0@example.com"
    assert item["attributes"]["organization_id"] == str(owner.organization_id) and item["attributes"]["lists"] == []
    assert "stats" not in item["attributes"]  # (one contact's, not a list's)
    seen = [i["attributes"]["email"] for i in first["data"]]
    page = first
    while page["links"]["next"]:
        page = client.get(page["links"]["next"], headers=headers).json
        seen += [i["attributes"]["email"] for i in page["data"]]
    assert seen == [f"c{n}@example.com" for n in range(5)]
    assert page["meta"] == {"total": 5, "page_size": 2, "has_more": False} and page["links"]["next"] is None
    numbered = client.get("/api/v2/contacts?page[number]=3&page[size]=2", headers=headers).json
    assert numbered["meta"] == {"total": 5, "page_size": 2, "has_more": False} and len(numbered["data"]) == 1


def test_a_contact_has_organization_id_lists_and_stats(client, owner, headers):
    made = client.post("/api/v2/contacts", headers=headers, json={"email": "jane@example.com", "first_name": "Jane"})
    assert made.status_code == 201 and made.headers["Location"].startswith("http://localhost/api/v2/contacts/")
    data = made.json["data"]
    assert data["attributes"]["organization_id"] == str(owner.organization_id)
    assert data["attributes"]["lists"] == []
    assert data["attributes"]["stats"] == {"campaigns_received": 0, "campaigns_opened": 0, "campaigns_clicked": 0,
                                           "last_opened_at": None, "last_clicked_at": None}
    assert data["meta"]["created_at"] == data["attributes"]["created_at"]
    activity = client.get(f"/api/v2/contacts/{data['id']}/activity", headers=headers).json
    assert activity["data"][0]["type"] == "created" and activity["data"][0]["timestamp"].endswith("Z")
    assert set(activity["data"][0]) == {"id", "type", "campaign_id", "timestamp", "metadata"}


def test_a_new_api_key_is_flat_with_its_key(client, headers):
    made = client.post("/api/v2/organization/api-keys", headers=headers, json={
        "name": "Production API Key", "scopes": ["campaigns:read", "campaigns:write", "contacts:read"],
        "expires_at": "2030-01-01T00:00:00Z"})
    assert made.status_code == 201
    data = made.json["data"]
    assert data["key"].startswith("sk_live_") and data["name"] == "Production API Key"
    assert data["scopes"] == ["campaigns:read", "campaigns:write", "contacts:read"]
    assert data["expires_at"] == "2030-01-01T00:00:00Z" and data["created_at"].endswith("Z") and data["id"]
    assert made.headers["Location"].endswith(f"/api/v2/organization/api-keys/{data['id']}")
    users = client.get("/api/v2/organization/users", headers=headers).json["data"]
    assert set(users[0]) == {"id", "email", "full_name", "role", "status", "last_login_at", "created_at"}


def test_login_refresh_and_oauth_authorize(client, owner):
    login = client.post("/api/v2/auth/login", json={"email": owner.user.email, "password": "correct-horse-battery"})
    assert login.status_code == 200, login.json
    tokens = login.json
    assert tokens["token_type"] == "Bearer" and tokens["expires_in"] == 3600
    assert tokens["user"]["organization_id"] == str(owner.organization_id) and tokens["user"]["role"] == "owner"
    listed = client.get("/api/v2/contacts", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert listed.status_code == 200
    refreshed = client.post("/api/v2/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert refreshed.status_code == 200 and refreshed.json["access_token"] != tokens["access_token"]
    query = "client_id=abc&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&response_type=code&state=xyz"
    authorize = client.get(f"/api/v2/oauth/authorize?{query}")
    assert authorize.status_code == 302 and authorize.headers["Location"] == f"/oauth/authorize?{query}"


def test_every_v1_route_answers_at_v2_and_the_openapi_document_is_valid(app, client):
    document = client.get("/api/v2/openapi.json").json
    validate(document)
    assert document["info"]["version"] == "2.0.0"
    assert yaml.safe_load(client.get("/api/v2/openapi.yaml").data) == document
    documented = {(path, method) for path, item in document["paths"].items() for method in item}
    served = {(rule.rule, method) for rule in app.url_map.iter_rules() for method in rule.methods - {"HEAD", "OPTIONS"}}
    v1 = {(rule, method) for rule, method in served if rule.startswith("/api/v1")}
    for rule, method in v1:
        path = re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule).replace("/api/v1", "/api/v2", 1)
        assert (documented_path(path, "/api/v2"), method.lower()) in documented, f"{method} {path} is missing from v2"
        assert (rule.replace("/api/v1", "/api/v2", 1), method) in served, f"{method} {path} is not served at v2"
    error = document["paths"]["/api/v2/contacts"]["get"]["responses"]["401"]
    assert error["content"]["application/json"]["schema"]["$ref"].endswith("V2Error")
    assert "total" in document["components"]["schemas"]["ContactsListDocument"]["properties"]["meta"]["properties"]


def test_another_organization_sees_nothing(client, owner, headers, other_owner):
    mine = client.post("/api/v2/contacts", headers=headers, json={"email": "jane@example.com"}).json["data"]["id"]
    theirs = key_headers(make_key(other_owner))
    assert client.get(f"/api/v2/contacts/{mine}", headers=theirs).status_code == 404
    listed = client.get("/api/v2/contacts", headers=theirs).json
    assert listed["data"] == [] and listed["meta"]["total"] == 0


def test_the_reference_page_shows_either_version(client):
    v1 = client.get("/api/docs").get_data(as_text=True)
    assert 'data-spec-url="/api/v1/openapi.json"' in v1 and 'href="/api/docs?version=2"' in v1
    v2 = client.get("/api/docs?version=2").get_data(as_text=True)
    assert 'data-spec-url="/api/v2/openapi.json"' in v2 and 'href="/api/v2/openapi.yaml"' in v2


def test_a_resource_with_no_v2_code_answers_in_seed_001_s_dialect(client, owner, headers, review_link):
    made = client.post("/api/v2/review_requests", headers=headers, json={"email": "jane@example.com"})
    assert made.status_code == 201 and made.json["status"] == "scheduled"  # seed 000's flat answer, as in v1
    listed = client.get("/api/v2/review_requests", headers=headers).json
    assert listed["meta"] == {"total": 1, "page_size": 25, "has_more": False}
    one = client.get(f"/api/v2/review_requests/{made.json['id']}", headers=headers).json["data"]
    assert one["type"] == "review_requests" and one["meta"]["created_at"] == one["attributes"]["created_at"]
    assert one["relationships"]["contact"]["links"]["related"].endswith(f"/api/v2/contacts/{made.json['contact_id']}")
    assert one["links"]["self"].endswith(f"/api/v2/review_requests/{made.json['id']}")
    cancelled = client.post(f"/api/v2/review_requests/{made.json['id']}/cancel", headers=headers)
    again = client.post(f"/api/v2/review_requests/{made.json['id']}/cancel", headers=headers)
    assert cancelled.status_code == 200 and again.status_code == 409
    assert again.json["error"]["code"] == "ERR_INVALID_STATE" and again.json["error"]["details"] == []
    assert again.json["error"]["type"] == "conflict_error"  # seed 001: "409 Conflict: Resource conflict"


def _total(client, headers, query=""):
    """meta.total of /api/v2/contacts (a cursor page)."""
    return client.get(f"/api/v2/contacts?page[size]=2{query}", headers=headers).json["meta"]["total"]


def test_meta_total_follows_every_write_at_once_and_stays_in_its_organization(
        client, owner, headers, other_owner, owner_client):
    """meta.total is kept between requests under the organization's contacts version: each write through
    the API, the pages or an unsubscribe link shows at once; another organization's total stays its own."""
    from nudgeweb.delivery import queue_message
    from nudgeweb.delivery.tracking import unsubscribe_url
    from nudgeweb.models import Organization, db
    from nudgeweb.unit_of_work import unit_of_work
    from tests.delivery_support import email_template

    theirs = key_headers(make_key(other_owner))
    for n in range(3):
        ContactFactory(organization=other_owner.organization, email=f"t{n}@example.com")
    ada = ContactFactory(organization=owner.organization, email="ada@example.com")
    subscribed = "&filter[status]=subscribed"
    assert (_total(client, headers), _total(client, headers, subscribed), _total(client, theirs)) == (1, 1, 3)
    their_version = db.session.get(Organization, other_owner.organization_id).contacts_version

    made = client.post("/api/v2/contacts", headers=headers, json={"email": "jane@example.com"}).json["data"]
    assert (_total(client, headers), _total(client, headers, subscribed)) == (2, 2)
    numbered = client.get("/api/v2/contacts?page[number]=1", headers=headers).json["meta"]["total"]
    assert numbered == client.get("/api/v1/contacts?page[number]=1", headers=headers).json["meta"]["page"][
        "total_records"] == 2
    assert owner_client.post("/contacts/new", data={"email": "grace@example.com"}).status_code == 303
    assert _total(client, headers) == 3
    client.post(f"/api/v2/contacts/{made['id']}/unsubscribe", headers=headers, json={"reason": "asked"})
    assert (_total(client, headers), _total(client, headers, subscribed)) == (3, 2)
    with unit_of_work(owner.organization_id):
        message = queue_message(ada, "email", email_template(owner.organization), purpose="campaign")
    assert client.post(unsubscribe_url(message.id).removeprefix("http://localhost"),
                       data={"List-Unsubscribe": "One-Click"}).status_code == 200
    assert (_total(client, headers), _total(client, headers, subscribed)) == (3, 1)
    assert client.delete(f"/api/v2/contacts/{made['id']}", headers=headers).status_code == 204
    assert (_total(client, headers), _total(client, headers, "&filter[status]=unsubscribed")) == (2, 1)

    db.session.expire_all()
    assert db.session.get(Organization, other_owner.organization_id).contacts_version == their_version
    assert _total(client, theirs) == 3 and _total(client, theirs, subscribed) == 3
