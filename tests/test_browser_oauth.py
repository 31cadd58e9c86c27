"""An owner registers an app, connects it through the consent page and disconnects it, in Chromium."""
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import expect

from nudgeweb.oauth.tokens import authenticate_bearer
from tests.conftest import screenshot
from tests.factories import DEFAULT_PASSWORD
from tests.oauth_flow import OAuthDance, pkce_pair

pytestmark = pytest.mark.browser
CALLBACK = "https://shop.example/callback"


def test_register_consent_and_disconnect(page, live_server, app, owner):
    page.goto(f"{live_server}/oauth/authorize?client_id=unknown&response_type=code")  # said before any log-in
    expect(page.get_by_role("heading", name="This app can't be connected")).to_be_visible()
    page.goto(f"{live_server}/login")
    page.get_by_label("Email").fill(owner.user.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server}/")

    page.goto(f"{live_server}/settings/oauth-apps")
    page.get_by_label("App name").fill("Shop sync")
    page.get_by_label("Redirect URIs").fill(CALLBACK)
    page.get_by_role("button", name="Register app").click()
    secret = page.locator("#new-client-secret").inner_text()
    client_id = page.locator("#new-client-id").inner_text()
    expect(page.get_by_text("Copy the secret now")).to_be_visible()
    screenshot(page, "oauth-apps-registered")

    verifier, challenge = pkce_pair()
    query = {"response_type": "code", "client_id": client_id, "redirect_uri": CALLBACK, "state": "s1",
             "scope": "read", "code_challenge": challenge, "code_challenge_method": "S256"}
    page.goto(f"{live_server}/oauth/authorize?{urlencode(query)}")
    expect(page.get_by_role("heading", name="Connect Shop sync to Acme Plumbing?")).to_be_visible()
    expect(page.get_by_text("See everything in your business")).to_be_visible()
    screenshot(page, "oauth-consent")
    page.route(f"{CALLBACK}*", lambda route: route.fulfill(body="connected", content_type="text/plain"))
    page.get_by_role("button", name="Allow").click()
    page.wait_for_url(f"{CALLBACK}*")
    code = parse_qs(urlsplit(page.url).query)["code"][0]
    tokens = OAuthDance(app, client_id, secret, CALLBACK).exchange(code, verifier).get_json()
    assert authenticate_bearer(tokens["access_token"]).scopes == ["read"]

    page.goto(f"{live_server}/settings/connected-apps")
    expect(page.get_by_role("cell", name="Shop sync", exact=True)).to_be_visible()
    screenshot(page, "oauth-connected-apps")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Remove Shop sync").click()
    page.get_by_text("The app is disconnected").wait_for()
    assert authenticate_bearer(tokens["access_token"]) is None


def test_consent_page_on_a_phone(phone_page, live_server, app, owner):
    from tests.oauth_flow import register_client

    client_id, _secret = register_client(owner, scope="contacts:read review_requests:write")
    phone_page.goto(f"{live_server}/login")
    phone_page.get_by_label("Email").fill(owner.user.email)
    phone_page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    phone_page.get_by_role("button", name="Log in").click()
    phone_page.wait_for_url(f"{live_server}/")
    query = {"response_type": "code", "client_id": client_id, "redirect_uri": "https://app.example/callback"}
    phone_page.goto(f"{live_server}/oauth/authorize?{urlencode(query)}")
    expect(phone_page.get_by_text("Create, change and delete your review requests")).to_be_visible()
    phone_page.route("https://app.example/**", lambda route: route.fulfill(body="denied"))
    screenshot(phone_page, "oauth-consent-phone")
    phone_page.get_by_role("button", name="Deny").click()
    phone_page.wait_for_url("https://app.example/**")
    assert "error=access_denied" in phone_page.url
