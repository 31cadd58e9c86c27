"""Settings -> OAuth apps and Connected apps, the oauth-clients command, and who sees what."""
import json
import re

import pytest
from sqlalchemy import select

from nudgeweb.extensions import db
from nudgeweb.models.oauth import OAuthClient, OAuthToken
from nudgeweb.oauth.tokens import authenticate_bearer
from tests.conftest import member_client
from tests.oauth_flow import OAuthDance, register_client

HX = {"HX-Request": "true"}
NEW_APP = {"name": "Shop sync", "redirect_uris": "https://shop.example/cb\nhttp://localhost:8080/cb",
           "scopes": ["contacts:read", "contacts:write"]}


def secret_in(html):
    return re.search(r'<code id="new-client-secret">([^<]+)</code>', html).group(1)


def client_id_in(html):
    return re.search(r'<code id="new-client-id">([^<]+)</code>', html).group(1)


def test_register_an_app_see_its_secret_once_and_use_it(app, owner, owner_client):
    page = owner_client.get("/settings/oauth-apps")
    assert page.status_code == 200 and b"No apps yet" in page.data and b"Register an app" in page.data
    created = owner_client.post("/settings/oauth-apps", data=NEW_APP)
    assert created.status_code == 201
    html = created.get_data(as_text=True)
    client_id, secret = client_id_in(html), secret_in(html)
    assert "Copy the secret now" in html
    stored = db.session.scalar(select(OAuthClient))
    assert stored.name == "Shop sync" and stored.scopes == ["contacts:read", "contacts:write"]
    assert stored.redirect_uris == ["https://shop.example/cb", "http://localhost:8080/cb"]
    assert secret not in (stored.client_secret_hash or "") and stored.check_client_secret(secret)
    listing = owner_client.get("/settings/oauth-apps").get_data(as_text=True)
    assert client_id in listing and secret not in listing  # never shown again
    tokens = OAuthDance(app, client_id, secret, "https://shop.example/cb").tokens_for(owner.user.email)
    assert authenticate_bearer(tokens["access_token"]).scopes == ["contacts:read", "contacts:write"]


def test_htmx_register_answers_the_fragment_and_shows_errors_at_the_fields(owner_client, app_ctx):
    fragment = owner_client.post("/settings/oauth-apps", headers=HX, data={**NEW_APP, "public": "y"})
    html = fragment.get_data(as_text=True)
    assert fragment.status_code == 201 and html.startswith('<div id="oauth-apps">') and "<html" not in html
    assert "no secret and must use PKCE" in html and "new-client-secret" not in html
    bad = owner_client.post("/settings/oauth-apps", headers=HX, data={
        "name": "", "redirect_uris": "ftp://nope.example/cb", "scopes": []})
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422 and '<div id="oauth-apps">' in html  # htmx is told to swap 422
    assert 'id="name-error"' in html
    bad = owner_client.post("/settings/oauth-apps", data={"name": "X", "redirect_uris": "ftp://nope.example/cb"})
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422 and "must be a full address" in html and "Choose at least one scope" in html
    assert len(db.session.scalars(select(OAuthClient)).all()) == 1


def test_delete_an_app_ends_its_connections(app, owner, owner_client):
    client_id, secret = register_client(owner)
    tokens = OAuthDance(app, client_id, secret).tokens_for(owner.user.email)
    app_id = db.session.scalar(select(OAuthClient.id))
    response = owner_client.post(f"/settings/oauth-apps/{app_id}/delete", headers=HX)
    assert response.status_code == 200 and b"Zapier is deleted" in response.data
    assert db.session.scalar(select(OAuthToken)) is None
    assert authenticate_bearer(tokens["access_token"]) is None
    assert owner_client.post(f"/settings/oauth-apps/{app_id}/delete").status_code == 404


def test_connected_apps_lists_and_revokes(app, owner, owner_client):
    client_id, secret = register_client(owner)
    dance = OAuthDance(app, client_id, secret)
    first, second = dance.tokens_for(owner.user.email), dance.tokens_for(owner.user.email)
    assert authenticate_bearer(first["access_token"])
    page = owner_client.get("/settings/connected-apps").get_data(as_text=True)
    assert "Zapier" in page and owner.user.email in page and "Remove Zapier" in page
    client = db.session.scalar(select(OAuthClient))
    response = owner_client.post(f"/settings/connected-apps/{client.id}/{owner.user_id}/disconnect")
    assert response.status_code == 303
    assert authenticate_bearer(first["access_token"]) is None and authenticate_bearer(second["access_token"]) is None
    after = owner_client.get("/settings/connected-apps")
    assert b"The app is disconnected" in after.data and b"No apps are connected" in after.data


