"""The API platform: credentials, scopes and roles, error documents, idempotency, rate limits."""
import json
import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from nudgeweb.api import tokens
from nudgeweb.api.credentials import forget_credentials
from nudgeweb.extensions import db
from nudgeweb.models import ApiKey, ApiSettings, Contact, IdempotencyRecord, utcnow
from tests.api_helpers import key_headers, make_key
from tests.conftest import REDIS_URL
from tests.factories import DEFAULT_PASSWORD, MembershipFactory


def test_missing_credentials_answer_a_json_api_error_document(client, app_ctx):
    response = client.get("/api/v1/me", headers={"X-Request-Id": "trace-me-1"})
    assert response.status_code == 401
    body = response.json
    assert set(body) == {"errors", "links", "meta"}  # JSON:API 1.1: no data beside errors
    assert body["links"]["self"] == "http://localhost/api/v1/me" and body["meta"]["request_id"] == "trace-me-1"
    [error] = body["errors"]
    assert error["status"] == "401" and error["title"] == "Unauthorized"
    assert error["detail"] == "X-API-Key header is required."
    assert error["code"] == "ERR_AUTH_MISSING_TOKEN"
    assert response.headers["X-Request-Id"] == "trace-me-1"
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="nudge"'  # (no error: none was sent, RFC 6750)
    empty = client.get("/api/v1/me", headers={"X-API-Key": " "})
    assert empty.json["errors"][0]["code"] == "ERR_AUTH_MISSING_TOKEN"


@pytest.mark.parametrize("headers, detail", [
    ({"X-API-Key": "sk_live_nonsense"}, "This API key is not valid."),
    ({"Authorization": "Bearer not-a-token"}, "This token is not valid or has expired."),
    ({"Authorization": "Basic dXNlcjpwYXNz"}, "Authorization header must be 'Bearer <token>'."),
])
def test_bad_credentials_are_refused(client, app_ctx, headers, detail):
    response = client.get("/api/v1/me", headers=headers)
    assert response.status_code == 401
    assert response.json["errors"][0]["detail"] == detail
    assert "data" not in response.json


def test_api_key_me_and_connection(client, owner):
    secret = make_key(owner)
    me = client.get("/api/v1/me", headers=key_headers(secret))
    assert me.status_code == 200
    assert me.json == {"id": str(owner.user_id), "email": owner.user.email, "business_name": "Acme Plumbing"}
    assert me.headers["X-Request-Id"]
    connection = client.get("/api/v1/connection", headers=key_headers(secret)).json
    assert set(connection) == {"active", "auth_type", "user_id", "scopes", "expires_at", "created_at", "last_used_at"}
    assert connection["active"] is True and connection["auth_type"] == "api_key"
    assert connection["scopes"] == ["read", "write"] and connection["last_used_at"].endswith("Z")


def test_last_used_at_is_written_at_most_once_a_minute(client, owner, app_ctx):
    secret = make_key(owner)
    client.get("/api/v1/me", headers=key_headers(secret))
    first = db.session.scalar(select(ApiKey.last_used_at))
    for _ in range(3):
        client.get("/api/v1/me", headers=key_headers(secret))
    db.session.expire_all()
    assert db.session.scalar(select(ApiKey.last_used_at)) == first
    key = db.session.scalar(select(ApiKey))
    key.last_used_at = utcnow() - timedelta(minutes=5)
    db.session.commit()
    forget_credentials()  # (the test changed the row behind the cache of verified keys)
    client.get("/api/v1/me", headers=key_headers(secret))
    db.session.expire_all()
    assert db.session.scalar(select(ApiKey.last_used_at)) > first


def test_revoked_and_expired_keys_are_refused(client, owner, app_ctx):
    revoked = make_key(owner, name="old")
    db.session.scalar(select(ApiKey).where(ApiKey.name == "old")).revoked_at = utcnow()
    expired = make_key(owner, name="expired", expires_at=utcnow() + timedelta(seconds=1))
    db.session.scalar(select(ApiKey).where(ApiKey.name == "expired")).expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert client.get("/api/v1/me", headers=key_headers(revoked)).json["errors"][0]["detail"] == "This API key has been revoked."
    assert client.get("/api/v1/me", headers=key_headers(expired)).json["errors"][0]["detail"] == "This API key has expired."


