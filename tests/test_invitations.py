"""Team invitations: invite by email with a role, join by the emailed link (new account or existing),
expiry, revoke, roles enforced, isolation."""
import re
import time

import pytest
from flask import current_app
from itsdangerous import TimestampSigner, URLSafeTimedSerializer
from playwright.sync_api import expect
from sqlalchemy import select

from nudgeweb.auth.operations import membership_of
from nudgeweb.models import Invitation, User, db
from nudgeweb.models.messages import Message
from nudgeweb.settings.invitations import INVITATION_LIFETIME, SALT
from tests.conftest import AuthActions, log_in, member_client, screenshot
from tests.delivery_support import parts_of, smtp  # noqa: F401
from tests.factories import DEFAULT_PASSWORD, MembershipFactory


def invite(client, email, role="editor"):
    return client.post("/settings/team/invite", data={"email": email, "role": role})


def emailed_link(smtp, email):
    """The path of the invitation link in the last email to ``email``, as the invitee received it (the
    stored message, which the Outbox shows, has only a placeholder)."""
    text, _html = parts_of(smtp.sink.to(email)[-1])
    return re.search(r"http://localhost(/invitations/\S+)", text).group(1)


def test_owner_invites_and_a_new_person_joins_with_the_role(app, owner_client, organization, smtp):
    answer = invite(owner_client, "New.Person@Example.com", "editor")
    assert answer.status_code == 303
    team = owner_client.get("/settings/team").text
    assert "Invitation sent to new.person@example.com" in team and "Link works until" in team
    [message] = db.session.scalars(select(Message).where(Message.purpose == "invitation")).all()
    assert message.to == "new.person@example.com" and message.subject.endswith("invited you to Acme Plumbing on Nudge")
    assert "as editor" in message.text

    newcomer = app.test_client()
    link = emailed_link(smtp, "new.person@example.com")
    page = newcomer.get(link)
    assert page.status_code == 200 and "Join Acme Plumbing" in page.text and "Create my account and join" in page.text
    short = newcomer.post(link, data={"name": "Nia", "password": "short"})
    assert short.status_code == 422 and "Use at least 10 characters." in short.text
    joined = newcomer.post(link, data={"name": "Nia Long", "password": "a-long-password"})
    assert joined.status_code == 303
    user = db.session.scalar(select(User).where(User.email == "new.person@example.com"))
    assert membership_of(user, organization.id).role == "editor"
    assert "Welcome to Acme Plumbing, Nia Long" in newcomer.get("/").text  # logged in, in the business
    assert newcomer.get("/contacts/new").status_code == 200  # editors add contacts
    assert newcomer.get("/settings/team/" + str(membership_of(user, organization.id).id)).status_code == 403
    assert invite(newcomer, "someone@example.com").status_code == 403  # but do not invite
    used = app.test_client().get(link)
    assert used.status_code == 410 and "This invitation has been used" in used.text


def test_someone_with_an_account_logs_in_and_joins(app, owner_client, organization, other_owner, smtp):
    elsewhere = other_owner.user  # already runs another business
    invite(owner_client, elsewhere.email, "viewer")
    link = emailed_link(smtp, elsewhere.email)
    guest = app.test_client()
    assert "Log in to join" in guest.get(link).text
    login = guest.post(f"/login?next={link}", data={"email": elsewhere.email, "password": DEFAULT_PASSWORD})
    assert login.headers["Location"] == link
    assert guest.post(link).status_code == 303
    assert membership_of(elsewhere, organization.id).role == "viewer"
    assert membership_of(elsewhere, other_owner.organization_id).role == "owner"  # still theirs too
    assert "Acme Plumbing" in guest.get("/").text
    assert guest.get("/contacts/new").status_code == 403  # a viewer looks


def test_the_link_is_for_the_invited_address_only(app, owner_client, organization, smtp):
    invite(owner_client, "right@example.com")
    link = emailed_link(smtp, "right@example.com")
    wrong = MembershipFactory(role="owner")
    client = app.test_client()
    AuthActions(client).login(wrong.user.email)
    assert "Log out, then open the link again" in client.get(link).text
    assert client.post(link).status_code == 422
    assert membership_of(wrong.user, organization.id) is None


def signed_long_ago(invitation):
    class SignedThen(TimestampSigner):
        def get_timestamp(self):
            return int(time.time() - (INVITATION_LIFETIME.total_seconds() + 60))

    serializer = URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT, signer=SignedThen)
    return f"/invitations/{serializer.dumps([str(invitation.id), invitation.email])}"


