"""The OAuth 2.0 dance as an integration runs it: authorize, code + PKCE, token, use, refresh, revoke."""
import base64
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select, update

from nudgeweb.extensions import db
from nudgeweb.models import utcnow
from nudgeweb.models.oauth import OAuthToken
from nudgeweb.oauth.tokens import authenticate_bearer
from nudgeweb.unit_of_work import unit_of_work
from tests.conftest import AuthActions
from tests.oauth_flow import REDIRECT_URI, OAuthDance, pkce_pair, register_client


def logged_in(app, email):
    browser = app.test_client()
    AuthActions(browser).login(email)
    return browser


@pytest.fixture
def dance(app, owner):
    client_id, secret = register_client(owner)
    return OAuthDance(app, client_id, secret)


def test_full_dance_with_pkce_refresh_and_revoke(app, owner, dance):
    browser = logged_in(app, owner.user.email)
    verifier, challenge = pkce_pair()
    query = dance.approve(browser, challenge)
    assert query["state"] == "xyz"

    response = dance.exchange(query["code"], verifier)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    tokens = response.get_json()
    assert tokens["token_type"] == "Bearer" and tokens["expires_in"] == 3600 and tokens["scope"] == "read write"

    bearer = {"Authorization": f"Bearer {tokens['access_token']}"}
    me = dance.api.get("/api/v1/me", headers=bearer)
    assert me.status_code == 200
    assert me.get_json() == {"id": str(owner.user_id), "email": owner.user.email, "business_name": "Acme Plumbing"}
    connection = dance.api.get("/api/v1/connection", headers=bearer).get_json()
    assert connection["active"] is True and connection["auth_type"] == "oauth"
    assert connection["scopes"] == ["read", "write"] and connection["user_id"] == str(owner.user_id)
    assert connection["expires_at"].endswith("Z") and connection["last_used_at"]

    credential = authenticate_bearer(tokens["access_token"])
    assert credential.organization.name == "Acme Plumbing" and credential.user.email == owner.user.email
    assert credential.scopes == ["read", "write"] and credential.auth_type == "oauth"
    assert credential.membership.role == "owner"
    assert credential.created_at <= credential.last_used_at <= utcnow() < credential.expires_at
    # nothing secret is stored in the clear
    row = db.session.scalar(select(OAuthToken))
    assert tokens["access_token"] not in (row.access_token_hash, row.refresh_token_hash)

    refreshed = dance.refresh(tokens["refresh_token"])
    assert refreshed.status_code == 200
    new = refreshed.get_json()
    assert new["refresh_token"] != tokens["refresh_token"] and new["scope"] == "read write"
    assert authenticate_bearer(new["access_token"]) is not None
    assert authenticate_bearer(tokens["access_token"]) is None  # the old pair is revoked
    assert dance.api.get("/api/v1/me", headers=bearer).status_code == 401
    assert dance.api.get("/api/v1/me", headers={"Authorization": f"Bearer {new['access_token']}"}).status_code == 200

    revoked = dance.api.post("/oauth/revoke", headers={"Authorization": f"Bearer {new['access_token']}"})
    assert revoked.status_code == 200
    assert revoked.get_json() == {"success": True, "message": "Tokens revoked successfully", "revoked_count": 1}
    assert authenticate_bearer(new["access_token"]) is None
    assert dance.api.get("/api/v1/me", headers={"Authorization": f"Bearer {new['access_token']}"}).status_code == 401
    for refresh_token in (tokens["refresh_token"], new["refresh_token"]):  # rotated, then revoked
        again = dance.refresh(refresh_token)
        assert again.status_code == 400 and again.get_json()["error"] == "invalid_grant"


def test_client_secret_basic_and_a_narrower_scope(app, owner, dance):
    browser = logged_in(app, owner.user.email)
    verifier, challenge = pkce_pair()
    query = dance.approve(browser, challenge, scope="read")
    basic = base64.b64encode(f"{dance.client_id}:{dance.client_secret}".encode()).decode()
    response = dance.api.post("/oauth/token", headers={"Authorization": f"Basic {basic}"}, data={
        "grant_type": "authorization_code", "code": query["code"], "redirect_uri": REDIRECT_URI,
        "code_verifier": verifier,
    })
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["scope"] == "read"
    assert authenticate_bearer(response.get_json()["access_token"]).scopes == ["read"]