def test_jwt_login_refresh_and_use(client, owner):
    login = client.post("/api/v1/auth/login", json={"email": owner.user.email, "password": DEFAULT_PASSWORD})
    assert login.status_code == 200
    body = login.json
    assert body["token_type"] == "Bearer" and body["expires_in"] == 3600
    assert body["user"] == {"id": str(owner.user_id), "email": owner.user.email,
                            "organization_id": str(owner.organization_id), "role": "owner"}
    bearer = {"Authorization": f"Bearer {body['access_token']}"}
    connection = client.get("/api/v1/connection", headers=bearer).json
    assert connection["auth_type"] == "jwt" and connection["user_id"] == str(owner.user_id)
    # a refresh token is not an access token, and vice versa
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {body['refresh_token']}"}).status_code == 401
    assert client.post("/api/v1/auth/refresh", json={"refresh_token": body["access_token"]}).status_code == 401
    refreshed = client.post("/api/v1/auth/refresh", json={"refresh_token": body["refresh_token"]})
    assert refreshed.status_code == 200 and refreshed.json["access_token"] != body["access_token"]
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {refreshed.json['access_token']}"}).status_code == 200


def test_wrong_password_and_expired_jwt_are_refused(client, owner, app):
    wrong = client.post("/api/v1/auth/login", json={"email": owner.user.email, "password": "wrong-password"})
    assert wrong.status_code == 401 and wrong.json["errors"][0]["code"] == "ERR_AUTH_INVALID_CREDENTIALS"
    with app.test_request_context():
        issued = tokens.issue(owner)
    original = tokens.ACCESS_LIFETIME
    tokens.ACCESS_LIFETIME = timedelta(seconds=-1)
    try:
        with app.test_request_context():
            stale = tokens.issue(owner)["access_token"]
    finally:
        tokens.ACCESS_LIFETIME = original
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {stale}"}).status_code == 401
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {issued['access_token']}"}).status_code == 200


def test_too_few_scopes_is_permission_denied(client, owner):
    secret = make_key(owner, scopes=["contacts:read"])
    response = client.get("/api/v1/organization/api_keys", headers=key_headers(secret))
    assert response.status_code == 403
    [error] = response.json["errors"]
    assert error["code"] == "ERR_PERMISSION_DENIED" and "organization:read" in error["detail"]
    assert response.json["meta"]["request_id"] == response.headers["X-Request-Id"]
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="nudge", error="insufficient_scope", scope="organization:read"'


def test_roles_still_apply_to_keys(client, organization, app_ctx):
    viewer = MembershipFactory(role="viewer", organization=organization)
    secret = make_key(viewer, scopes=["read", "write"])
    response = client.post("/api/v1/organization/api_keys", json={"name": "sneaky"}, headers=key_headers(secret))
    assert response.status_code == 403 and response.json["errors"][0]["code"] == "ERR_PERMISSION_DENIED"
    assert "viewer" in response.json["errors"][0]["detail"]
    assert db.session.scalar(select(func.count()).select_from(ApiKey)) == 1


def test_every_invalid_attribute_is_reported_at_once(client, owner):
    response = client.post("/api/v1/organization/api_keys", headers=key_headers(make_key(owner)),
                           json={"name": "", "scopes": ["everything"], "expires_at": "soon"})
    assert response.status_code == 422
    pointers = {e["source"]["pointer"]: e for e in response.json["errors"]}
    assert set(pointers) == {"/data/attributes/name", "/data/attributes/scopes", "/data/attributes/expires_at"}
    assert all(e["code"] == "ERR_VALIDATION" and e["status"] == "422" for e in pointers.values())
    assert "everything" in pointers["/data/attributes/scopes"]["detail"]