def test_expired_revoked_and_forged_links_do_nothing(app, owner_client, organization, smtp):
    invite(owner_client, "late@example.com")
    invitation = db.session.scalar(select(Invitation))
    client = app.test_client()
    expired = client.post(signed_long_ago(invitation), data={"name": "Late", "password": "a-long-password"})
    assert expired.status_code == 410 and "This invitation has expired" in expired.text

    link = emailed_link(smtp, "late@example.com")
    owner_client.post(f"/settings/team/invitations/{invitation.id}/revoke")
    revoked = client.post(link, data={"name": "Late", "password": "a-long-password"})
    assert revoked.status_code == 410 and "This invitation was withdrawn" in revoked.text
    assert "Link works until" not in owner_client.get("/settings/team").text  # no longer pending
    forged = client.get(link[:-4] + "abcd")
    assert forged.status_code == 404 and "We couldn&#39;t open this invitation" in forged.text
    assert db.session.scalar(select(User).where(User.email == "late@example.com")) is None


def test_inviting_again_replaces_the_pending_link(owner_client, organization, smtp):
    invite(owner_client, "twice@example.com", "viewer")
    first = emailed_link(smtp, "twice@example.com")
    invite(owner_client, "twice@example.com", "admin")
    assert owner_client.get(first).status_code == 410
    assert "as admin" in db.session.scalars(select(Message.text).order_by(Message.created_at.desc())).first()


@pytest.mark.parametrize("role, data, status, error", [
    ("admin", {"email": "boss@example.com", "role": "owner"}, 422, "Only an owner can invite an owner."),
    ("admin", {"email": "not-an-address", "role": "viewer"}, 422, "Enter a valid email address, like name@example.com."),
    ("admin", {"email": "", "role": "viewer"}, 422, "Enter an email address."),
    ("editor", {"email": "x@example.com", "role": "viewer"}, 403, None),
    ("viewer", {"email": "x@example.com", "role": "viewer"}, 403, None),
])
def test_who_may_invite_whom(app, organization, role, data, status, error):
    client = member_client(app, organization, role)
    answer = client.post("/settings/team/invite", data=data)
    assert answer.status_code == status
    if error:
        assert error in answer.text
    assert db.session.scalar(select(Invitation)) is None


def test_an_admin_invites_an_admin_and_members_are_not_invited_twice(app, organization, owner):
    admin = member_client(app, organization, "admin")
    assert invite(admin, "deputy@example.com", "admin").status_code == 303
    answer = invite(admin, owner.user.email, "viewer")
    assert answer.status_code == 422 and "is already on the team" in answer.text


def test_another_business_cannot_see_or_revoke_my_invitations(owner_client, other_client, organization):
    invite(owner_client, "mine@example.com")
    invitation = db.session.scalar(select(Invitation))
    assert "mine@example.com" not in other_client.get("/settings/team").text  # (their own flashes aside)
    assert other_client.post(f"/settings/team/invitations/{invitation.id}/revoke").status_code == 404
    db.session.refresh(invitation)
    assert invitation.revoked_at is None


@pytest.mark.browser
def test_invite_and_join_in_a_browser(browser, page, live_server, owner, smtp):
    log_in(page, live_server, owner.user.email)
    page.goto(f"{live_server}/settings/team")
    page.get_by_label("Email").fill("sam@example.com")
    page.get_by_label("Role").select_option("admin")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text("Invitation sent to sam@example.com")).to_be_visible()
    expect(page.get_by_role("row", name="Invited sam@example.com admin")).to_be_visible()
    screenshot(page, "team-invited")

    invitee = browser.new_context().new_page()
    invitee.goto(live_server + emailed_link(smtp, "sam@example.com"))
    expect(invitee.get_by_role("heading", name="Join Acme Plumbing")).to_be_visible()
    invitee.get_by_label("Your name").fill("Sam Carter")
    invitee.get_by_label("Choose a password").fill("a-long-password")
    screenshot(invitee, "invitation-accept")
    invitee.get_by_role("button", name="Create my account and join").click()
    expect(invitee.get_by_text("Welcome to Acme Plumbing, Sam Carter!")).to_be_visible()
    invitee.goto(f"{live_server}/settings/team")
    expect(invitee.get_by_role("row", name="Sam Carter you sam@example.com admin")).to_be_visible()
    invitee.context.close()


def test_with_email_kept_local_the_inviter_hears_that_the_link_reaches_no_one(owner_client, organization):
    answer = owner_client.post("/settings/team/invite", data={"email": "far@example.com", "role": "editor"},
                               follow_redirects=True)
    assert "this install keeps email in the local Outbox, where the link is not shown" in answer.text
    assert "Invitation sent to" not in answer.text
