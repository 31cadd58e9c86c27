"""Sessions can be revoked: logout, a password change and "log out everywhere" end every session cookie and
remember-me cookie of the user, including copies an attacker kept."""
import time

from flask import current_app

from tests.conftest import AuthActions
from tests.factories import DEFAULT_PASSWORD

NEW_PASSWORD = "a brand new passphrase"


def logged_in(app, email, remember=False):
    client = app.test_client()
    answer = AuthActions(client).login(email, remember=remember)
    assert answer.status_code == 302
    return client


def copy_of_cookie(app, client, name):
    """A fresh client holding only a copy of ``client``'s cookie ``name`` (what a thief would keep)."""
    thief = app.test_client()
    thief.set_cookie(name, client.get_cookie(name).value)
    return thief


def is_in(client):
    return client.get("/").status_code == 200


def remember_cookie():
    return current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")


def test_a_copied_session_cookie_stops_working_at_logout(app, owner):
    victim = logged_in(app, owner.user.email)
    thief = copy_of_cookie(app, victim, "session")
    assert is_in(thief)  # the copy works while the victim is logged in

    victim.post("/logout")

    assert not is_in(victim)
    answer = thief.get("/")
    assert answer.status_code == 302 and "/login" in answer.headers["Location"]


def test_a_remember_me_cookie_stops_working_at_logout(app, owner):
    victim = logged_in(app, owner.user.email, remember=True)
    thief = copy_of_cookie(app, victim, remember_cookie())
    assert is_in(thief)  # remember-me logs a new browser in

    victim.post("/logout")

    assert not is_in(thief)


def test_remember_me_lasts_weeks_not_a_year(app, owner):
    client = logged_in(app, owner.user.email, remember=True)
    cookie = client.get_cookie(remember_cookie())
    assert cookie.http_only and cookie.expires is not None
    assert cookie.expires.timestamp() - time.time() <= 31 * 24 * 3600


def test_changing_the_password_ends_the_other_sessions_and_keeps_this_one(app, owner):
    laptop = logged_in(app, owner.user.email, remember=True)
    stolen = copy_of_cookie(app, laptop, remember_cookie())
    phone = logged_in(app, owner.user.email)

    answer = phone.post("/settings/account/password", data={
        "current_password": DEFAULT_PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})

    assert answer.status_code == 303
    assert "Your password is changed" in phone.get("/settings/account").text
    assert is_in(phone)
    assert not is_in(laptop) and not is_in(stolen)
    assert AuthActions(app.test_client()).login(owner.user.email).status_code == 422  # the old password
    assert AuthActions(app.test_client()).login(owner.user.email, NEW_PASSWORD).status_code == 302


def test_log_out_everywhere_ends_every_session_and_remember_me_cookie(app, owner):
    laptop = logged_in(app, owner.user.email, remember=True)
    stolen_session = copy_of_cookie(app, laptop, "session")
    stolen_remember = copy_of_cookie(app, laptop, remember_cookie())
    phone = logged_in(app, owner.user.email)
    assert "Log out everywhere" in phone.get("/settings/account").text

    answer = phone.post("/settings/account/logout-everywhere")

    assert answer.status_code == 303 and answer.headers["Location"].endswith("/login")
    for client in (phone, laptop, stolen_session, stolen_remember):
        assert not is_in(client)
    assert is_in(logged_in(app, owner.user.email))  # the password still works: a new login is fine


def test_logging_out_one_user_leaves_other_users_logged_in(app, owner, other_owner):
    mine = logged_in(app, owner.user.email)
    theirs = logged_in(app, other_owner.user.email)
    mine.post("/logout")
    assert is_in(theirs)


def test_log_out_everywhere_needs_the_form_token(app, owner):
    """A cross-site form must not be able to log a user out everywhere."""
    client = logged_in(app, owner.user.email)
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        assert client.post("/settings/account/logout-everywhere").status_code == 400
        assert is_in(client)
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_an_api_refresh_token_dies_with_the_password_change(app, owner, owner_client):
    api = app.test_client()
    tokens = api.post("/api/v1/auth/login", json={"email": owner.user.email, "password": DEFAULT_PASSWORD}).get_json()
    owner_client.post("/settings/account/password", data={
        "current_password": DEFAULT_PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})

    answer = api.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})

    assert answer.status_code == 401 and "Log in again" in answer.get_json()["errors"][0]["detail"]