def test_bodies_may_be_json_api_documents(client, owner):
    response = client.post("/api/v1/organization/api_keys", headers=key_headers(make_key(owner)),
                           json={"data": {"type": "api_keys", "attributes": {"name": "Zapier", "scopes": ["read"]}}})
    assert response.status_code == 201
    data = response.json["data"]
    assert data["type"] == "api_keys" and data["attributes"]["name"] == "Zapier"
    assert data["attributes"]["key"].startswith("sk_live_") and response.headers["Location"].endswith(data["id"])


@pytest.mark.parametrize("body, status, code", [
    (b"{not json", 400, "ERR_INVALID_JSON"),
    (b"[1, 2]", 400, "ERR_INVALID_JSON"),
    (b"[" * 5000 + b"]" * 5000, 400, "ERR_INVALID_JSON"),
    (b'{"a":' * 3000 + b"1" + b"}" * 3000, 400, "ERR_INVALID_JSON"),
    (b'{"data": [{"type": "api_keys", "attributes": {"name": "x"}}]}', 400, "ERR_INVALID_JSON"),
])
def test_malformed_bodies(client, owner, body, status, code):
    response = client.post("/api/v1/organization/api_keys", data=body, content_type="application/json",
                           headers=key_headers(make_key(owner)))
    assert response.status_code == status and response.json["errors"][0]["code"] == code


def test_a_form_sent_where_json_is_read_is_a_415_that_says_so(client, owner):
    """`curl -d '{...}'` without -H sends its JSON as a form: the answer says what to send."""
    headers = key_headers(make_key(owner))
    for content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        response = client.post("/api/v1/contacts", headers=headers, content_type=content_type,
                               data='{"email": "ann@example.com"}' if "urlencoded" in content_type else {"email": "x"})
        assert response.status_code == 415, content_type
        error = response.json["errors"][0]
        assert error["code"] == "ERR_UNSUPPORTED_MEDIA_TYPE" and "application/json" in error["detail"]
    assert client.get("/api/v1/contacts", headers=headers).json["data"] == []
    for content_type in ("text/plain", "application/xml", "application/vnd.api+json; charset=utf-8"):
        refused = client.post("/api/v1/contacts", headers=headers, data='{"email": "ann@example.com"}',
                              content_type=content_type)
        assert refused.status_code == 415 and content_type in refused.json["errors"][0]["detail"], content_type
    for content_type in ("application/json; charset=utf-8", "application/vnd.api+json", "application/merge-patch+json"):
        taken = client.post("/api/v1/contacts", headers=headers, data='{"email": "ann@example.com"}',
                            content_type=content_type)
        assert taken.status_code in (200, 201), content_type


def test_a_nul_character_anywhere_in_a_body_is_refused_at_its_field(client, owner):
    headers = key_headers(make_key(owner))
    contact = client.post("/api/v1/contacts", headers=headers, json={"email": "ann@example.com"}).json["data"]
    refused = client.post(f"/api/v1/contacts/{contact['id']}/unsubscribe", headers=headers,
                          json={"reason": "stop\u0000", "feedback": "ok"})
    assert refused.status_code == 422
    assert [e["source"]["pointer"] for e in refused.json["errors"]] == ["/data/attributes/reason"]
    nested = client.post("/api/v1/contacts", headers=headers, json={"data": {"type": "contacts", "attributes": {
        "email": "bo@example.com", "tags": ["ok", "b\u0000d"], "custom_fields": {"note": "\u0000"}}}})
    assert {e["source"]["pointer"] for e in nested.json["errors"]} == {"/data/attributes/tags/1",
                                                                       "/data/attributes/custom_fields/note"}
    assert client.get(f"/api/v1/contacts/{contact['id']}", headers=headers).json["data"]["attributes"]["status"] \
        == "subscribed"
    utf16 = client.post("/api/v1/contacts", headers=headers, content_type="application/json",
                        data=json.dumps({"email": "cy@example.com", "first_name": "C\u0000y"}, ensure_ascii=False)
                        .encode("utf-16"))  # (JSON in UTF-16 has NUL bytes of its own)
    assert [e["source"]["pointer"] for e in utf16.json["errors"]] == ["/data/attributes/first_name"]


