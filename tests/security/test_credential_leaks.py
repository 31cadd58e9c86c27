"""Credentials readable by others: invitation links in listed messages, API key secrets in replay records."""
import re

import pytest
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import select

from nudgeweb.auth.operations import membership_of
from nudgeweb.delivery.sealed import LINK_PLACEHOLDER
from nudgeweb.models import IdempotencyRecord, Invitation, User, db
from nudgeweb.models.messages import Message
from tests.api_helpers import key_headers, make_key
from tests.conftest import AuthActions
from tests.delivery_support import parts_of, smtp  # noqa: F401
from tests.factories import DEFAULT_PASSWORD, MembershipFactory
from tests.oauth_flow import OAuthDance, register_client


def test_a_new_api_keys_secret_is_not_replayed_nor_kept_in_the_replay_record(client, owner, organization):
    first = key_headers(make_key(owner, name="First admin's key"), **{"Idempotency-Key": "new-key-1"})
    other_admin = MembershipFactory(role="admin", organization=organization)
    second = key_headers(make_key(other_admin, name="Second admin's key"), **{"Idempotency-Key": "new-key-1"})
    body = {"name": "Zapier", "scopes": ["contacts:read"]}
    made = client.post("/api/v1/organization/api_keys", headers=first, json=body)
    assert made.status_code == 201
    secret = made.json["data"]["attributes"]["key"]
    assert secret.startswith("sk_live_")
    for headers in (second, first):  # another admin guessing the key, or the maker retrying
        replay = client.post("/api/v1/organization/api_keys", headers=headers, json=body)
        assert replay.status_code == 201 and replay.headers["Idempotent-Replayed"] == "true"
        assert secret not in replay.text and replay.json["data"]["attributes"].get("key") is None
        assert replay.json["data"]["id"] == made.json["data"]["id"]
        assert "shown only in the answer that created it" in replay.json["meta"]["key"]
    [record] = db.session.scalars(select(IdempotencyRecord)).all()
    assert secret.encode() not in record.body and secret[len("sk_live_"):].encode() not in record.body


# -- invitation links ------------------------------------------------------------------------------

def invite_an_owner(owner_client, email="new.owner@example.com"):
    assert owner_client.post("/settings/team/invite", data={"email": email, "role": "owner"}).status_code == 303


def jwt_headers(client, membership):
    login = client.post("/api/v1/auth/login", json={"email": membership.user.email, "password": DEFAULT_PASSWORD})
    return {"Authorization": f"Bearer {login.json['access_token']}"}


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_a_member_below_admin_cannot_read_messages_through_the_api(app, client, owner_client, organization, role):
    invite_an_owner(owner_client)
    member = MembershipFactory(role=role, organization=organization)
    [invitation] = db.session.scalars(select(Message).where(Message.purpose == "invitation")).all()
    oauth = OAuthDance(app, *register_client(member, scope="read")).tokens_for(member.user.email)
    for headers in (jwt_headers(client, member), key_headers(make_key(member, scopes=["read"])),
                    {"Authorization": f"Bearer {oauth['access_token']}"}):
        for path in ("/api/v1/messages", f"/api/v1/messages/{invitation.id}"):
            answer = client.get(path, headers=headers)
            assert answer.status_code == 403 and "needs admin" in answer.json["errors"][0]["detail"], answer.json
            assert "/invitations/" not in answer.text


def test_no_one_who_lists_messages_can_take_an_invitation_link(app, client, owner, owner_client, organization, smtp):
    invite_an_owner(owner_client)
    admin = MembershipFactory(role="admin", organization=organization)
    listed = client.get("/api/v1/messages", headers=key_headers(make_key(admin)))
    [message] = [m for m in listed.json["data"] if m["attributes"]["purpose"] == "invitation"]
    one = client.get(f"/api/v1/messages/{message['id']}", headers=key_headers(make_key(admin)))
    admin_browser = app.test_client()
    AuthActions(admin_browser).login(admin.user.email)
    pages = [admin_browser.get("/outbox").text, admin_browser.get(f"/outbox/{message['id']}").text]
    for seen in (listed.text, one.text, *pages):
        assert "/invitations/" not in seen
    assert LINK_PLACEHOLDER in message["attributes"]["text"] and LINK_PLACEHOLDER in pages[1]
    # the invitee alone has the link, in the email itself
    link = invitation_path(smtp, "new.owner@example.com")
    assert admin_browser.post(link).status_code == 422  # nor can an admin who got it join with it as themself
    assert membership_of(admin.user, organization.id).role == "admin"
    invitee = app.test_client()
    assert invitee.post(link, data={"name": "New Owner", "password": "a-long-password"}).status_code == 303
    assert app.test_client().post(link, data={"name": "Again", "password": "a-long-password"}).status_code == 410


def test_links_signed_before_the_fix_no_longer_open(app, owner_client, organization):
    """Links of the old form sat readable in the messages API: they are dead."""
    invite_an_owner(owner_client, "leaked@example.com")
    invitation = db.session.scalar(select(Invitation))
    old = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="nudge.invitation").dumps(str(invitation.id))
    page = app.test_client().post(f"/invitations/{old}", data={"name": "Taker", "password": "a-long-password"})
    assert page.status_code == 404
    assert db.session.scalar(select(User).where(User.email == "leaked@example.com")) is None


def invitation_path(smtp, email):
    text, _html = parts_of(smtp.sink.to(email)[-1])
    return re.search(r"http://localhost(/invitations/\S+)", text).group(1)