def test_a_confidential_client_may_skip_pkce(app, owner, dance):
    query = dance.approve(logged_in(app, owner.user.email))
    assert dance.exchange(query["code"]).status_code == 200


@pytest.mark.parametrize("mistake, error", [
    ({"code_verifier": "x" * 50}, "invalid_grant"),           # wrong verifier
    ({"code_verifier": None}, "invalid_request"),              # verifier missing
    ({"redirect_uri": "https://app.example/other"}, "invalid_grant"),
    ({"code": "not-a-code"}, "invalid_grant"),
    ({"client_secret": "wrong"}, "invalid_client"),
    ({"grant_type": "password"}, "unsupported_grant_type"),
    ({"grant_type": None}, "invalid_request"),
    ({"code": None}, "invalid_request"),
])
def test_token_request_mistakes_are_refused_as_rfc_6749_says(app, owner, dance, mistake, error):
    verifier, challenge = pkce_pair()
    query = dance.approve(logged_in(app, owner.user.email), challenge)
    form = {"grant_type": "authorization_code", "code": query["code"], "redirect_uri": REDIRECT_URI,
            "code_verifier": verifier, "client_id": dance.client_id, "client_secret": dance.client_secret}
    form.update(mistake)
    response = dance.api.post("/oauth/token", data={k: v for k, v in form.items() if v is not None})
    assert response.status_code in (400, 401)
    assert response.get_json()["error"] == error
    assert db.session.scalar(select(OAuthToken)) is None


def test_a_code_works_once_and_its_reuse_revokes_what_it_gave(app, owner, dance):
    verifier, challenge = pkce_pair()
    query = dance.approve(logged_in(app, owner.user.email), challenge)
    first = dance.exchange(query["code"], verifier)
    assert first.status_code == 200
    second = dance.exchange(query["code"], verifier)
    assert second.status_code == 400 and second.get_json()["error"] == "invalid_grant"
    assert authenticate_bearer(first.get_json()["access_token"]) is None