def test_a_document_of_another_type_or_id_is_a_conflict(client, owner):
    headers = key_headers(make_key(owner))
    wrong_type = client.post("/api/v1/contacts", headers=headers,
                             json={"data": {"type": "templates", "attributes": {"email": "t@example.com"}}})
    assert wrong_type.status_code == 409 and wrong_type.json["errors"][0]["source"]["pointer"] == "/data/type"
    chosen_id = client.post("/api/v1/contacts", headers=headers, json={"data": {
        "type": "contacts", "id": "01a23837-5fde-7690-a9a1-bcfc35fbfb4f", "attributes": {"email": "t@example.com"}}})
    assert chosen_id.status_code == 403 and chosen_id.json["errors"][0]["source"]["pointer"] == "/data/id"
    assert client.get("/api/v1/contacts", headers=headers).json["data"] == []  # nothing was created
    jane, bob = (client.post("/api/v1/contacts", headers=headers, json={"email": e}).json["data"]["id"]
                 for e in ("jane@example.com", "bob@example.com"))
    other_id = client.patch(f"/api/v1/contacts/{bob}", headers=headers,
                            json={"data": {"type": "contacts", "id": jane, "attributes": {"first_name": "Robert"}}})
    assert other_id.status_code == 409 and other_id.json["errors"][0]["code"] == "ERR_CONFLICT"
    same_id = client.patch(f"/api/v1/contacts/{bob}", headers=headers,
                           json={"data": {"type": "contacts", "id": bob, "attributes": {"first_name": "Robert"}}})
    assert same_id.status_code == 200 and same_id.json["data"]["attributes"]["first_name"] == "Robert"
    assert client.get(f"/api/v1/contacts/{jane}", headers=headers).json["data"]["attributes"]["first_name"] != "Robert"


def test_a_field_of_several_accepted_shapes_is_reported_once_at_its_own_pointer(client, owner):
    headers = key_headers(make_key(owner))
    response = client.post("/api/v1/contacts", headers=headers, json={"email": "x@example.com", "tags": 5})
    assert response.status_code == 422
    [error] = response.json["errors"]
    assert error["source"]["pointer"] == "/data/attributes/tags" and error["detail"].startswith("tags: ")
    listed = client.post("/api/v1/contacts", headers=headers, json={"email": "x@example.com", "tags": [1, 2]})
    assert {e["source"]["pointer"] for e in listed.json["errors"]} == {"/data/attributes/tags/0",
                                                                       "/data/attributes/tags/1"}


def test_a_cursor_pages_only_through_the_sort_it_came_from(client, owner):
    headers = key_headers(make_key(owner))
    for email in ("ann@example.com", "bob@example.com", "cy@example.com"):
        client.post("/api/v1/contacts", headers=headers, json={"email": email})
    first = client.get("/api/v1/contacts?sort=email&page[size]=1&page[cursor]=", headers=headers).json
    cursor = first["meta"]["page"]["next_cursor"]
    following = client.get(f"/api/v1/contacts?sort=email&page[size]=1&page[cursor]={cursor}", headers=headers)
    assert [c["attributes"]["email"] for c in following.json["data"]] == ["bob@example.com"]
    resorted = client.get(f"/api/v1/contacts?sort=-last_name&page[size]=1&page[cursor]={cursor}", headers=headers)
    assert resorted.status_code == 400
    [error] = resorted.json["errors"]
    assert error["source"]["parameter"] == "page[cursor]" and "sort=email" in error["detail"]


def test_sparse_fieldsets_name_only_fields_the_type_has(client, owner):
    headers = key_headers(make_key(owner))
    contact = client.post("/api/v1/contacts", headers=headers, json={"email": "ann@example.com"}).json["data"]
    sparse = client.get("/api/v1/contacts?fields[contacts]=email,status", headers=headers).json["data"]
    assert [c["attributes"] for c in sparse] == [{"email": "ann@example.com", "status": "subscribed"}]
    unknown = client.get("/api/v1/contacts?fields[contacts]=email,nope", headers=headers)
    assert unknown.status_code == 400
    [error] = unknown.json["errors"]
    assert error["source"]["parameter"] == "fields[contacts]" and "'nope'" in error["detail"]
    deleted = client.delete(f"/api/v1/contacts/{contact['id']}", headers=headers)
    assert deleted.status_code == 204 and deleted.data == b"" and "Content-Type" not in deleted.headers


