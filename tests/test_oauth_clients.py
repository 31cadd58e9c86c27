"""The OAuth 2.0 server with the client libraries integrators use, unmodified, against a live server:
requests-oauthlib's OAuth2Session and Authlib's. Authorization code with PKCE, the API with the
token, a refresh (the old access token stops working), and revocation (RFC 7009 and seed 000's)."""
import re

import pytest
import requests
from authlib.integrations.requests_client import OAuth2Session as AuthlibSession
from oauthlib.oauth2 import InvalidGrantError
from requests_oauthlib import OAuth2Session

from tests.conftest import commit_test_work
from tests.factories import DEFAULT_PASSWORD
from tests.oauth_flow import REDIRECT_URI, register_client

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _plain_http_on_this_machine(monkeypatch):
    """The live server is http://127.0.0.1: both libraries refuse plain HTTP unless told it is local."""
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")
    monkeypatch.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")


@pytest.fixture
def server(live_server):
    """The addresses of the discovery document (RFC 8414), read as a client library would read them."""
    metadata = requests.get(f"{live_server}/.well-known/oauth-authorization-server").json()
    base = metadata["issuer"]
    return {name: live_server + metadata[name].removeprefix(base) for name in
            ("authorization_endpoint", "token_endpoint", "revocation_endpoint")} | {"metadata": metadata,
                                                                                   "root": live_server}


@pytest.fixture
def app_credentials(owner):
    client_id, secret = register_client(owner, scope="read write")
    commit_test_work()
    return client_id, secret


def form_token(page):
    """The CSRF token a browser would post back with the page's form."""
    return re.search(r'<input[^>]*name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def approve(server, owner, authorization_url):
    """The user logs in and allows the app; returns the redirect the app receives."""
    browser = requests.Session()
    login = browser.get(f"{server['root']}/login")
    browser.post(f"{server['root']}/login", data={"email": owner.user.email, "password": DEFAULT_PASSWORD,
                                                  "csrf_token": form_token(login.text)})
    consent = browser.get(authorization_url)
    assert consent.status_code == 200 and "decision" in consent.text  # the consent page
    allowed = browser.post(authorization_url, data={"decision": "allow", "csrf_token": form_token(consent.text)},
                           allow_redirects=False)
    assert allowed.status_code == 302, allowed.text
    return allowed.headers["Location"]


def me(server, access_token):
    return requests.get(f"{server['root']}/api/v1/me", headers={"Authorization": f"Bearer {access_token}"})


def test_the_discovery_document_says_what_is_supported(server):
    metadata = server["metadata"]
    assert metadata["response_modes_supported"] == ["query"]
    assert metadata["code_challenge_methods_supported"] == ["S256"]


def test_requests_oauthlib_code_flow_with_pkce_refresh_and_revocation(server, owner, app_credentials):
    client_id, secret = app_credentials
    session = OAuth2Session(client_id, redirect_uri=REDIRECT_URI, scope=["read", "write"], pkce="S256")
    authorization_url, state = session.authorization_url(server["authorization_endpoint"])
    assert "code_challenge=" in authorization_url
    redirect = approve(server, owner, authorization_url)
    token = session.fetch_token(server["token_endpoint"], authorization_response=redirect, client_secret=secret)
    assert token["token_type"] == "Bearer" and token["refresh_token"]
    assert session.get(f"{server['root']}/api/v1/me").json()["email"] == owner.user.email

    refreshed = session.refresh_token(server["token_endpoint"], client_id=client_id, client_secret=secret)
    assert refreshed["access_token"] != token["access_token"]
    assert me(server, token["access_token"]).status_code == 401  # a refresh retires the old access token
    assert session.get(f"{server['root']}/api/v1/contacts").status_code == 200

    # RFC 7009 through the session: it sends its Bearer token too, and the body is what counts
    revoked = session.post(server["revocation_endpoint"], data={
        "token": refreshed["refresh_token"], "token_type_hint": "refresh_token",
        "client_id": client_id, "client_secret": secret})
    assert revoked.status_code == 200, revoked.text
    with pytest.raises(InvalidGrantError):
        session.refresh_token(server["token_endpoint"], refresh_token=refreshed["refresh_token"],
                              client_id=client_id, client_secret=secret)

    assert me(server, refreshed["access_token"]).status_code == 401  # (the pair goes together)

    # seed 000's form: the access token as Bearer and an empty body revokes every token of the app
    session = OAuth2Session(client_id, redirect_uri=REDIRECT_URI, scope=["read"], pkce="S256")
    redirect = approve(server, owner, session.authorization_url(server["authorization_endpoint"])[0])
    token = session.fetch_token(server["token_endpoint"], authorization_response=redirect, client_secret=secret)
    everything = session.post(server["revocation_endpoint"])
    assert everything.json() == {"success": True, "message": "Tokens revoked successfully", "revoked_count": 1}
    assert me(server, token["access_token"]).status_code == 401


def test_authlib_code_flow_with_pkce_refresh_and_revocation(server, owner, app_credentials):
    client_id, secret = app_credentials
    client = AuthlibSession(client_id, secret, scope="read write", redirect_uri=REDIRECT_URI,
                            code_challenge_method="S256")
    verifier = "v" * 64
    authorization_url, _state = client.create_authorization_url(server["authorization_endpoint"],
                                                                code_verifier=verifier)
    redirect = approve(server, owner, authorization_url)
    token = client.fetch_token(server["token_endpoint"], authorization_response=redirect, code_verifier=verifier)
    assert client.get(f"{server['root']}/api/v1/me").json()["email"] == owner.user.email

    refreshed = client.refresh_token(server["token_endpoint"])
    assert refreshed["access_token"] != token["access_token"] and me(server, token["access_token"]).status_code == 401
    assert client.get(f"{server['root']}/api/v1/contacts").status_code == 200

    revoked = client.revoke_token(server["revocation_endpoint"], token=refreshed["access_token"],
                                  token_type_hint="access_token")
    assert revoked.status_code == 200, revoked.text
    assert me(server, refreshed["access_token"]).status_code == 401


def test_a_fragment_response_mode_is_refused_back_to_the_app(server, owner, app_credentials):
    client_id, _secret = app_credentials
    session = OAuth2Session(client_id, redirect_uri=REDIRECT_URI, scope=["read"], pkce="S256")
    authorization_url, state = session.authorization_url(server["authorization_endpoint"], response_mode="fragment")
    browser = requests.Session()
    browser.post(f"{server['root']}/login", data={"email": owner.user.email, "password": DEFAULT_PASSWORD})
    refused = browser.get(authorization_url, allow_redirects=False)
    assert refused.status_code == 302
    location = refused.headers["Location"]
    assert location.startswith(REDIRECT_URI + "?") and "error=invalid_request" in location and f"state={state}" in location
