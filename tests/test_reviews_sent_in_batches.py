"""The send engine's batch of review messages is recorded in bulk (reviews.operations.messages_sent): the
statuses, timeline lines, contacts' timeline entries, domain events and hourly counts that one message at a time
gave (reviews.operations.on_message_event), a change the session held to one of the requests kept."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from nudgeweb import clock
from nudgeweb.analytics.rebuild import rebuild_counts
from nudgeweb.delivery.engine import Sent, record_sent
from nudgeweb.delivery.events import KEPT_IN_OUTBOX
from nudgeweb.extensions import db
from nudgeweb.models import AnalyticsCount, ContactActivity, DomainEvent, Message, ReviewRequest, ReviewRequestEvent
from nudgeweb.unit_of_work import unit_of_work
from tests.factories import ContactFactory


def a_batch(organization):
    """Three requests and a message of each: two first messages (one by SMS, kept in the outbox) and a follow-up."""
    now = clock.now()
    people = [ContactFactory(organization=organization, email=f"{name}@example.net", phone=phone)
              for name, phone in (("ada", None), ("bob", "+447400123456"), ("cy", None))]
    requests = [ReviewRequest(organization_id=organization.id, contact_id=person.id, channel=channel,
                              scheduled_for=now - timedelta(days=days), status=status, steps_sent=steps,
                              sent_at=now - timedelta(days=days) if status == "sent" else None)
                for person, channel, status, steps, days in zip(
                    people, ("email", "sms", "email"), ("scheduled", "scheduled", "sent"), (1, 1, 2), (0, 0, 3))]
    db.session.add_all(requests)
    db.session.flush()
    messages = [Message(organization_id=organization.id, contact_id=request.contact_id, channel=request.channel,
                        purpose="review_request", purpose_id=request.id, to=person.phone or person.email,
                        status="sending", subject="How did we do?")
                for request, person in zip(requests, people)]
    db.session.add_all(messages)
    db.session.commit()
    backends = ("smtp", "outbox", "smtp")
    return requests, [Sent(message, backend, None, now) for message, backend in zip(messages, backends)]


def what_was_recorded(organization_id, requests):
    """Everything the batch wrote, by contact, without ids and times."""
    order = {request.id: index for index, request in enumerate(requests)}
    contacts = {request.contact_id: index for index, request in enumerate(requests)}
    statuses = [(request.status, request.sent_at is not None) for request in
                (db.session.get(ReviewRequest, request.id, populate_existing=True) for request in requests)]
    lines = sorted((order[e.review_request_id], e.kind, e.summary, e.data) for e in db.session.scalars(
        select(ReviewRequestEvent).where(ReviewRequestEvent.organization_id == organization_id)))
    timeline = sorted((contacts[a.contact_id], a.kind, a.summary, a.data["review_request_id"] and True)
                      for a in db.session.scalars(select(ContactActivity).where(
                          ContactActivity.organization_id == organization_id,
                          ContactActivity.kind.like("review_request.%"))))
    events = sorted((e.data["email"], e.data["phone"], e.data["status"], sorted(e.data["metadata"].items()))
                    for e in db.session.scalars(select(DomainEvent).where(
                        DomainEvent.organization_id == organization_id, DomainEvent.type == "review_request.sent")))
    counts = sorted((row.metric, row.dimension, row.hour, row.count) for row in db.session.scalars(
        select(AnalyticsCount).where(AnalyticsCount.organization_id == organization_id, AnalyticsCount.count != 0)))
    return statuses, lines, timeline, events, counts


@pytest.mark.parametrize("held_changed", [False, True], ids=["", "a change held"])
def test_a_batch_of_review_messages_sent_moves_its_requests_on(organization, other_owner, held_changed):
    theirs = other_owner.organization
    with unit_of_work(theirs.id):
        their_requests, their_batch = a_batch(theirs)
        their_before = what_was_recorded(theirs.id, their_requests)
    with unit_of_work(organization.id):
        requests, batch = a_batch(organization)
        if held_changed:  # this transaction changed a request already, not yet written: the change stays
            db.session.get(ReviewRequest, requests[0].id).extra = {"order": "A-1"}
        record_sent(organization.id, batch)
        statuses, lines, timeline, events, counts = what_was_recorded(organization.id, requests)

    assert statuses == [("sent", True), ("sent", True), ("sent", True)]
    assert lines == [(0, "sent", "Sent by email", {}), (1, "sent", f"SMS {KEPT_IN_OUTBOX}", {"kept_in_outbox": True}),
                     (2, "follow_up_sent", "Follow-up 1 sent", {})]
    assert timeline == [(0, "review_request.sent", "Review request: Sent by email", True),
                        (1, "review_request.sent", f"Review request: SMS {KEPT_IN_OUTBOX}", True),
                        (2, "review_request.follow_up_sent", "Review request: Follow-up 1 sent", True)]
    assert events == [
        ("ada@example.net", None, "sent", [("channel", "email")]),
        ("bob@example.net", "+447400123456", "sent", [("channel", "sms"), ("kept_in_outbox", True)]),
        ("cy@example.net", None, "sent", [("channel", "email")]),
    ]
    asked = {}
    for metric, dimension, _hour, count in counts:
        if metric == "review.asked":
            asked[dimension] = asked.get(dimension, 0) + count
    assert asked == {"email": 2, "sms": 1}
    with unit_of_work(organization.id):
        assert db.session.get(ReviewRequest, requests[0].id).extra == ({"order": "A-1"} if held_changed else {})
        rebuild_counts(organization.id)
        assert what_was_recorded(organization.id, requests)[4] == counts  # the live counts equal a rebuild
    with unit_of_work(theirs.id):  # the other business's batch, not sent, is as it was
        assert what_was_recorded(theirs.id, their_requests) == their_before