def test_not_found_method_not_allowed_and_server_errors_are_json_api(client, owner, app, monkeypatch):
    secret = make_key(owner)
    missing = client.get("/api/v1/no-such-thing", headers=key_headers(secret))
    assert missing.status_code == 404 and missing.json["errors"][0]["code"] == "ERR_RESOURCE_NOT_FOUND"
    assert missing.headers["X-Request-Id"] == missing.json["meta"]["request_id"]
    wrong_method = client.put("/api/v1/me", headers=key_headers(secret))
    assert wrong_method.status_code == 405 and "GET" in wrong_method.headers["Allow"]
    assert wrong_method.json["errors"][0]["code"] == "ERR_METHOD_NOT_ALLOWED"

    def explode():
        raise RuntimeError("boom")

    monkeypatch.setitem(app.view_functions, "api.me", explode)
    app.testing = False  # let the error handler answer, as in production
    try:
        broken = client.get("/api/v1/me", headers=key_headers(secret))
    finally:
        app.testing = True
    assert broken.status_code == 500 and broken.json["errors"][0]["code"] == "ERR_SERVER_ERROR"
    assert "boom" not in broken.get_data(as_text=True)


def test_another_organizations_key_id_is_not_found(client, owner, other_owner):
    make_key(other_owner, name="theirs")
    with client.application.app_context():
        theirs = db.session.scalar(select(ApiKey).where(ApiKey.name == "theirs"))
    secret = make_key(owner)
    response = client.delete(f"/api/v1/organization/api_keys/{theirs.id}", headers=key_headers(secret))
    assert response.status_code == 404 and response.json["errors"][0]["code"] == "ERR_RESOURCE_NOT_FOUND"
    listed = client.get("/api/v1/organization/api_keys", headers=key_headers(secret)).json["data"]
    assert [k["attributes"]["name"] for k in listed] == ["Test key"]
    assert client.delete("/api/v1/organization/api_keys/not-a-uuid", headers=key_headers(secret)).status_code == 404


def test_api_keys_are_created_listed_and_revoked_through_the_api(client, owner):
    admin = key_headers(make_key(owner))
    created = client.post("/api/v1/organization/api_keys", headers=admin,
                          json={"name": "Production", "scopes": ["contacts:read"], "expires_at": "2099-01-01T00:00:00Z"})
    assert created.status_code == 201
    new_key = created.json["data"]["attributes"]["key"]
    assert client.get("/api/v1/me", headers=key_headers(new_key)).status_code == 200
    listed = client.get("/api/v1/organization/api_keys", headers=admin).json["data"]
    assert all("key" not in item["attributes"] for item in listed)
    assert client.delete(f"/api/v1/organization/api_keys/{created.json['data']['id']}", headers=admin).status_code == 204
    assert client.get("/api/v1/me", headers=key_headers(new_key)).status_code == 401


def test_idempotent_replay_and_reuse_with_another_body(client, owner, app_ctx):
    headers = key_headers(make_key(owner), **{"Idempotency-Key": "create-zapier-key"})
    first = client.post("/api/v1/organization/api_keys", headers=headers, json={"name": "Zapier"})
    again = client.post("/api/v1/organization/api_keys", headers=headers, json={"name": "Zapier"})
    assert first.status_code == again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first.headers
    assert again.json["data"] == without_key(first.json["data"]) and again.headers["Location"] == first.headers["Location"]
    assert "key" in first.json["data"]["attributes"] and "never in a replay" in again.json["meta"]["key"]
    assert db.session.scalar(select(func.count()).select_from(ApiKey)) == 2  # the test's key and one more
    other = client.post("/api/v1/organization/api_keys", headers=headers, json={"name": "Something else"})
    assert other.status_code == 422 and other.json["errors"][0]["code"] == "ERR_IDEMPOTENCY_KEY_REUSED"
    # the key may also come in the body (seed 003)
    body_key = {"name": "Body key", "idempotency_key": "in-the-body"}
    a = client.post("/api/v1/organization/api_keys", headers=key_headers(headers["X-API-Key"]), json=body_key)
    b = client.post("/api/v1/organization/api_keys", headers=key_headers(headers["X-API-Key"]), json=body_key)
    assert b.headers["Idempotent-Replayed"] == "true" and b.json["data"] == without_key(a.json["data"])


