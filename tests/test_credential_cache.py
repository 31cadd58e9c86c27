"""The cache of verified API credentials forgets them once a change that affects them commits
(the operation sends credentials_changed after the commit), and not for a change that rolls back."""
import pytest

from nudgeweb.api.credentials import CredentialCache
from nudgeweb.api.keys import revoke_api_key
from nudgeweb.models import ApiKey
from nudgeweb.unit_of_work import unit_of_work
from tests.api_helpers import key_headers, make_key
from tests.factories import MembershipFactory


@pytest.fixture
def long_cache(app):
    """A cache that keeps credentials a minute, so that only forgetting them can explain a refusal."""
    kept = app.extensions.get("api_credentials")
    app.extensions["api_credentials"] = CredentialCache(60)
    yield
    app.extensions["api_credentials"] = kept


def test_a_role_change_applies_to_the_members_keys_at_once(owner_client, client, organization, long_cache):
    admin = MembershipFactory(organization=organization, role="admin")
    headers = key_headers(make_key(admin))
    assert client.get("/api/v1/organization/api_keys", headers=headers).status_code == 200
    assert owner_client.post(f"/settings/team/{admin.id}", data={"role": "viewer"}).status_code == 302
    assert client.get("/api/v1/organization/api_keys", headers=headers).status_code == 403


def test_a_removed_members_keys_stop_working_at_once(owner_client, client, organization, long_cache):
    editor = MembershipFactory(organization=organization, role="editor")
    headers = key_headers(make_key(editor))
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    assert owner_client.post(f"/settings/team/{editor.id}/remove").status_code == 303
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_a_revocation_that_rolls_back_forgets_nothing(client, owner, app_ctx, long_cache):
    headers = key_headers(make_key(owner))
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    with pytest.raises(RuntimeError), unit_of_work(owner.organization_id):
        revoke_api_key(ApiKey.query.one())
        raise RuntimeError("the request failed after the revocation")
    assert ApiKey.query.one().revoked_at is None
    assert len(app_ctx.extensions["api_credentials"].entries) == 1  # still cached: nothing changed
    with unit_of_work(owner.organization_id):
        revoke_api_key(ApiKey.query.one())
    assert client.get("/api/v1/me", headers=headers).status_code == 401
