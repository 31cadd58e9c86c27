"""The organization API (seed 001): the profile and its settings, the team with the Team page's rules,
API keys at the hyphenated path, and another organization seeing none of it."""
import pytest
from sqlalchemy import func, select

from nudgeweb.extensions import db
from nudgeweb.models import Invitation, Membership, Message
from tests.api_helpers import key_headers, make_key
from tests.factories import ContactFactory, MembershipFactory


@pytest.fixture
def headers(owner):
    return key_headers(make_key(owner))


def test_get_organization_shows_profile_settings_and_stats(client, owner, headers):
    ContactFactory(organization=owner.organization)
    response = client.get("/api/v1/organization", headers=headers)
    assert response.status_code == 200
    data = response.json["data"]
    assert data["id"] == str(owner.organization_id) and data["type"] == "organizations"
    attributes = data["attributes"]
    assert attributes["name"] == "Acme Plumbing" and attributes["timezone"] == "America/New_York"
    assert attributes["settings"] == {"default_from_name": "Acme Plumbing", "default_from_email": None,
                                      "footer_address": None, "branding": {"logo_url": None,
                                                                           "primary_color": "#4f46e5",
                                                                           "font_family": None}}
    assert attributes["stats"] == {"total_contacts": 1, "total_campaigns": 0, "total_emails_sent": 0}
    assert attributes["created_at"].endswith("Z")


def test_put_organization_changes_what_is_given(client, owner, headers):
    body = {"name": "Acme Corporation", "slug": "acme-corp", "domain": "acme.com", "timezone": "Europe/London",
            "settings": {"default_from_name": "Acme Team", "default_from_email": "hello@acme.com",
                         "footer_address": "123 Main St, New York, NY 10001",
                         "branding": {"logo_url": "https://acme.example/logo.png", "primary_color": "#22C55E",
                                      "font_family": "Inter"}}}
    response = client.put("/api/v1/organization", json=body, headers=headers)
    assert response.status_code == 200, response.json
    attributes = response.json["data"]["attributes"]
    assert {k: attributes[k] for k in ("name", "slug", "domain", "timezone")} == {
        "name": "Acme Corporation", "slug": "acme-corp", "domain": "acme.com", "timezone": "Europe/London"}
    assert attributes["settings"] == body["settings"]
    again = client.put("/api/v1/organization", json={"settings": {"default_from_name": "New Team Name"}},
                       headers=headers).json["data"]["attributes"]
    assert again["settings"]["default_from_name"] == "New Team Name" and again["slug"] == "acme-corp"
    assert again["settings"]["branding"]["font_family"] == "Inter"


def test_every_bad_field_of_the_profile_is_named(client, headers):
    response = client.put("/api/v1/organization", headers=headers, json={
        "name": "", "slug": "Not A Slug", "domain": "nope", "timezone": "Mars/Base",
        "settings": {"default_from_email": "x", "branding": {"logo_url": "http://x", "primary_color": "green",
                                                             "font_family": "Inter; color: red"}}})
    assert response.status_code == 422
    pointers = {e["source"]["pointer"] for e in response.json["errors"]}
    assert pointers == {f"/data/attributes/{p}" for p in (
        "name", "slug", "domain", "timezone", "settings/default_from_email", "settings/branding/logo_url",
        "settings/branding/primary_color", "settings/branding/font_family")}


def test_a_slug_of_another_business_is_a_conflict(client, headers, other_owner):
    other_owner.organization.slug = "globex"
    db.session.commit()
    response = client.put("/api/v1/organization", json={"slug": "globex"}, headers=headers)
    assert response.status_code == 409 and response.json["errors"][0]["code"] == "ERR_DUPLICATE_RESOURCE"


def test_only_admins_change_the_organization(client, owner):
    editor = MembershipFactory(role="editor", organization=owner.organization)
    headers = key_headers(make_key(editor))
    assert client.get("/api/v1/organization", headers=headers).status_code == 200
    assert client.put("/api/v1/organization", json={"name": "Mine"}, headers=headers).status_code == 403


def test_users_list_invite_change_role_and_remove(client, owner, headers):
    editor = MembershipFactory(role="editor", organization=owner.organization, user__name="Eddie Editor")
    listed = client.get("/api/v1/organization/users", headers=headers).json["data"]
    assert [u["id"] for u in listed] == [str(owner.user_id), str(editor.user_id)]
    assert listed[1]["attributes"] | {"created_at": None} == {
        "email": editor.user.email, "full_name": "Eddie Editor", "role": "editor", "status": "active",
        "last_login_at": None, "created_at": None}

    invited = client.post("/api/v1/organization/users/invite", headers=headers,
                          json={"email": "newuser@acme.com", "role": "editor", "send_invitation_email": True})
    assert invited.status_code == 201, invited.json
    assert invited.json["data"]["attributes"]["status"] == "pending"
    assert db.session.scalar(select(func.count()).select_from(Message).where(
        Message.organization_id == owner.organization_id, Message.to == "newuser@acme.com")) == 1
    quiet = client.post("/api/v1/organization/users/invite", headers=headers,
                        json={"email": "quiet@acme.com", "role": "viewer", "send_invitation_email": False})
    assert quiet.status_code == 201 and quiet.json["data"]["attributes"]["email_sent"] is False
    assert db.session.scalar(select(func.count()).select_from(Message).where(
        Message.organization_id == owner.organization_id, Message.to == "quiet@acme.com")) == 0
    assert db.session.scalar(select(func.count()).select_from(Invitation).where(
        Invitation.organization_id == owner.organization_id)) == 2

    changed = client.put(f"/api/v1/organization/users/{editor.user_id}", json={"role": "admin"}, headers=headers)
    assert changed.status_code == 200 and changed.json["data"]["attributes"]["role"] == "admin"
    assert client.delete(f"/api/v1/organization/users/{editor.user_id}", headers=headers).status_code == 204
    assert db.session.scalar(select(func.count()).select_from(Membership).where(Membership.id == editor.id)) == 0


