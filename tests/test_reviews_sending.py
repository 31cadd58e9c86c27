"""Review requests going out: seed 000 as an integration runs it (OAuth with PKCE, Add Contact, then an
injected clock driving Huey's real schedule: sent, followed up, stopped by a click), and an email request
through a real SMTP server that the customer rates, the owners hearing of it.
"""
import re
import uuid
from datetime import timedelta, timezone

import pytest
from sqlalchemy import select

from nudgeweb import clock
from nudgeweb.extensions import db, huey
from nudgeweb.models import Contact, ReviewRequest
from nudgeweb.models.messages import Message
from nudgeweb.reviews import operations
from nudgeweb.reviews.links import review_token
from nudgeweb.unit_of_work import unit_of_work
from tests.delivery_support import parts_of, quiet_now, smtp  # noqa: F401
from tests.factories import ContactFactory
from tests.oauth_flow import OAuthDance, register_client
from tests.reviews_support import NOW, frozen_clock, give_review_link, travel_and_run  # noqa: F401
from tests.test_reviews_flow import JANE


def review_messages(request_id=None):
    query = select(Message).where(Message.purpose == "review_request").order_by(Message.created_at)
    if request_id:
        query = query.where(Message.purpose_id == uuid.UUID(request_id))
    return db.session.scalars(query).all()


@pytest.fixture
def bearer(app, owner):
    client_id, secret = register_client(owner)
    tokens = OAuthDance(app, client_id, secret).tokens_for(owner.user.email)
    return {"Authorization": f"Bearer {tokens['access_token']}"}


def test_seed_000_add_contact_then_send_follow_up_and_stop_after_a_click(client, bearer, organization):
    give_review_link(organization)
    response = client.post("/api/v1/review_requests", json=JANE, headers=bearer)
    assert response.status_code == 201, response.get_json()
    answer = response.get_json()
    assert set(answer) == {"id", "contact_id", "contact_name", "contact_email", "contact_phone", "scheduled_for",
                           "status", "message"}
    assert answer["status"] == "scheduled" and answer["contact_name"] == "Jane Smith"
    assert answer["contact_email"] == "jane@example.com" and answer["contact_phone"] == "+12125551234"
    assert answer["scheduled_for"] == (NOW + timedelta(hours=24)).isoformat().replace("+00:00", "Z")
    contact = db.session.get(Contact, uuid.UUID(answer["contact_id"]))
    assert contact.source == "review_request" and contact.company_name == "Smith Industries"
    # a second customer, who will never click
    other = client.post("/api/v1/review_requests", json={"email": "bob@example.com", "delay_hours": 24},
                        headers=bearer).get_json()

    travel_and_run(NOW + timedelta(hours=23))
    assert review_messages() == []
    travel_and_run(NOW + timedelta(hours=24))
    [first] = review_messages(answer["id"])
    assert first.channel == "sms" and first.to == "+12125551234" and "/r/" in first.text or "/t/" in first.text
    request = db.session.get(ReviewRequest, uuid.UUID(answer["id"]))
    db.session.refresh(request)
    assert request.status == "sent" and request.sent_at is not None
    assert request.next_follow_up_at == NOW + timedelta(hours=24, days=3)

    travel_and_run(NOW + timedelta(hours=24, days=3))
    assert len(review_messages(answer["id"])) == 2 and len(review_messages(other["id"])) == 2
    # Jane clicks through to a review site; Bob doesn't
    assert client.get(f"/r/{review_token(request)}/go/0").status_code == 302
    travel_and_run(NOW + timedelta(days=30))
    assert len(review_messages(answer["id"])) == 2  # nothing more after the click
    assert len(review_messages(other["id"])) == 3  # Bob's second follow-up at day 7, then the sequence ends
    db.session.refresh(request)
    assert request.status == "clicked" and request.follow_up_step == 1
    kinds = [event.kind for event in request.events]
    assert kinds[:3] == ["scheduled", "queued", "sent"] and "follow_up" in kinds and kinds[-1] == "clicked"

    got = client.get(f"/api/v1/review_requests/{answer['id']}", headers=bearer).get_json()["data"]
    assert got["type"] == "review_requests" and got["attributes"]["status"] == "clicked"
    assert got["attributes"]["metadata"] == {"source": "zapier", "custom_field": "value"}
    assert got["relationships"]["contact"]["data"]["id"] == answer["contact_id"]


