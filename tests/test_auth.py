import re

import pytest
from sqlalchemy import func, select

from nudgeweb.extensions import db
from nudgeweb.models import Membership, Organization, User
from tests.factories import DEFAULT_PASSWORD, MembershipFactory

SIGNUP = {
    "business_name": "Bluebird Bakery",
    "name": "Alex Rivera",
    "email": "Alex@Bluebird.example",
    "password": "a-long-password",
}


def counts():
    return tuple(db.session.scalar(select(func.count()).select_from(m)) for m in (Organization, User, Membership))


def test_signup_creates_business_and_owner_and_logs_in(client, app_ctx):
    response = client.post("/signup", data=SIGNUP)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    user = db.session.scalar(select(User))
    assert user.email == "alex@bluebird.example"  # stored lower-case
    assert user.password_hash.startswith("$argon2id$")
    membership = db.session.scalar(select(Membership))
    assert membership.role == "owner" and membership.organization.name == "Bluebird Bakery"
    dashboard = client.get("/")
    assert b"Bluebird Bakery" in dashboard.data and b"Welcome, Alex" in dashboard.data


def test_the_dashboard_greets_an_owner_by_name_not_by_title(client, app_ctx):
    client.post("/signup", data=SIGNUP | {"name": "Dr. Priya Ramanathan-Okonkwo"})
    assert "Welcome, Priya</h1>" in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"email": "Taken@example.com"}, "email", "already exists"),
        ({"password": "short"}, "password", "at least 10 characters"),
        ({"business_name": ""}, "business_name", "name of your business"),
        ({"name": ""}, "name", "your name"),
        ({"email": "not-an-email"}, "email", "valid email"),
    ],
)
def test_signup_bad_input_is_shown_at_the_field_and_writes_nothing(client, app_ctx, change, field, message):
    MembershipFactory(user__email="taken@example.com")
    before = counts()
    response = client.post("/signup", data={**SIGNUP, **change})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    error = re.search(rf'<p class="error" id="{field}-error">([^<]*)</p>', html)
    assert error and message in error.group(1)
    assert counts() == before


def test_a_form_with_a_nul_character_is_refused_and_writes_nothing(client, app_ctx):
    """(PostgreSQL refuses to store one: without this it was a 500.)"""
    answer = client.post("/signup", data={**SIGNUP, "business_name": "Acme\x00"})
    assert answer.status_code == 400 and "Something in that request was off" in answer.text
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_signup_with_forged_csrf_token_is_refused(app, app_ctx):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        client = app.test_client()
        response = client.post("/signup", data={**SIGNUP, "csrf_token": "forged"})
        assert response.status_code == 400
        assert b"This form has expired" in response.data
        assert counts() == (0, 0, 0)
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_login_logout_and_remember_me(client, owner):
    email = owner.user.email
    response = client.post("/login", data={"email": email.upper(), "password": DEFAULT_PASSWORD, "remember": "y"})
    assert response.status_code == 302
    assert "remember_token" in response.headers.get("Set-Cookie", "") or client.get_cookie("remember_token")
    assert client.get("/").status_code == 200
    response = client.post("/logout")
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert client.get("/").status_code == 302


def test_wrong_password_shows_an_error_and_changes_nothing(client, owner):
    before = owner.user.last_login_at
    response = client.post("/login", data={"email": owner.user.email, "password": "wrong-password"})
    assert response.status_code == 422
    assert b"don&#39;t match an account" in response.data
    db.session.refresh(owner.user)
    assert owner.user.last_login_at == before
    assert client.get("/").status_code == 302


def test_logout_needs_post(owner_client):
    assert owner_client.get("/logout").status_code == 405


def test_login_redirects_only_within_the_site(client, owner):
    ok = client.post("/login?next=/settings/team", data={"email": owner.user.email, "password": DEFAULT_PASSWORD})
    assert ok.headers["Location"] == "/settings/team"
    client.post("/logout")
    evil = client.post("/login?next=//evil.example/", data={"email": owner.user.email, "password": DEFAULT_PASSWORD})
    assert evil.headers["Location"] == "/"


def test_pages_need_login(client):
    response = client.get("/settings/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login?next=")
    assert "Please log in to see that page." in client.get(response.headers["Location"]).text


def test_a_first_visit_to_the_home_page_meets_the_login_page_without_a_reproach(client):
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    page = client.get("/login").text
    assert "Please log in" not in page and "Create an account" in page