def test_the_team_pages_rules_hold(client, owner):
    admin = MembershipFactory(role="admin", organization=owner.organization)
    headers = key_headers(make_key(admin))
    last_owner = client.put(f"/api/v1/organization/users/{owner.user_id}", json={"role": "viewer"}, headers=headers)
    assert last_owner.status_code == 422 and last_owner.json["errors"][0]["source"]["pointer"] == "/data/attributes/role"
    assert client.delete(f"/api/v1/organization/users/{owner.user_id}", headers=headers).status_code == 422
    owner_invite = client.post("/api/v1/organization/users/invite", json={"email": "boss@acme.com", "role": "owner"},
                               headers=headers)
    assert owner_invite.status_code == 422
    bad = client.post("/api/v1/organization/users/invite", json={"email": "x", "role": "boss"}, headers=headers)
    assert bad.status_code == 422
    viewer = key_headers(make_key(MembershipFactory(role="viewer", organization=owner.organization)))
    assert client.post("/api/v1/organization/users/invite", json={"email": "v@acme.com"}, headers=viewer).status_code \
        == 403


def test_api_keys_answer_at_the_hyphenated_path_and_the_old_one(client, headers):
    made = client.post("/api/v1/organization/api-keys", headers=headers, json={
        "name": "Production API Key", "scopes": ["contacts:read"], "expires_at": "2030-01-01T00:00:00Z"})
    assert made.status_code == 201 and made.json["data"]["attributes"]["key"].startswith("sk_live_")
    assert made.headers["Location"].endswith(f"/api/v1/organization/api-keys/{made.json['data']['id']}")
    assert len(client.get("/api/v1/organization/api-keys", headers=headers).json["data"]) == 2
    assert len(client.get("/api/v1/organization/api_keys", headers=headers).json["data"]) == 2
    key_id = made.json["data"]["id"]
    assert client.delete(f"/api/v1/organization/api-keys/{key_id}", headers=headers).status_code == 204


def test_another_organization_sees_none_of_it(client, owner, headers, other_owner):
    theirs = key_headers(make_key(other_owner))
    assert client.get("/api/v1/organization", headers=theirs).json["data"]["id"] == str(other_owner.organization_id)
    assert [u["id"] for u in client.get("/api/v1/organization/users", headers=theirs).json["data"]] == \
        [str(other_owner.user_id)]
    assert client.put(f"/api/v1/organization/users/{owner.user_id}", json={"role": "viewer"},
                      headers=theirs).status_code == 404
    assert client.delete(f"/api/v1/organization/users/{owner.user_id}", headers=theirs).status_code == 404
    assert client.delete("/api/v1/organization/users/not-a-uuid", headers=theirs).status_code == 404


def test_a_get_writes_no_slug_and_sign_up_gives_one(client, owner, headers, app_ctx):
    """Issue 23: the organization's slug is given at sign-up; a business made before that is shown the slug its
    name would get, and a GET writes nothing."""
    from nudgeweb.auth.operations import sign_up
    from nudgeweb.models import Organization
    from nudgeweb.unit_of_work import unit_of_work

    assert owner.organization.slug is None
    assert client.get("/api/v1/organization", headers=headers).json["data"]["attributes"]["slug"] == "acme-plumbing"
    db.session.expire_all()
    assert db.session.get(Organization, owner.organization_id).slug is None
    with unit_of_work():
        membership = sign_up("Acme Plumbing", "Ann", "ann@example.com", "correct-horse-battery")
    db.session.expire_all()
    assert db.session.get(Organization, membership.organization_id).slug == "acme-plumbing"


def test_the_profile_page_says_what_short_name_and_domain_are_for_and_they_are(owner_client, client, owner, headers):
    page = owner_client.get("/settings/").get_data(as_text=True)
    assert 'id="slug-help">Names your business to your own systems through Nudge&#39;s API' in page
    assert 'id="domain-help">Your web domain, as Nudge&#39;s API gives it to your own systems' in page
    owner.organization.website, owner.organization.domain = "https://www.acme-plumbing.example/", None
    db.session.commit()
    attributes = client.get("/api/v1/organization", headers=headers).json["data"]["attributes"]
    assert attributes["domain"] == "acme-plumbing.example"  # left empty: the website's, as the help says
    assert attributes["slug"] == "acme-plumbing"
