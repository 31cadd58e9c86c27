"""API scope escalation: a narrow credential, an OAuth app or a lesser member minting a broader API key."""
import logging
from datetime import timedelta

import pytest

from nudgeweb.models import utcnow
from tests.api_helpers import key_headers, make_key
from tests.factories import DEFAULT_PASSWORD, MembershipFactory
from tests.oauth_flow import OAuthDance, register_client

KEYS = "/api/v1/organization/api_keys"


def new_key(client, headers, scopes=("read", "write")):
    return client.post(KEYS, headers=headers, json={"name": "Mine now", "scopes": list(scopes)})


def key_names(client, owner):
    answer = client.get(KEYS, headers=key_headers(make_key(owner, name="Auditor")))
    return [key["attributes"]["name"] for key in answer.json["data"]]


def jwt_headers(client, membership):
    login = client.post("/api/v1/auth/login", json={"email": membership.user.email, "password": DEFAULT_PASSWORD})
    return {"Authorization": f"Bearer {login.json['access_token']}"}


def test_a_key_limited_to_organization_write_cannot_mint_a_read_write_key(client, owner):
    narrow = key_headers(make_key(owner, scopes=["organization:write"]))
    for scopes in (["read", "write"], ["contacts:read"], ["organization:write", "write"]):
        answer = new_key(client, narrow, scopes)
        assert answer.status_code == 403, answer.json
        [error] = answer.json["errors"]
        assert error["code"] == "ERR_PERMISSION_DENIED" and error["source"]["pointer"] == "/data/attributes/scopes"
        assert "at most the scopes" in error["detail"]
    assert "Mine now" not in key_names(client, owner)
    assert new_key(client, narrow, ["organization:write"]).status_code == 201  # as much as it has, no more


def test_a_resource_scope_is_within_read_and_write(client, owner):
    """(Narrowing was allowed before issue 16 and still is.)"""
    both = key_headers(make_key(owner, scopes=["read", "write"]))
    answer = new_key(client, both, ["contacts:read", "campaigns:write"])
    assert answer.status_code == 201 and answer.json["data"]["attributes"]["scopes"] == ["contacts:read",
                                                                                           "campaigns:write"]


def test_an_oauth_app_cannot_mint_keys_that_outlive_its_revocation(app, client, owner):
    dance = OAuthDance(app, *register_client(owner))
    tokens = dance.tokens_for(owner.user.email)
    bearer = {"Authorization": f"Bearer {tokens['access_token']}"}
    for scopes in (["read", "write"], ["contacts:read"]):
        answer = new_key(dance.api, bearer, scopes)
        assert answer.status_code == 403 and "OAuth app cannot create API keys" in answer.json["errors"][0]["detail"]
    assert "Mine now" not in key_names(client, owner)


@pytest.mark.parametrize("role", ["editor", "viewer"])
def test_a_lesser_members_login_token_cannot_mint_keys(client, organization, role):
    """(This held before issue 16: a guard that it keeps holding.)"""
    member = MembershipFactory(role=role, organization=organization)
    answer = new_key(client, jwt_headers(client, member))
    assert answer.status_code == 403 and answer.json["errors"][0]["code"] == "ERR_PERMISSION_DENIED"


def test_an_admin_mints_a_key_with_a_login_token_and_it_is_logged(client, organization, caplog):
    admin = MembershipFactory(role="admin", organization=organization)
    with caplog.at_level(logging.INFO, logger="nudgeweb.api.keys"):
        answer = new_key(client, jwt_headers(client, admin), ["contacts:read"])
    assert answer.status_code == 201
    prefix = answer.json["data"]["attributes"]["prefix"]
    [line] = [record.getMessage() for record in caplog.records if prefix in record.getMessage()]
    assert str(admin.user_id) in line and "jwt" in line and "contacts:read" in line


def test_a_key_that_expires_cannot_mint_one_that_outlives_it(client, owner):
    soon = utcnow() + timedelta(days=1)
    expiring = key_headers(make_key(owner, expires_at=soon))
    for expires_at in (None, (soon + timedelta(days=30)).isoformat()):
        answer = client.post(KEYS, headers=expiring, json={"name": "Forever", "scopes": ["read"],
                                                           "expires_at": expires_at})
        assert answer.status_code == 403 and answer.json["errors"][0]["source"]["pointer"] == "/data/attributes/expires_at"
    within = client.post(KEYS, headers=expiring, json={"name": "Shorter", "scopes": ["read"],
                                                       "expires_at": (soon - timedelta(hours=1)).isoformat()})
    assert within.status_code == 201
