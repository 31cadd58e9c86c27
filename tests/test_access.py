"""Roles and the wall between organizations."""
import pytest
from sqlalchemy import select

from nudgeweb.extensions import db
from nudgeweb.models import Membership
from nudgeweb.navigation import AREAS
from tests.conftest import member_client
from tests.factories import MembershipFactory

AREA_PAGES = ["/", "/contacts", "/review-requests", "/campaigns", "/templates", "/automations",
              "/employees", "/analytics", "/settings/", "/settings/team"]


@pytest.mark.parametrize("path", AREA_PAGES)
def test_every_area_needs_login(client, path):
    response = client.get(path)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("path", AREA_PAGES)
def test_every_area_has_a_page(owner_client, path):
    response = owner_client.get(path)
    assert response.status_code == 200
    assert b'<nav class="nav"' in response.data


def test_every_area_is_built_none_says_coming_soon(owner_client):
    assert all(area.endpoint for area in AREAS)
    html = owner_client.get("/automations").get_data(as_text=True)
    assert "Coming soon" not in html and "<h1>Automations</h1>" in html


def test_dashboard_empty_state_tells_what_to_do_first(owner_client):
    html = owner_client.get("/").get_data(as_text=True)
    assert "ready for its first review" in html and "0 of 5 done" in html  # not even the profile, until it is saved
    assert 'href="/contacts"' in html and 'href="/settings/reviews"' in html and 'href="/settings/sending"' in html


def test_another_organizations_member_is_404(app, owner, other_owner, other_client):
    # other_client belongs to Globex; owner's membership is Acme's.
    foreign = owner.id
    assert other_client.get(f"/settings/team/{foreign}").status_code == 404
    assert other_client.post(f"/settings/team/{foreign}", data={"role": "viewer"}).status_code == 404
    assert other_client.post(f"/settings/team/{foreign}/remove").status_code == 404
    db.session.refresh(owner)
    assert owner.role == "owner"


def test_nonsense_ids_are_404(owner_client):
    assert owner_client.get("/settings/team/not-a-uuid").status_code == 404


def test_team_lists_only_this_organizations_members(owner_client, owner, other_owner):
    html = owner_client.get("/settings/team").get_data(as_text=True)
    assert owner.user.email in html and other_owner.user.email not in html


@pytest.mark.parametrize("role, allowed", [("viewer", False), ("editor", False), ("admin", True)])
def test_only_admins_change_the_profile(app, organization, role, allowed):
    client = member_client(app, organization, role)
    response = client.post("/settings/", data={"name": "Renamed", "timezone": "Europe/Paris",
                                               "default_country": "FR", "brand_color": "#112233"})
    assert response.status_code == (302 if allowed else 403)
    db.session.refresh(organization)
    assert (organization.name == "Renamed") is allowed


def test_profile_errors_show_at_the_field(owner_client, organization):
    response = owner_client.post("/settings/", data={"name": "", "timezone": "Mars/Olympus",
                                                     "default_country": "US", "brand_color": "blue"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="name-error"' in html and 'id="timezone-error"' in html and 'id="brand_color-error"' in html


def test_editor_cannot_manage_team(app, organization, owner):
    client = member_client(app, organization, "editor")
    assert client.get(f"/settings/team/{owner.id}").status_code == 403


def test_admin_cannot_demote_an_owner_but_owner_can_change_roles(app, organization, owner, owner_client):
    admin_client = member_client(app, organization, "admin")
    response = admin_client.post(f"/settings/team/{owner.id}", data={"role": "viewer"})
    assert response.status_code == 422 and b"Only an owner" in response.data
    editor = MembershipFactory(organization=organization, role="editor")
    assert owner_client.post(f"/settings/team/{editor.id}", data={"role": "admin"}).status_code == 302
    db.session.refresh(editor)
    assert editor.role == "admin"


def test_a_business_keeps_at_least_one_owner(owner_client, owner):
    response = owner_client.post(f"/settings/team/{owner.id}", data={"role": "viewer"})
    assert response.status_code == 422 and b"at least one owner" in response.data
    owner_client.post(f"/settings/team/{owner.id}/remove")
    db.session.refresh(owner)
    assert owner.role == "owner"


def test_removed_member_loses_access(app, organization, owner_client):
    editor = MembershipFactory(organization=organization, role="editor")
    editor_client = member_client(app, organization, "viewer")
    editor_id = editor.id
    assert owner_client.post(f"/settings/team/{editor_id}/remove").status_code == 303
    assert db.session.scalar(select(Membership).where(Membership.id == editor_id)) is None
    assert editor_client.get("/").status_code == 200  # someone else, unaffected


def test_the_profile_page_saves_the_api_s_fields_and_names_what_is_wrong(owner_client, organization):
    data = {"name": "Acme", "timezone": "Europe/Paris", "default_country": "FR", "brand_color": "#112233",
            "slug": "acme", "domain": "acme.com", "footer_address": "1 Rue de la Paix, Paris",
            "logo_url": "https://acme.example/logo.png", "font_family": "Inter"}
    assert owner_client.post("/settings/", data=data).status_code == 302
    db.session.refresh(organization)
    assert (organization.slug, organization.domain, organization.font_family) == ("acme", "acme.com", "Inter")
    response = owner_client.post("/settings/", data={**data, "slug": "Not OK", "logo_url": "http://x.example/l.png"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and 'id="slug-error"' in html and 'id="logo_url-error"' in html
