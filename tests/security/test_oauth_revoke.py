"""An OAuth token revokes only its own app's tokens; RFC 7009 revocation needs the client's own credentials."""
import base64

import pytest

from tests.oauth_flow import OAuthDance, register_client


@pytest.fixture
def two_apps(app, owner):
    """Two apps connected by the same owner: a narrow one (contacts:read) and the one that matters."""
    narrow = OAuthDance(app, *register_client(owner, scope="contacts:read"))
    trusted = OAuthDance(app, *register_client(owner))
    return narrow, trusted


def alive(client, access_token):
    return client.get("/api/v1/me", headers={"Authorization": f"Bearer {access_token}"}).status_code == 200


def test_a_narrow_token_revoking_everything_revokes_only_its_own_apps_tokens(app, owner, two_apps):
    narrow, trusted = two_apps
    mine, mine_too = narrow.tokens_for(owner.user.email), narrow.tokens_for(owner.user.email)
    theirs = trusted.tokens_for(owner.user.email)
    answer = narrow.api.post("/oauth/revoke", headers={"Authorization": f"Bearer {mine['access_token']}"})
    assert answer.get_json() == {"success": True, "message": "Tokens revoked successfully", "revoked_count": 2}
    assert not alive(narrow.api, mine["access_token"]) and not alive(narrow.api, mine_too["access_token"])
    assert alive(trusted.api, theirs["access_token"])
    assert trusted.refresh(theirs["refresh_token"]).status_code == 200


def test_a_token_cannot_name_another_apps_token_in_the_seed_000_form(app, owner, two_apps):
    narrow, trusted = two_apps
    mine, theirs = narrow.tokens_for(owner.user.email), trusted.tokens_for(owner.user.email)
    for named in (theirs["access_token"], theirs["refresh_token"]):
        answer = narrow.api.post("/oauth/revoke", headers={"Authorization": f"Bearer {mine['access_token']}"},
                                 json={"token": named})
        assert answer.status_code == 200 and answer.get_json()["revoked_count"] == 0
    assert alive(trusted.api, theirs["access_token"])


def test_rfc_7009_revocation_needs_the_clients_own_credentials(app, owner, two_apps):
    """(This held before issue 16: a guard that it keeps holding.)"""
    narrow, trusted = two_apps
    theirs = trusted.tokens_for(owner.user.email)
    basic = base64.b64encode(f"{narrow.client_id}:{narrow.client_secret}".encode()).decode()
    other_app = narrow.api.post("/oauth/revoke", headers={"Authorization": f"Basic {basic}"},
                                data={"token": theirs["access_token"]})
    assert other_app.status_code == 400 and other_app.get_json()["error"] == "invalid_grant"
    id_only = narrow.api.post("/oauth/revoke", data={"token": theirs["access_token"], "client_id": trusted.client_id})
    assert id_only.status_code == 401 and id_only.get_json()["error"] == "invalid_client"
    wrong_secret = narrow.api.post("/oauth/revoke", data={"token": theirs["access_token"],
                                                          "client_id": trusted.client_id, "client_secret": "guess"})
    assert wrong_secret.status_code == 401
    assert alive(trusted.api, theirs["access_token"])
    own = trusted.api.post("/oauth/revoke", data={"token": theirs["refresh_token"], "client_id": trusted.client_id,
                                                  "client_secret": trusted.client_secret})
    assert own.status_code == 200 and not alive(trusted.api, theirs["access_token"])
