"""Account controls: the password policy at every place a password is chosen, password change, and password
reset by email through the delivery engine, with a link that no one but its recipient can read or use twice."""
import re

import pytest
from sqlalchemy import select

from config import Config
from nudgeweb.auth.passwords import HASHERS, MAX_PASSWORD_LENGTH, hash_password
from nudgeweb.delivery.configuration import save_sending_settings
from nudgeweb.delivery.transports import sending_settings, uses_own_smtp
from nudgeweb.models import User, db
from nudgeweb.models.messages import Message
from tests.api_helpers import key_headers, make_key
from tests.conftest import AuthActions, member_client
from tests.delivery_support import SmtpServer, parts_of, smtp  # noqa: F401  (fixture)
from tests.factories import DEFAULT_PASSWORD, MembershipFactory

GOOD = "violet tractor sings"
REFUSED = {
    "short": ("nine char", "Use at least 10 characters."),
    "long": ("x" * (MAX_PASSWORD_LENGTH + 1), f"Use at most {MAX_PASSWORD_LENGTH} characters."),
    "common": ("Password1234", "one of the most common passwords"),
    "common, long enough": ("qwertyuiop123", "one of the most common passwords"),
}


def password_error(html):
    found = re.search(r'<p class="error" id="password-error">([^<]*)</p>', html)
    return found and found.group(1)


def test_every_install_hashes_with_argon2id_at_full_cost(monkeypatch):
    """The suite's own config picks a cheap hasher; an install cannot, not even through the environment."""
    monkeypatch.setenv("PASSWORD_HASHER", "argon2id-cheap-for-tests")
    assert Config().PASSWORD_HASHER == "argon2id"
    assert hash_password(GOOD).startswith("$argon2id$v=19$m=65536,t=3,p=4$")  # outside an app: the same
    strong = HASHERS["argon2id"]
    assert (strong.memory_cost, strong.time_cost, strong.parallelism) == (65536, 3, 4)


@pytest.mark.parametrize("password, message", REFUSED.values(), ids=REFUSED.keys())
def test_sign_up_refuses_weak_passwords(client, app_ctx, password, message):
    answer = client.post("/signup", data={"business_name": "Nia's", "name": "Nia", "email": "nia@example.com",
                                          "password": password})
    assert answer.status_code == 422 and message in password_error(answer.text)
    assert db.session.scalar(select(User).where(User.email == "nia@example.com")) is None


def test_sign_up_takes_a_long_uncommon_password(client, app_ctx):
    answer = client.post("/signup", data={"business_name": "Nia's", "name": "Nia", "email": "nia@example.com",
                                          "password": GOOD})
    assert answer.status_code == 302


@pytest.mark.parametrize("password, message", REFUSED.values(), ids=REFUSED.keys())
def test_invitation_acceptance_refuses_weak_passwords(app, owner_client, smtp, password, message):
    owner_client.post("/settings/team/invite", data={"email": "new@example.com", "role": "editor"})
    [received] = smtp.sink.to("new@example.com")
    link = re.search(r"http://localhost(/invitations/\S+)", parts_of(received)[0]).group(1)
    answer = app.test_client().post(link, data={"name": "New", "password": password})
    assert answer.status_code == 422 and message in password_error(answer.text)


# --- change in Settings -----------------------------------------------------------------------------

def change(client, current, new, confirm=None):
    return client.post("/settings/account/password",
                       data={"current_password": current, "password": new, "confirm": confirm or new})


@pytest.mark.parametrize("password, message", REFUSED.values(), ids=REFUSED.keys())
def test_password_change_refuses_weak_passwords(owner_client, password, message):
    answer = change(owner_client, DEFAULT_PASSWORD, password)
    assert answer.status_code == 422 and message in password_error(answer.text)


def test_password_change_needs_the_current_password(app, owner_client, owner):
    answer = change(owner_client, "a guess at it", GOOD)
    assert answer.status_code == 422 and "That is not your current password." in answer.text
    assert AuthActions(app.test_client()).login(owner.user.email).status_code == 302  # unchanged


def test_password_change_needs_the_same_password_twice(owner_client):
    answer = change(owner_client, DEFAULT_PASSWORD, GOOD, confirm=GOOD + "!")
    assert answer.status_code == 422 and "The two passwords are not the same." in answer.text


def test_every_member_can_change_their_own_password(app, organization):
    viewer = member_client(app, organization, "viewer")
    assert viewer.get("/settings/account").status_code == 200
    assert change(viewer, DEFAULT_PASSWORD, GOOD).status_code == 303