def without_key(resource):
    """A new API key's resource as a replay answers it: the secret is shown once (issue 16)."""
    return {**resource, "attributes": {k: v for k, v in resource["attributes"].items() if k != "key"}}


def test_failed_requests_release_the_idempotency_key(client, owner, app_ctx):
    headers = key_headers(make_key(owner), **{"Idempotency-Key": "fix-and-retry"})
    assert client.post("/api/v1/organization/api_keys", headers=headers, json={"name": ""}).status_code == 422
    assert client.post("/api/v1/organization/api_keys", headers=headers, json={"name": "Fixed"}).status_code == 201


def test_an_idempotency_key_older_than_a_day_is_forgotten(client, owner, app_ctx):
    headers = key_headers(make_key(owner), **{"Idempotency-Key": "yesterday"})
    client.post("/api/v1/organization/api_keys", headers=headers, json={"name": "Old"})
    db.session.scalar(select(IdempotencyRecord)).created_at = utcnow() - timedelta(hours=25)
    db.session.commit()
    again = client.post("/api/v1/organization/api_keys", headers=headers, json={"name": "Old"})
    assert again.status_code == 201 and "Idempotent-Replayed" not in again.headers


def test_concurrent_duplicates_do_the_work_once(app, owner, app_ctx):
    secret = make_key(owner)
    headers = key_headers(secret, **{"Idempotency-Key": "race"})
    results, start = [], threading.Barrier(4)

    def post():
        client = app.test_client()
        start.wait()
        results.append(client.post("/api/v1/organization/api_keys", headers=headers, json={"name": "Racer"}))

    threads = [threading.Thread(target=post) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.status_code for r in results] == [201] * 4
    assert len({r.json["data"]["id"] for r in results}) == 1
    assert sum(r.headers.get("Idempotent-Replayed") == "true" for r in results) == 3
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(ApiKey).where(ApiKey.name == "Racer")) == 1


def test_the_1001st_request_in_a_minute_is_refused(client, owner, app):
    from nudgeweb.api import ratelimit
    from nudgeweb.api.credentials import Credential

    headers = key_headers(make_key(owner))
    for _ in range(3):
        assert client.get("/api/v1/me", headers=headers).status_code == 200
    first = client.get("/api/v1/me", headers=headers)
    assert first.headers["X-RateLimit-Limit"] == "1000" and first.headers["X-RateLimit-Remaining"] == "996"
    # requests 5 to 998 counted straight on the same counter, so the test takes no minute; the window
    # opened with the first request and lasts a minute, so no clock boundary can split these requests
    with app.app_context():
        key = db.session.scalar(select(ApiKey))
        counter_key = ratelimit.counter_key(Credential.of("api_key", str(key.id), owner, ()))
        for _ in range(994):
            ratelimit.counter().hit(counter_key)
    for number in (999, 1000):
        response = client.get("/api/v1/me", headers=headers)
        assert response.status_code == 200, number
    assert response.headers["X-RateLimit-Remaining"] == "0" and int(response.headers["X-RateLimit-Reset"]) > 0
    refused = client.get("/api/v1/me", headers=headers)
    assert refused.status_code == 429
    [error] = refused.json["errors"]
    assert error["code"] == "ERR_RATE_LIMIT" and error["status"] == "429"
    assert 0 < int(refused.headers["Retry-After"]) <= 60
    assert refused.headers["X-RateLimit-Remaining"] == "0" and refused.headers["X-RateLimit-Limit"] == "1000"
    # another credential has its own allowance
    assert client.get("/api/v1/me", headers=key_headers(make_key(owner, name="second"))).status_code == 200


