"""Email verification before sending to customers: a new owner gets a verification email; until an owner
has verified their address, review requests and messages to customers are refused with a clear message on
the page and in the API; the dashboard shows a banner with "resend"."""
import re

from sqlalchemy import select

from nudgeweb.models import Contact, Membership, User, db
from nudgeweb.models.messages import Message
from nudgeweb.models.reviews import ReviewRequest
from tests.api_helpers import key_headers, make_key
from tests.delivery_support import email_template, parts_of, smtp  # noqa: F401  (fixture)
from tests.factories import ContactFactory
from tests.reviews_support import give_review_link

SIGNUP = {"business_name": "Nia's Noodles", "name": "Nia Long", "email": "nia@example.com",
          "password": "violet tractor sings"}
NOT_VERIFIED = "Please verify your email address first"


def sign_up(app):
    client = app.test_client()
    assert client.post("/signup", data=SIGNUP).status_code == 302
    membership = db.session.scalar(select(Membership).join(User).where(User.email == SIGNUP["email"]))
    return client, membership


def verification_links(smtp_server):
    return [re.search(r"http://localhost(/verify-email/\S+)", parts_of(m)[0]).group(1)
            for m in smtp_server.sink.to(SIGNUP["email"])]


def ask_for_review(client):
    return client.post("/review-requests/new", data={"first_name": "Cy", "email": "cy@example.net",
                                                     "delay_hours": 0, "channel": "email"})


def test_a_new_owner_cannot_send_to_customers_until_they_verify(app, app_ctx, smtp):
    client, membership = sign_up(app)
    [link] = verification_links(smtp)

    refused = ask_for_review(client)  # the form comes back as typed, with the reason
    assert refused.status_code == 422 and NOT_VERIFIED in refused.text and 'value="cy@example.net"' in refused.text
    assert db.session.scalars(select(ReviewRequest)).all() == []
    assert db.session.scalars(select(Contact)).all() == []
    dashboard = client.get("/").text
    assert 'id="verify-email-banner"' in dashboard and "Resend the email" in dashboard

    assert client.get(link).status_code == 303
    assert "is verified" in client.get("/").text
    assert 'id="verify-email-banner"' not in client.get("/").text
    give_review_link(membership.organization)
    assert ask_for_review(client).status_code == 303
    assert len(db.session.scalars(select(ReviewRequest)).all()) == 1


def test_the_api_refuses_to_send_for_an_unverified_business(app, app_ctx, smtp):
    _client, membership = sign_up(app)
    headers = key_headers(make_key(membership))
    api = app.test_client()

    review = api.post("/api/v1/review_requests", json={"email": "cy@example.net", "first_name": "Cy"},
                      headers=headers)
    assert review.status_code == 403
    [error] = review.get_json()["errors"]
    assert error["code"] == "ERR_EMAIL_NOT_VERIFIED" and NOT_VERIFIED in error["detail"]

    template = email_template(membership.organization)
    message = api.post("/api/v1/messages", json={"channel": "email", "to": "cy@example.net",
                                                 "template": str(template.id)}, headers=headers)
    assert message.status_code == 403 and message.get_json()["errors"][0]["code"] == "ERR_EMAIL_NOT_VERIFIED"
    assert db.session.scalars(select(Message).where(Message.to == "cy@example.net")).all() == []


def test_bulk_review_requests_are_refused_before_anything_is_queued(app, app_ctx, smtp):
    client, membership = sign_up(app)
    give_review_link(membership.organization)
    ContactFactory(organization=membership.organization, email="cy@example.net")
    answer = client.post("/review-requests/bulk", data={"everyone": "yes", "delay_hours": 0, "confirm": "1",
                                                        "confirmed": "y"})
    assert answer.status_code == 422 and NOT_VERIFIED in answer.text
    assert db.session.scalars(select(ReviewRequest)).all() == []


def test_resend_sends_a_new_link_and_the_stored_message_holds_none(app, app_ctx, smtp):
    client, _membership = sign_up(app)
    answer = client.post("/settings/account/verification")
    assert answer.status_code == 303
    assert "We sent a new verification link" in client.get("/").text
    first, second = verification_links(smtp)
    stored = db.session.scalars(select(Message).where(Message.purpose == "email_verification")).all()
    assert len(stored) == 2
    for message in stored:
        assert "/verify-email/" not in message.text and "a link sent only to the recipient" in message.text
    assert client.get(second).status_code == 303
    assert db.session.scalar(select(User).where(User.email == SIGNUP["email"])).email_verified_at is not None


def test_a_forged_verification_link_verifies_nothing(app, app_ctx, smtp):
    client, _membership = sign_up(app)
    [link] = verification_links(smtp)
    answer = client.get(link[:-3] + "abc")
    assert answer.status_code == 303
    assert "expired or is not right" in client.get("/").text
    assert ask_for_review(client).status_code == 422  # still not verified: the form says so


def test_invited_members_and_existing_owners_are_verified(app, owner_client, smtp):
    """The suite's owners are verified; an invited person verified their address by opening the link."""
    assert 'id="verify-email-banner"' not in owner_client.get("/").text
    owner_client.post("/settings/team/invite", data={"email": "new@example.com", "role": "editor"})
    [received] = smtp.sink.to("new@example.com")
    link = re.search(r"http://localhost(/invitations/\S+)", parts_of(received)[0]).group(1)
    newcomer = app.test_client()
    assert newcomer.post(link, data={"name": "New", "password": "violet tractor sings"}).status_code == 303
    assert 'id="verify-email-banner"' not in newcomer.get("/").text