def test_follow_ups_wait_in_their_rows_and_the_minute_sweep_sends_each_once(monkeypatch, organization, other_owner):
    monkeypatch.setattr(operations, "FOLLOW_UP_BATCH", 3)  # seven requests: three transactions of the sweep
    give_review_link(organization)
    give_review_link(other_owner.organization)
    with unit_of_work(organization.id):
        ours = [operations.create_review_request(organization, {"email": f"customer{n}@example.net"}, 0).id
                for n in range(7)]
    with unit_of_work(other_owner.organization.id):
        theirs = operations.create_review_request(other_owner.organization, {"email": "theirs@example.net"}, 0).id
    travel_and_run(NOW)
    assert [task.name for task in huey.scheduled() if "review" in task.name] == []  # no task a request
    assert all(len(review_messages(str(request_id))) == 1 for request_id in ours)

    travel_and_run(NOW + timedelta(days=3) - timedelta(minutes=1))
    assert all(len(review_messages(str(request_id))) == 1 for request_id in ours)
    travel_and_run(NOW + timedelta(days=3))
    travel_and_run(NOW + timedelta(days=3, minutes=1))  # the next minute's sweep finds nothing left to send
    for request_id in [*ours, theirs]:
        assert [m.status for m in review_messages(str(request_id))] == ["sent", "sent"]
        request = db.session.get(ReviewRequest, request_id)
        db.session.refresh(request)
        assert request.steps_sent == 2 and request.next_follow_up_at == NOW + timedelta(days=7)
        assert [event.kind for event in request.events].count("follow_up_sent") == 1


def test_email_request_through_real_smtp_customer_rates_and_owners_hear_of_it(smtp, client, organization, owner):
    with unit_of_work(organization.id):
        request = operations.create_review_request(organization, {"first_name": "Ada", "email": "ada@example.net"}, 0)
    travel_and_run(NOW)
    [received] = smtp.sink.to("ada@example.net")
    assert received["Subject"] == "How did we do, Ada?"
    _text, html = parts_of(received)
    tracked = re.search(r'href="http://localhost(/t/c/[^"]+)"', html).group(1)
    landing = client.get(tracked)
    assert landing.status_code == 302 and "/r/" in landing.headers["Location"]
    page = client.get(landing.headers["Location"].removeprefix("http://localhost"))
    assert b"How was your experience with Acme Plumbing?" in page.data
    client.post(landing.headers["Location"].removeprefix("http://localhost") + "/rate", data={"rating": "5"})
    db.session.refresh(request)
    assert (request.status, request.rating) == ("reviewed", 5)
    [notice] = smtp.sink.to(owner.user.email)
    assert notice["Subject"] == "Ada rated you 5 stars"
    assert f"/review-requests/{request.id}" in parts_of(notice)[0]


def test_a_request_held_by_quiet_hours_says_when_it_goes_out(smtp, owner_client, organization):
    quiet_now(organization, "email")  # the customers' evening in Tokyo
    clock.travel_to(None)
    with unit_of_work(organization.id):
        held = operations.request_for_contact(
            organization, ContactFactory(organization=organization, email="ken@example.net", timezone="Asia/Tokyo"),
            delay_hours=0)
        operations.perform_step(held, 0, clock.now())
    [message] = review_messages(str(held.id))
    page = owner_client.get(f"/review-requests/{held.id}").get_data(as_text=True)
    assert 'data-testid="held-until"' in page and "quiet hours hold it until then" in page
    assert 'data-testid="held-until-head">quiet hours hold it until' in page  # beside "scheduled for", not only below
    message.status = "sent"  # once it has gone, nothing is held
    db.session.commit()
    assert 'data-testid="held-until"' not in owner_client.get(f"/review-requests/{held.id}").get_data(as_text=True)


def test_cancelling_a_request_cancels_its_message_held_by_quiet_hours(smtp, owner_client, organization):
    night = quiet_now(organization, "email")  # the customers' evening in Tokyo: email waits till morning
    with unit_of_work(organization.id):
        held, other = (operations.request_for_contact(
            organization, ContactFactory(organization=organization, email=email, timezone="Asia/Tokyo"), delay_hours=0)
            for email in ("ken@example.net", "yui@example.net"))
        assert operations.perform_step(held, 0, NOW) == operations.perform_step(other, 0, NOW) == "sent"
    [message] = review_messages(str(held.id))
    assert message.status == "queued" and message.send_at == night.astimezone(timezone.utc)

    answer = owner_client.post(f"/review-requests/{held.id}/cancel")
    assert answer.status_code == 303
    page = owner_client.get(f"/review-requests/{held.id}").get_data(as_text=True)
    assert "Cancelled; its 1 waiting message will not go" in page
    db.session.expire_all()
    assert message.status == "cancelled" and review_messages(str(other.id))[0].status == "queued"
    assert "cancelled" in owner_client.get("/outbox?status=cancelled").get_data(as_text=True)

    morning = clock.huey_timestamp(night + timedelta(minutes=1))
    for task in huey.read_schedule(morning):  # the send task the consumer runs when the quiet hours end
        huey.execute(task, morning)
    db.session.expire_all()
    assert message.status == "cancelled" and message.attempts == 0
    assert smtp.sink.to("ken@example.net") == []