# --- reset by email ---------------------------------------------------------------------------------

def ask_for_reset(email):
    from flask import current_app

    return current_app.test_client().post("/forgot-password", data={"email": email})


def reset_link(smtp_server, email):
    [received] = smtp_server.sink.to(email)
    text, _html = parts_of(received)
    return re.search(r"http://localhost(/reset-password/\S+)", text).group(1)


def test_forgot_password_emails_a_link_that_sets_a_new_password_once(app, owner, smtp):
    assert 'href="/forgot-password"' in app.test_client().get("/login").text
    logged_in = app.test_client()
    AuthActions(logged_in).login(owner.user.email, remember=True)

    assert ask_for_reset(owner.user.email.upper()).status_code == 200
    link = reset_link(smtp, owner.user.email)
    stranger = app.test_client()
    assert "Choose a new password" in stranger.get(link).text
    weak = stranger.post(link, data={"password": "password123", "confirm": "password123"})
    assert weak.status_code == 422 and "most common passwords" in weak.text
    done = stranger.post(link, data={"password": GOOD, "confirm": GOOD})
    assert done.status_code == 303 and done.headers["Location"].endswith("/login")

    assert AuthActions(app.test_client()).login(owner.user.email, GOOD).status_code == 302
    assert AuthActions(app.test_client()).login(owner.user.email).status_code == 422
    assert logged_in.get("/").status_code == 302  # the reset logged every device out
    again = stranger.post(link, data={"password": "another fine passphrase", "confirm": "another fine passphrase"})
    assert again.status_code == 410 and "no longer works" in again.text
    assert AuthActions(app.test_client()).login(owner.user.email, GOOD).status_code == 302


def test_a_reset_link_dies_when_the_password_changes_another_way(app, owner, owner_client, smtp):
    ask_for_reset(owner.user.email)
    link = reset_link(smtp, owner.user.email)
    change(owner_client, DEFAULT_PASSWORD, GOOD)
    assert app.test_client().get(link).status_code == 410


def test_forged_and_tampered_reset_links_are_refused(app, owner, smtp):
    ask_for_reset(owner.user.email)
    link = reset_link(smtp, owner.user.email)
    for bad in (link[:-2] + ("AA" if not link.endswith("AA") else "BB"), "/reset-password/nonsense"):
        answer = app.test_client().post(bad, data={"password": GOOD, "confirm": GOOD})
        assert answer.status_code == 410
    assert AuthActions(app.test_client()).login(owner.user.email).status_code == 302


def test_no_email_for_an_unknown_address(app, app_ctx, smtp):
    assert ask_for_reset("nobody@example.com").status_code == 200
    assert smtp.sink.messages == []
    assert db.session.scalars(select(Message)).all() == []


def test_the_stored_reset_message_holds_no_link_an_admin_could_use(app, owner, organization, smtp):
    """The organization's admins list its messages (the Outbox, the API): the owner's reset link must not
    be among them, or an admin takes over the owner's account."""
    admin = MembershipFactory(role="admin", organization=organization)
    secret = make_key(admin)
    ask_for_reset(owner.user.email)
    token = reset_link(smtp, owner.user.email).rsplit("/", 1)[1]

    listed = app.test_client().get("/api/v1/messages", headers=key_headers(secret))
    outbox = member_client(app, organization, "admin")
    stored = db.session.scalars(select(Message).where(Message.purpose == "password_reset")).one()
    assert listed.status_code == 200 and token not in listed.text
    assert "reset-password" not in listed.text
    assert token not in outbox.get(f"/outbox/{stored.id}").text and token not in outbox.get("/outbox").text
    assert token not in (stored.text or "") + (stored.html or "")
    assert "a link sent only to the recipient" in stored.text


def test_a_reset_email_never_goes_through_the_organizations_own_mail_server(app, owner, organization, smtp,
                                                                          allow_private_outbound):
    """An admin may point Settings → Sending at a server they run: the owner's reset link must not go there."""
    with SmtpServer() as admins_server:
        save_sending_settings(organization.id, {
            "email_backend": "smtp", "smtp_host": "127.0.0.1", "smtp_port": admins_server.port,
            "smtp_security": "off", "smtp_username": "", "smtp_password": "", "from_name": "Acme",
            "from_email": "hello@acme.example"})
        db.session.commit()
        assert uses_own_smtp(sending_settings(organization.id))
        ask_for_reset(owner.user.email)
        assert admins_server.sink.messages == []
    assert reset_link(smtp, owner.user.email)
    [received] = smtp.sink.to(owner.user.email)
    assert "acme.example" not in received["From"]
