"""The OAuth dance through the test client, for any test that needs a real OAuth token.

    client_id, secret = register_client(membership)             # an app of that organization
    tokens = OAuthDance(app, client_id, secret).tokens_for(membership.user.email)
    tokens["access_token"]  # then: Authorization: Bearer ...
"""
import base64
import hashlib
import secrets
from urllib.parse import parse_qs, urlsplit

from nudgeweb.oauth.clients import create_client
from nudgeweb.unit_of_work import unit_of_work
from tests.conftest import AuthActions

REDIRECT_URI = "https://app.example/callback"


def register_client(membership, scope="read write", public=False, redirect_uri=REDIRECT_URI):
    """(client_id, secret) of a new app registered by ``membership``'s organization (committed)."""
    with unit_of_work(membership.organization_id):
        client, secret = create_client(membership.organization, membership.user, "Zapier", [redirect_uri], scope,
                                       public)
    return client.client_id, secret


def pkce_pair():
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


class OAuthDance:
    def __init__(self, app, client_id, client_secret=None, redirect_uri=REDIRECT_URI):
        self.app, self.client_id, self.client_secret, self.redirect_uri = app, client_id, client_secret, redirect_uri
        self.api = app.test_client()  # the integration's side: no session cookie

    def authorize_params(self, challenge=None, scope=None, state="xyz"):
        params = {"response_type": "code", "client_id": self.client_id, "redirect_uri": self.redirect_uri, "state": state}
        if scope:
            params["scope"] = scope
        if challenge:
            params.update(code_challenge=challenge, code_challenge_method="S256")
        return params

    def approve(self, browser, challenge=None, scope=None, decision="allow"):
        """The user's browser (a logged-in test client) approves; returns the redirect's query."""
        params = self.authorize_params(challenge, scope)
        page = browser.get("/oauth/authorize", query_string=params)
        assert page.status_code == 200, page.get_data(as_text=True)
        response = browser.post("/oauth/authorize", query_string=params, data={"decision": decision})
        assert response.status_code == 302, response.get_data(as_text=True)
        location = response.headers["Location"]
        assert location.startswith(self.redirect_uri)
        return {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}

    def token_request(self, **form):
        if self.client_secret:
            form.setdefault("client_secret", self.client_secret)
        form.setdefault("client_id", self.client_id)
        return self.api.post("/oauth/token", data=form)

    def exchange(self, code, verifier=None, **extra):
        form = {"grant_type": "authorization_code", "code": code, "redirect_uri": self.redirect_uri, **extra}
        if verifier:
            form["code_verifier"] = verifier
        return self.token_request(**form)

    def refresh(self, refresh_token):
        return self.token_request(grant_type="refresh_token", refresh_token=refresh_token)

    def tokens_for(self, email, scope=None):
        """Log in as ``email`` in a fresh browser, approve, exchange the code with PKCE."""
        browser = self.app.test_client()
        AuthActions(browser).login(email)
        verifier, challenge = pkce_pair()
        query = self.approve(browser, challenge, scope)
        response = self.exchange(query["code"], verifier)
        assert response.status_code == 200, response.get_data(as_text=True)
        return response.get_json()