def test_a_viewer_sees_but_cannot_change_apps_nor_disconnect_others(app, owner, organization):
    client_id, secret = register_client(owner)
    OAuthDance(app, client_id, secret).tokens_for(owner.user.email)
    viewer = member_client(app, organization, "viewer")
    page = viewer.get("/settings/oauth-apps")
    assert page.status_code == 200 and b"Zapier" in page.data and b"Register an app" not in page.data
    assert viewer.post("/settings/oauth-apps", data=NEW_APP).status_code == 403
    client = db.session.scalar(select(OAuthClient))
    assert viewer.post(f"/settings/oauth-apps/{client.id}/delete").status_code == 403
    assert b"Remove Zapier" not in viewer.get("/settings/connected-apps").data
    response = viewer.post(f"/settings/connected-apps/{client.id}/{owner.user_id}/disconnect")
    assert response.status_code == 403


def test_another_business_sees_none_of_your_apps_or_connections(app, owner, owner_client, other_owner, other_client):
    client_id, secret = register_client(owner)
    tokens = OAuthDance(app, client_id, secret).tokens_for(owner.user.email)
    client = db.session.scalar(select(OAuthClient))
    apps_page = other_client.get("/settings/oauth-apps").get_data(as_text=True)
    assert client_id not in apps_page and "No apps yet" in apps_page
    assert b"No apps are connected" in other_client.get("/settings/connected-apps").data
    assert other_client.post(f"/settings/oauth-apps/{client.id}/delete").status_code == 404
    assert other_client.post(f"/settings/connected-apps/{client.id}/{owner.user_id}/disconnect").status_code == 404
    assert authenticate_bearer(tokens["access_token"]) is not None
    # Globex connects Acme's app for itself: each business sees its own connection only
    OAuthDance(app, client_id, secret).tokens_for(other_owner.user.email)
    ours = owner_client.get("/settings/connected-apps").get_data(as_text=True)
    theirs = other_client.get("/settings/connected-apps").get_data(as_text=True)
    assert owner.user.email in ours and other_owner.user.email not in ours
    assert other_owner.user.email in theirs and owner.user.email not in theirs
    assert other_client.post(f"/settings/connected-apps/{client.id}/{owner.user_id}/disconnect").status_code == 404
    assert authenticate_bearer(tokens["access_token"]) is not None


@pytest.mark.parametrize("path", ["/settings/oauth-apps", "/settings/connected-apps"])
def test_settings_pages_need_a_login(client, path):
    response = client.get(path)
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_cli_creates_a_confidential_and_a_public_client(app, runner, owner):
    result = runner.invoke(args=["oauth-clients", "create", "--email", owner.user.email, "--name", "Zapier",
                                 "--redirect-uri", "https://zapier.example/cb", "--scopes", "read write"])
    assert result.exit_code == 0, result.output
    made = json.loads(result.output.strip().splitlines()[-1])
    tokens = OAuthDance(app, made["client_id"], made["client_secret"], "https://zapier.example/cb").tokens_for(owner.user.email)
    assert tokens["scope"] == "read write"
    public = runner.invoke(args=["oauth-clients", "create", "--email", owner.user.email, "--name", "Phone app",
                                 "--redirect-uri", "http://127.0.0.1:9999/cb", "--public"])
    made = json.loads(public.output.strip().splitlines()[-1])
    assert made["client_secret"] is None
    assert OAuthDance(app, made["client_id"], None, "http://127.0.0.1:9999/cb").tokens_for(owner.user.email)


def test_cli_refuses_bad_input(runner, owner):
    nobody = runner.invoke(args=["oauth-clients", "create", "--email", "nobody@example.com", "--name", "X",
                                 "--redirect-uri", "https://x.example/cb"])
    assert nobody.exit_code != 0 and "No user" in nobody.output
    bad = runner.invoke(args=["oauth-clients", "create", "--email", owner.user.email, "--name", "X",
                              "--redirect-uri", "https://x.example/cb", "--scopes", "read fly"])
    assert bad.exit_code != 0 and "Unknown scope: fly" in bad.output


def test_the_demo_business_has_an_app_and_a_connection(app, runner, app_ctx):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    browser = app.test_client()
    browser.post("/login", data={"email": "owner@bluebird.example", "password": "bluebird-demo"})
    assert b"Bluebird website sync" in browser.get("/settings/oauth-apps").data
    connected = browser.get("/settings/connected-apps").get_data(as_text=True)
    assert "Bluebird website sync" in connected and "contacts:write" in connected
    assert runner.invoke(args=["seed-demo"]).exit_code == 0  # a reset leaves no orphans
    assert len(db.session.scalars(select(OAuthClient)).all()) == 1