def test_expired_codes_and_tokens_are_refused(app, owner, dance):
    tokens = dance.tokens_for(owner.user.email)
    db.session.execute(update(OAuthToken).values(expires_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    assert authenticate_bearer(tokens["access_token"]) is None
    assert dance.refresh(tokens["refresh_token"]).status_code == 200  # the refresh token still works

    verifier, challenge = pkce_pair()
    query = dance.approve(logged_in(app, owner.user.email), challenge)
    from nudgeweb.models.oauth import OAuthAuthorizationCode
    db.session.execute(update(OAuthAuthorizationCode).values(expires_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    assert dance.exchange(query["code"], verifier).get_json()["error"] == "invalid_grant"


def test_a_public_client_must_use_pkce(app, owner):
    client_id, secret = register_client(owner, public=True)
    assert secret is None
    dance = OAuthDance(app, client_id)
    browser = logged_in(app, owner.user.email)
    # no code_challenge: refused at the authorization endpoint, sent back to the app
    response = browser.get("/oauth/authorize", query_string=dance.authorize_params())
    assert response.status_code == 302
    query = parse_qs(urlsplit(response.headers["Location"]).query)
    assert query["error"] == ["invalid_request"] and query["state"] == ["xyz"]
    # with PKCE it works, without a secret
    verifier, challenge = pkce_pair()
    code = dance.approve(browser, challenge)["code"]
    assert dance.exchange(code).get_json()["error"] == "invalid_request"  # verifier missing
    code = dance.approve(browser, challenge)["code"]
    tokens = dance.exchange(code, verifier).get_json()
    assert authenticate_bearer(tokens["access_token"]).user_id == owner.user_id
    assert dance.refresh(tokens["refresh_token"]).status_code == 200


def test_plain_pkce_is_refused(app, owner, dance):
    params = dance.authorize_params(challenge="a" * 43) | {"code_challenge_method": "plain"}
    response = logged_in(app, owner.user.email).get("/oauth/authorize", query_string=params)
    assert response.status_code == 302 and "error=invalid_request" in response.headers["Location"]


def test_deny_sends_access_denied_back(app, owner, dance):
    query = dance.approve(logged_in(app, owner.user.email), decision="deny")
    assert query["error"] == "access_denied" and query["state"] == "xyz" and "code" not in query


def test_bad_authorization_requests_never_redirect_to_an_unregistered_address(app, owner, dance):
    browser = logged_in(app, owner.user.email)
    for change in ({"redirect_uri": "https://evil.example/cb"}, {"client_id": "nope"}, {"client_id": None},
                   {"redirect_uri": 'https://x.example/"\\é'}):
        params = {k: v for k, v in (dance.authorize_params() | change).items() if v is not None}
        response = browser.get("/oauth/authorize", query_string=params)
        assert response.status_code == 400, change
        assert b"This app can't be connected" in response.data


def test_a_client_that_asks_for_json_hears_an_error_it_cannot_be_sent_as_json(app, owner, dance):
    """Issue 23: seed 000's authorize error is JSON; RFC 6749 4.1.2.1 still sends what can be sent to the
    registered redirect URI there, and a browser still gets the page."""
    as_json = {"Accept": "application/json"}
    for browser in (app.test_client(), logged_in(app, owner.user.email)):
        for change in ({"client_id": "nope"}, {"redirect_uri": "https://evil.example/cb"}):
            response = browser.get("/oauth/authorize", query_string=dance.authorize_params() | change, headers=as_json)
            assert response.status_code == 400 and response.mimetype == "application/json", change
            assert set(response.get_json()) == {"error", "error_description"} and response.get_json()["error_description"]
        sent_back = browser.get("/oauth/authorize", query_string=dance.authorize_params(scope="teleport"), headers=as_json)
        assert sent_back.status_code == 302 and "error=invalid_scope" in sent_back.headers["Location"]
    page = app.test_client().get("/oauth/authorize", query_string=dance.authorize_params() | {"client_id": "nope"})
    assert page.status_code == 400 and b"This app can't be connected" in page.data


def test_unknown_or_unallowed_scope_is_sent_back_as_invalid_scope(app, owner):
    client_id, secret = register_client(owner, scope="contacts:read")
    dance = OAuthDance(app, client_id, secret)
    browser = logged_in(app, owner.user.email)
    for scope in ("write", "teleport"):
        response = browser.get("/oauth/authorize", query_string=dance.authorize_params(scope=scope))
        assert response.status_code == 302 and "error=invalid_scope" in response.headers["Location"]


def test_login_first_then_back_to_the_consent_page(app, owner, dance):
    browser = app.test_client()
    params = dance.authorize_params()
    response = browser.get("/oauth/authorize", query_string=params)
    assert response.status_code == 302 and response.headers["Location"].startswith("/login?next=")
    back = browser.post(response.headers["Location"], data={"email": owner.user.email, "password": "correct-horse-battery"})
    assert back.status_code == 302 and back.headers["Location"].startswith("/oauth/authorize?")
    page = browser.get(back.headers["Location"])
    assert page.status_code == 200 and b"Connect Zapier to Acme Plumbing?" in page.data


def test_consent_form_needs_its_csrf_token(app, owner, dance):
    browser = logged_in(app, owner.user.email)
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        params = dance.authorize_params()
        response = browser.post("/oauth/authorize", query_string=params, data={"decision": "allow"})
        assert response.status_code == 400
        page = browser.get("/oauth/authorize", query_string=params).get_data(as_text=True)
        token = page.split('name="csrf_token" value="')[1].split('"')[0]
        response = browser.post("/oauth/authorize", query_string=params, data={"decision": "allow", "csrf_token": token})
        assert response.status_code == 302 and "code=" in response.headers["Location"]
        # the token endpoint is for machines: no CSRF token
        code = parse_qs(urlsplit(response.headers["Location"]).query)["code"][0]
        assert dance.exchange(code).status_code == 200
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_revoke_one_named_token_or_all_of_the_users(app, owner, dance):
    first, second, third = (dance.tokens_for(owner.user.email) for _ in range(3))
    bearer = {"Authorization": f"Bearer {first['access_token']}"}
    one = dance.api.post("/oauth/revoke", headers=bearer, json={"token": second["refresh_token"]})
    assert one.get_json() == {"success": True, "message": "Tokens revoked successfully", "revoked_count": 1}
    assert authenticate_bearer(second["access_token"]) is None and authenticate_bearer(third["access_token"])
    unknown = dance.api.post("/oauth/revoke", headers=bearer, json={"token": "not-a-token"})
    assert unknown.get_json()["revoked_count"] == 0
    everything = dance.api.post("/oauth/revoke", headers=bearer, json={})
    assert everything.get_json()["revoked_count"] == 2
    assert authenticate_bearer(first["access_token"]) is None and authenticate_bearer(third["access_token"]) is None
    after = dance.api.post("/oauth/revoke", headers=bearer)
    assert after.status_code == 401 and after.get_json()["error"] == "invalid_token"
    bad = dance.api.post("/oauth/revoke", headers={"Authorization": f"Bearer {third['access_token']}"}, json={"token": 5})
    assert bad.status_code == 401  # third is revoked too


def test_revoke_rfc_7009_with_client_credentials(app, owner, dance):
    tokens = dance.tokens_for(owner.user.email)
    basic = base64.b64encode(f"{dance.client_id}:{dance.client_secret}".encode()).decode()
    response = dance.api.post("/oauth/revoke", headers={"Authorization": f"Basic {basic}"},
                              data={"token": tokens["refresh_token"], "token_type_hint": "refresh_token"})
    assert response.status_code == 200
    assert authenticate_bearer(tokens["access_token"]) is None
    # unknown tokens are not an error (RFC 7009 section 2.2); missing token, bad client are
    assert dance.api.post("/oauth/revoke", data={"token": "nope", "client_id": dance.client_id,
                                                 "client_secret": dance.client_secret}).status_code == 200
    missing = dance.api.post("/oauth/revoke", data={"client_id": dance.client_id, "client_secret": dance.client_secret})
    assert missing.status_code == 400 and missing.get_json()["error"] == "invalid_request"
    nobody = dance.api.post("/oauth/revoke", data={"token": "x"})
    assert nobody.status_code == 401 and nobody.get_json()["error"] == "invalid_client"


def test_another_organizations_app_cannot_revoke_your_tokens(app, owner, other_owner, dance):
    tokens = dance.tokens_for(owner.user.email)
    other_id, other_secret = register_client(other_owner)
    response = dance.api.post("/oauth/revoke", data={"token": tokens["access_token"], "client_id": other_id,
                                                     "client_secret": other_secret})
    assert response.status_code == 400
    assert authenticate_bearer(tokens["access_token"]) is not None
    # nor can another user's bearer token name it
    theirs = OAuthDance(app, other_id, other_secret).tokens_for(other_owner.user.email)
    response = dance.api.post("/oauth/revoke", headers={"Authorization": f"Bearer {theirs['access_token']}"},
                              json={"token": tokens["access_token"]})
    assert response.get_json()["revoked_count"] == 0
    assert authenticate_bearer(tokens["access_token"]) is not None


def test_any_user_may_connect_an_app_to_their_own_business(app, owner, other_owner, dance):
    """An app registered by Acme (say, the Zapier integration) connects Globex's data for Globex's user."""
    tokens = dance.tokens_for(other_owner.user.email)
    credential = authenticate_bearer(tokens["access_token"])
    assert credential.organization_id == other_owner.organization_id and credential.user_id == other_owner.user_id


def test_a_removed_team_member_s_tokens_stop_working(app, owner, dance):
    from tests.factories import MembershipFactory

    member = MembershipFactory(role="editor", organization=owner.organization)
    tokens = dance.tokens_for(member.user.email)
    assert authenticate_bearer(tokens["access_token"]).membership.role == "editor"
    db.session.delete(db.session.merge(member))
    db.session.commit()
    assert authenticate_bearer(tokens["access_token"]) is None


def test_last_used_is_written_at_most_once_a_minute(app, owner, dance):
    tokens = dance.tokens_for(owner.user.email)
    first = authenticate_bearer(tokens["access_token"]).last_used_at
    assert authenticate_bearer(tokens["access_token"]).last_used_at == first
    db.session.execute(update(OAuthToken).values(last_used_at=utcnow() - timedelta(minutes=2)))
    db.session.commit()
    assert authenticate_bearer(tokens["access_token"]).last_used_at > first


@pytest.mark.parametrize("junk", ["", "x", "nudge_at_" + "a" * 500, "Bearer", "é" * 10])
def test_authenticate_bearer_refuses_junk(app_ctx, junk):
    assert authenticate_bearer(junk) is None


@pytest.mark.parametrize("form", [
    {}, {"grant_type": "authorization_code"}, {"grant_type": "refresh_token", "client_id": "x"},
    {"grant_type": "authorization_code", "client_id": "é\"\\", "client_secret": "é"},
    {"grant_type": "refresh_token", "refresh_token": "é" * 300, "client_id": "x", "client_secret": "y"},
])
def test_token_endpoint_junk_is_an_oauth_error_never_a_500(client, app_ctx, form):
    response = client.post("/oauth/token", data=form)
    assert response.status_code in (400, 401) and "error" in response.get_json()


def test_a_rotated_refresh_token_used_again_revokes_its_whole_family(app, owner, dance):
    """Someone replaying an old refresh token (a thief, or the app) ends the connection it came from."""
    first = dance.tokens_for(owner.user.email)
    unrelated = dance.tokens_for(owner.user.email)
    second = dance.refresh(first["refresh_token"]).get_json()
    assert dance.refresh(first["refresh_token"]).get_json()["error"] == "invalid_grant"
    assert authenticate_bearer(second["access_token"]) is None
    assert dance.refresh(second["refresh_token"]).get_json()["error"] == "invalid_grant"
    assert authenticate_bearer(unrelated["access_token"]) is not None


def test_server_metadata_describes_the_endpoints(client):
    metadata = client.get("/.well-known/oauth-authorization-server").get_json()
    assert metadata["authorization_endpoint"] == "http://localhost/oauth/authorize"
    assert metadata["token_endpoint"] == "http://localhost/oauth/token"
    assert metadata["code_challenge_methods_supported"] == ["S256"]
    assert "contacts:write" in metadata["scopes_supported"]


def test_nightly_purge_keeps_live_tokens_and_drops_dead_ones(app, owner, dance):
    from nudgeweb.models.oauth import OAuthAuthorizationCode
    from nudgeweb.oauth.tasks import purge_stale_oauth_rows

    live, dead = dance.tokens_for(owner.user.email), dance.tokens_for(owner.user.email)
    long_ago = utcnow() - timedelta(days=31)
    db.session.execute(update(OAuthToken).where(OAuthToken.id == authenticate_bearer(dead["access_token"]).id)
                       .values(revoked_at=long_ago))
    db.session.execute(update(OAuthAuthorizationCode).values(created_at=long_ago))
    db.session.commit()
    assert purge_stale_oauth_rows.call_local() == (2, 1)
    assert authenticate_bearer(live["access_token"]) is not None
    assert dance.refresh(live["refresh_token"]).status_code == 200


def test_the_api_honours_the_scopes_and_the_role_behind_an_oauth_token(app, owner, organization):
    from tests.factories import MembershipFactory

    client_id, secret = register_client(owner, scope="read write contacts:read")
    dance = OAuthDance(app, client_id, secret)
    reader = dance.tokens_for(owner.user.email, scope="contacts:read")
    headers = {"Authorization": f"Bearer {reader['access_token']}"}
    assert dance.api.get("/api/v1/contacts", headers=headers).status_code == 200
    refused = dance.api.post("/api/v1/contacts", headers=headers, json={"email": "ann@example.com"})
    assert refused.status_code == 403 and refused.get_json()["errors"][0]["code"] == "ERR_PERMISSION_DENIED"
    viewer = MembershipFactory(role="viewer", organization=organization)
    writer = dance.tokens_for(viewer.user.email, scope="write")
    response = dance.api.post("/api/v1/contacts", headers={"Authorization": f"Bearer {writer['access_token']}"},
                              json={"email": "ann@example.com"})
    assert response.status_code == 403


@pytest.mark.parametrize("body", [
    {"data": "{bad json", "content_type": "application/json"},
    {"json": ["x"]},
    {"data": "null", "content_type": "application/json"},
    {"json": "x"},
    {"json": {"tokens": "x"}},
    {"json": {"token": ""}},
    {"data": "hello", "content_type": "text/plain"},
    {"data": '{"token": "x"}', "content_type": "application/x-www-form-urlencoded"},  # curl -d, no -H
    {"data": "[" * 5000 + "]" * 5000, "content_type": "application/json"},
    {"data": '{"a":' * 3000 + "1" + "}" * 3000, "content_type": "application/json"},
])
def test_a_malformed_revoke_body_is_refused_and_revokes_nothing(app, owner, dance, body):
    """Read as 'no token named', a body the server cannot read would revoke every token."""
    first, second = dance.tokens_for(owner.user.email), dance.tokens_for(owner.user.email)
    response = dance.api.post("/oauth/revoke", headers={"Authorization": f"Bearer {first['access_token']}"}, **body)
    assert response.status_code == 400, response.get_data(as_text=True)[:200]
    error = response.get_json()
    assert error["error"] == "invalid_request" and error["error_description"]
    assert authenticate_bearer(first["access_token"]) and authenticate_bearer(second["access_token"])


@pytest.mark.parametrize("body", [{}, {"data": b""}, {"data": b"", "content_type": "application/json"},
                                  {"json": {}}, {"json": {"token_type_hint": "access_token"}}])
def test_an_empty_revoke_body_revokes_all_of_the_users_tokens(app, owner, dance, body):
    first, second = dance.tokens_for(owner.user.email), dance.tokens_for(owner.user.email)
    response = dance.api.post("/oauth/revoke", headers={"Authorization": f"Bearer {first['access_token']}"}, **body)
    assert response.get_json() == {"success": True, "message": "Tokens revoked successfully", "revoked_count": 2}
    assert authenticate_bearer(second["access_token"]) is None


def test_revoke_names_a_token_in_a_form_too(app, owner, dance):
    first, second = dance.tokens_for(owner.user.email), dance.tokens_for(owner.user.email)
    response = dance.api.post("/oauth/revoke", headers={"Authorization": f"Bearer {first['access_token']}"},
                              data={"token": second["access_token"]})
    assert response.get_json()["revoked_count"] == 1
    assert authenticate_bearer(first["access_token"]) and authenticate_bearer(second["access_token"]) is None


def test_every_oauth_response_carries_a_request_id(app, owner, dance):
    tokens = dance.tokens_for(owner.user.email)
    browser = logged_in(app, owner.user.email)
    responses = [
        dance.api.post("/oauth/token", data={"grant_type": "password"}),
        dance.refresh(tokens["refresh_token"]),
        dance.api.post("/oauth/revoke", data={"token": "x"}),
        dance.api.post("/oauth/revoke", headers={"Authorization": "Bearer nope"}),
        browser.get("/oauth/authorize", query_string=dance.authorize_params()),
        browser.get("/oauth/authorize", query_string=dance.authorize_params() | {"client_id": "nope"}),
        dance.api.get("/.well-known/oauth-authorization-server"),
    ]
    for response in responses:
        assert response.headers["X-Request-Id"].startswith("req_"), response.request.path
    given = dance.api.post("/oauth/token", data={}, headers={"X-Request-Id": "abc-123"})
    assert given.headers["X-Request-Id"] == "abc-123"
    junk = dance.api.post("/oauth/token", data={}, headers={"X-Request-Id": "<script>"})
    assert junk.headers["X-Request-Id"].startswith("req_")


def test_a_wrong_method_or_path_under_oauth_answers_oauth_json(app, dance):
    for response, status in ((dance.api.get("/oauth/token"), 405), (dance.api.get("/oauth/revoke"), 405),
                             (dance.api.post("/oauth/nothing"), 404),
                             (dance.api.post("/oauth/token", data={"grant_type": "refresh_token",
                                                                   "refresh_token": "\x00"}), 400)):
        assert response.status_code == status, response.request.path
        assert response.get_json()["error"] == "invalid_request" and response.get_json()["error_description"]
        assert response.headers["X-Request-Id"].startswith("req_")
    wrong_method = dance.api.get("/oauth/token")
    assert "POST" in wrong_method.headers["Allow"] and wrong_method.get_json()["error_description"].endswith("use POST.")
    page = app.test_client().get("/login")
    assert page.headers["X-Request-Id"].startswith("req_")  # pages carry one too


def test_a_broad_registered_scope_covers_a_per_resource_one(app, owner, dance):
    browser = logged_in(app, owner.user.email)
    page = browser.get("/oauth/authorize", query_string=dance.authorize_params(scope="contacts:read"))
    assert page.status_code == 200 and b"See your contacts" in page.data
    assert b"See everything in your business" not in page.data
    tokens = dance.tokens_for(owner.user.email, scope="contacts:read templates:write")
    assert tokens["scope"] == "contacts:read templates:write"
    assert authenticate_bearer(tokens["access_token"]).scopes == ["contacts:read", "templates:write"]
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    assert dance.api.get("/api/v1/contacts", headers=headers).status_code == 200
    refused = dance.api.post("/api/v1/contacts", headers=headers, json={"email": "ann@example.com"})
    assert refused.status_code == 403 and refused.get_json()["errors"][0]["code"] == "ERR_PERMISSION_DENIED"
    refreshed = dance.refresh(tokens["refresh_token"]).get_json()
    assert refreshed["scope"] == "contacts:read templates:write"


def test_refresh_may_narrow_to_a_covered_scope_but_never_widen(app, owner, dance):
    tokens = dance.tokens_for(owner.user.email, scope="read")
    narrowed = dance.token_request(grant_type="refresh_token", refresh_token=tokens["refresh_token"],
                                   scope="contacts:read")
    assert narrowed.status_code == 200 and narrowed.get_json()["scope"] == "contacts:read"
    widened = dance.token_request(grant_type="refresh_token", refresh_token=narrowed.get_json()["refresh_token"],
                                  scope="contacts:read contacts:write read")
    assert widened.status_code == 400 and widened.get_json()["error"] == "invalid_scope"
    assert "contacts:write read" in widened.get_json()["error_description"]


@pytest.mark.parametrize("registered, asked, named", [
    ("read write", "admin", "admin"),
    ("read write", "contacts:read teleport beam", "teleport beam"),
    ("contacts:read", "write", "write"),
    ("contacts:read", "read contacts:read contacts:write", "read contacts:write"),
    ("read", "contacts:write", "contacts:write"),
])
def test_an_invalid_scope_error_names_the_offending_scopes(app, owner, registered, asked, named):
    client_id, secret = register_client(owner, scope=registered)
    dance = OAuthDance(app, client_id, secret)
    response = logged_in(app, owner.user.email).get("/oauth/authorize", query_string=dance.authorize_params(scope=asked))
    assert response.status_code == 302
    query = parse_qs(urlsplit(response.headers["Location"]).query)
    assert query["error"] == ["invalid_scope"] and query["state"] == ["xyz"]
    assert f": {named}." in query["error_description"][0]


def test_a_wrong_code_verifier_uses_the_code_up(app, owner, dance):
    verifier, challenge = pkce_pair()
    query = dance.approve(logged_in(app, owner.user.email), challenge)
    wrong = dance.exchange(query["code"], "x" * 50)
    assert wrong.status_code == 400 and wrong.get_json()["error"] == "invalid_grant"
    right = dance.exchange(query["code"], verifier)
    assert right.status_code == 400 and right.get_json()["error"] == "invalid_grant"
    assert db.session.scalar(select(OAuthToken)) is None


def test_a_refreshed_token_or_a_new_login_keeps_counting_against_the_same_limit(app, owner, dance):
    from nudgeweb.api.ratelimit import set_rate_limit
    from tests.factories import DEFAULT_PASSWORD

    with unit_of_work(owner.organization_id):
        set_rate_limit(owner.organization, 2)
    tokens = dance.tokens_for(owner.user.email)
    me = lambda token: dance.api.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})  # noqa: E731
    assert [me(tokens["access_token"]).status_code for _ in range(2)] == [200, 200]
    refreshed = dance.refresh(tokens["refresh_token"]).get_json()
    assert me(refreshed["access_token"]).status_code == 429
    other_app = OAuthDance(app, *register_client(owner))  # another app of the same user has its own count
    assert me(other_app.tokens_for(owner.user.email)["access_token"]).status_code == 200
    logins = [dance.api.post("/api/v1/auth/login", json={"email": owner.user.email, "password": DEFAULT_PASSWORD})
              .get_json()["access_token"] for _ in range(2)]
    assert [me(token).status_code for token in (*logins, logins[0])] == [200, 200, 429]