def test_a_process_counter_opens_a_new_window_a_minute_after_the_first_request(monkeypatch):
    from nudgeweb.api import ratelimit

    counter, now = ratelimit.LocalCounter(), [1_000.0]
    monkeypatch.setattr(ratelimit.time, "time", lambda: now[0])
    assert [counter.hit("key")[0] for _ in range(3)] == [1, 2, 3] and counter.hit("other") == (1, 1_060.0)
    now[0] = 1_059.9
    assert counter.hit("key") == (4, 1_060.0)
    now[0] = 1_060.0
    assert counter.hit("key") == (1, 1_120.0)
    monkeypatch.setattr(ratelimit.LocalCounter, "MAX_KEYS", 2)  # full: the windows that ended are let go
    counter.hit("third")
    assert set(counter.windows) == {"key", "third"}


@pytest.mark.skipif(not REDIS_URL, reason="rate limits are on Redis only when the tests run with Redis")
def test_redis_counts_on_when_its_connection_drops_and_its_scripts_are_flushed(client, owner, app):
    from nudgeweb.api import ratelimit

    headers = key_headers(make_key(owner))
    assert client.get("/api/v1/me", headers=headers).headers["X-RateLimit-Remaining"] == "999"
    with app.app_context():
        counter = ratelimit.counter()
    connection = counter.local.connection
    connection.send_command("CLIENT", "ID")
    counter.client.client_kill_filter(_id=connection.read_response())
    counter.client.script_flush()
    assert client.get("/api/v1/me", headers=headers).headers["X-RateLimit-Remaining"] == "998"


def test_the_rate_limit_is_configurable_per_organization(client, owner, app_ctx):
    db.session.add(ApiSettings(organization_id=owner.organization_id, rate_limit_per_minute=3))
    db.session.commit()
    headers = key_headers(make_key(owner))
    assert [client.get("/api/v1/me", headers=headers).status_code for _ in range(4)] == [200, 200, 200, 429]


def test_operators_set_an_organizations_rate_limit_with_the_cli(runner, client, owner, other_owner, app_ctx):
    headers, others = key_headers(make_key(owner)), key_headers(make_key(other_owner))
    shown = runner.invoke(args=["api-rate-limit", "Acme Plumbing"])
    assert shown.exit_code == 0 and "Acme Plumbing: 1,000 API requests a minute" in shown.output
    changed = runner.invoke(args=["api-rate-limit", str(owner.organization_id), "2"])
    assert changed.exit_code == 0 and "Acme Plumbing: 2 API requests a minute" in changed.output
    assert [client.get("/api/v1/me", headers=headers).status_code for _ in range(3)] == [200, 200, 429]
    assert client.get("/api/v1/me", headers=others).headers["X-RateLimit-Limit"] == "1000"  # its own limit
    refused = runner.invoke(args=["api-rate-limit", "Acme Plumbing", "0"])
    assert refused.exit_code != 0 and "0 is not in the range" in refused.output
    unknown = runner.invoke(args=["api-rate-limit", "Initech"])
    assert unknown.exit_code != 0 and "No organization named" in unknown.output


def test_a_refused_write_changes_nothing_and_a_refused_read_shows_nothing(client, owner, app_ctx):
    from nudgeweb.models import Contact

    db.session.add(ApiSettings(organization_id=owner.organization_id, rate_limit_per_minute=2))
    db.session.commit()
    headers = key_headers(make_key(owner))
    assert client.post("/api/v1/contacts", headers=headers, json={"email": "one@example.com"}).status_code == 201
    assert client.get("/api/v1/contacts", headers=headers).status_code == 200
    refused = client.post("/api/v1/contacts", headers=headers, json={"email": "two@example.com"})
    assert refused.status_code == 429 and refused.json["errors"][0]["code"] == "ERR_RATE_LIMIT"
    assert db.session.scalars(select(Contact.email)).all() == ["one@example.com"]
    listed = client.get("/api/v1/contacts", headers=headers)
    assert listed.status_code == 429 and listed.json["errors"][0]["code"] == "ERR_RATE_LIMIT"
    assert "one@example.com" not in listed.text


def test_login_is_rate_limited_per_address(client, owner):
    import time

    started = time.monotonic()  # (many accounts: one account is held after 10 failures, tests/security)
    statuses = [client.post("/api/v1/auth/login", json={"email": f"nobody{number}@example.com", "password": "wrong"},
                            environ_base={"REMOTE_ADDR": "10.9.8.7"}).status_code
                for number in range(21)]
    if time.monotonic() - started < 55:  # (a machine so slow that a minute passed proves nothing)
        assert statuses[:20] == [401] * 20 and statuses[20] == 429


def test_expired_idempotency_records_are_deleted_by_the_periodic_task(client, owner, app_ctx):
    from nudgeweb.api.tasks import forget_expired_idempotency_keys

    headers = key_headers(make_key(owner))
    for key in ("old", "new"):
        client.post("/api/v1/organization/api_keys", headers={**headers, "Idempotency-Key": key}, json={"name": key})
    db.session.scalar(select(IdempotencyRecord).where(IdempotencyRecord.key == "old")).created_at = (
        utcnow() - timedelta(hours=25))
    db.session.commit()
    forget_expired_idempotency_keys.call_local()
    assert db.session.scalars(select(IdempotencyRecord.key)).all() == ["new"]


def test_a_key_revoked_by_another_process_is_refused_once_its_cache_time_is_over(client, owner, app):
    import time

    from sqlalchemy import update

    secret = make_key(owner)
    assert client.get("/api/v1/me", headers=key_headers(secret)).status_code == 200
    with app.app_context(), db.engine.begin() as connection:  # another web process: this one is not told
        connection.execute(update(ApiKey.__table__).values(revoked_at=utcnow()))
    time.sleep(app.config["API_CREDENTIAL_CACHE_SECONDS"])
    refused = client.get("/api/v1/me", headers=key_headers(secret))
    assert refused.status_code == 401 and refused.json["errors"][0]["detail"] == "This API key has been revoked."


def test_the_api_key_list_pages_sorts_and_names_unknown_parameters(client, owner):
    admin = key_headers(make_key(owner, name="Alpha"))
    for name in ("Charlie", "Bravo"):
        make_key(owner, name=name)
    page = client.get("/api/v1/organization/api_keys?sort=name&page[size]=2&page[number]=1", headers=admin).json
    assert [k["attributes"]["name"] for k in page["data"]] == ["Alpha", "Bravo"]
    assert page["meta"]["page"] == {"number": 1, "size": 2, "total_records": 3, "total_pages": 2}
    assert client.get(page["links"]["next"], headers=admin).json["data"][0]["attributes"]["name"] == "Charlie"
    refused = client.get("/api/v1/organization/api_keys?filter[bogus]=1&sort=-colour&include=user", headers=admin)
    assert refused.status_code == 400
    assert {e["source"]["parameter"] for e in refused.json["errors"]} == {"filter[bogus]", "sort", "include"}


def test_an_idempotency_key_given_twice_must_be_one_key(client, owner, app_ctx):
    headers = key_headers(make_key(owner), **{"Idempotency-Key": "one"})
    differ = client.post("/api/v1/contacts", headers=headers, json={"email": "a@example.com", "idempotency_key": "two"})
    assert differ.status_code == 400 and differ.json["errors"][0]["source"] == {"parameter": "Idempotency-Key"}
    for bad in ({"idempotency_key": ["x"]}, {"idempotency_key": "  "}):
        refused = client.post("/api/v1/contacts", headers=key_headers(make_key(owner)), json={"email": "b@example.com",
                                                                                              **bad})
        assert refused.status_code == 400 and refused.json["errors"][0]["code"] == "ERR_INVALID_PARAMETER"
    same = client.post("/api/v1/contacts", headers=headers, json={"email": "a@example.com", "idempotency_key": "one"})
    assert same.status_code == 201
    assert db.session.scalar(select(func.count()).select_from(Contact)) == 1
