"""Asking many customers stays cheap: a bulk ask inserts its requests in bulk with one task per
batch, a send task takes along its organization's other due messages, and every message goes once.
(bench/review_requests.py measures the speed; these prove the behaviour the speed relies on.)"""
from datetime import timedelta

from sqlalchemy import func, select

from nudgeweb.bulk import insert_rows
from nudgeweb.delivery import engine, queue_message
from nudgeweb.extensions import db, huey
from nudgeweb.models import Contact, ContactActivity, DomainEvent, Message, ReviewRequest, new_id, utcnow
from nudgeweb.models.reviews import ReviewRequestEvent
from nudgeweb.reviews import bulk, operations
from nudgeweb.unit_of_work import after_commit_together, unit_of_work
from tests.delivery_support import email_template, smtp  # noqa: F401
from tests.factories import ContactFactory, OrganizationFactory
from tests.reviews_support import NOW, frozen_clock, travel_and_run  # noqa: F401


def add_contacts(organization, count):
    now = utcnow()
    insert_rows(Contact.__table__, [
        {"id": new_id(), "organization_id": organization.id, "email": f"bulk{n}@example.com", "first_name": f"Bulk{n}",
         "last_name": "", "status": "subscribed", "source": "import", "custom_fields": {}, "company_name": "",
         "search_text": "", "created_at": now, "updated_at": now} for n in range(count)])
    db.session.commit()


def count(model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_a_bulk_ask_of_several_batches_asks_each_contact_once_with_one_task_a_batch(organization, owner):
    count_before, user_id = bulk.BATCH * 2 + 50, owner.user_id
    add_contacts(organization, count_before)
    asked_before = ContactFactory(organization=organization, email="asked@example.com")
    ContactFactory(organization=organization, email="gone@example.com", status="unsubscribed")
    with unit_of_work(organization.id):
        operations.request_for_contact(organization, asked_before, delay_hours=0)
    huey.flush()  # its own first step is not this test's
    with unit_of_work(organization.id):
        counts = bulk.send_to_audience(organization.id, {}, 2, user_id=user_id)
    assert counts == {"asked": count_before, "skipped": 1}
    requests = db.session.scalars(select(ReviewRequest).where(ReviewRequest.source == "bulk")).all()
    assert len(requests) == count_before == len({request.contact_id for request in requests})
    assert {(r.status, r.created_by_id, r.scheduled_for) for r in requests} == {("scheduled", user_id,
                                                                                   NOW + timedelta(hours=2))}
    assert count(ReviewRequestEvent, ReviewRequestEvent.kind == "scheduled") == count_before + 1
    assert count(ContactActivity, ContactActivity.kind == "review_request.scheduled") == count_before + 1
    scheduled = db.session.scalars(select(DomainEvent.data).where(DomainEvent.type == "review_request.scheduled")).all()
    assert len(scheduled) == count_before + 1  # an integrator hears of each request, asked in bulk or not
    assert {event["review_request_id"] for event in scheduled} >= {str(r.id) for r in requests}
    tasks = huey.scheduled()
    assert len(tasks) == 3  # one per batch of 200, not one per request
    assert sorted(i for task in tasks for i in task.args[1]) == sorted(str(r.id) for r in requests)

    travel_and_run(NOW + timedelta(hours=2))
    db.session.expire_all()
    assert count(Message, Message.purpose == "review_request") == count_before
    assert {r.steps_sent for r in db.session.scalars(select(ReviewRequest).where(ReviewRequest.source == "bulk"))} == {1}


def test_a_bulk_ask_sees_only_its_organization(organization, owner):
    other_id = OrganizationFactory().id
    ContactFactory(organization_id=other_id, email="theirs@example.com")
    add_contacts(organization, 3)
    with unit_of_work(organization.id):
        assert bulk.send_to_audience(organization.id, {}, 1) == {"asked": 3, "skipped": 0}
    assert count(ReviewRequest, ReviewRequest.organization_id == other_id) == 0


def test_a_send_task_takes_along_the_due_messages_of_its_organization_only(smtp, organization):
    later, template = utcnow() + timedelta(hours=1), email_template(organization)
    ours = [queue_message(ContactFactory(organization=organization, email=f"c{n}@example.net"),
                          "email", template, purpose="campaign", send_at=later) for n in range(3)]
    other = OrganizationFactory()
    theirs = queue_message(ContactFactory(organization=other, email="theirs@example.net"), "email",
                           email_template(other), purpose="campaign", send_at=later)
    not_yet = queue_message(ContactFactory(organization=organization, email="tomorrow@example.net"), "email",
                            template, purpose="campaign", send_at=later + timedelta(days=1))
    db.session.execute(db.update(Message).where(Message.id != not_yet.id).values(send_at=utcnow()))
    db.session.commit()

    assert engine.send_claimed(organization.id, [ours[0].id]) == 3
    assert engine.send_claimed(organization.id, [ours[1].id]) == 0  # its message went with the first
    assert engine.send_claimed(organization.id, [ours[2].id]) == 0
    assert sorted(m["To"] for m in smtp.sink.messages) == ["c0@example.net", "c1@example.net", "c2@example.net"]
    db.session.expire_all()
    assert (db.session.get(Message, theirs.id).status, db.session.get(Message, not_yet.id).status) == (
        "queued", "queued")


def test_items_asked_together_reach_one_call_after_the_commit_and_none_after_a_rollback(organization):
    calls = []
    with unit_of_work(organization.id):
        for item in (1, 2, 3):
            after_commit_together("batch", calls.append, item)
        after_commit_together("other", calls.append, "x")
        assert calls == []
    assert calls == [[1, 2, 3], ["x"]]
    try:
        with unit_of_work(organization.id):
            after_commit_together("batch", calls.append, 4)
            raise RuntimeError("rolled back")
    except RuntimeError:
        pass
    assert calls == [[1, 2, 3], ["x"]]


def test_one_batch_of_sends_moves_each_of_its_review_requests_on_once(smtp, organization):
    """The engine announces a batch's sends together (one flush): each request is sent once, even
    one with two messages in the batch."""
    with unit_of_work(organization.id):
        requests = [operations.request_for_contact(
            organization, ContactFactory(organization=organization, email=f"r{n}@example.net"), delay_hours=1)
            for n in range(3)]
    template, later = email_template(organization), utcnow() + timedelta(hours=1)
    messages = [queue_message(request.contact, "email", template, purpose="review_request", purpose_id=request.id,
                              send_at=later) for request in [*requests, requests[0]]]
    db.session.execute(db.update(Message).values(send_at=utcnow()))
    db.session.commit()

    assert engine.send_claimed(organization.id, [messages[0].id]) == 4
    db.session.expire_all()
    for request in requests:
        request = db.session.get(ReviewRequest, request.id)
        assert request.status == "sent" and request.sent_at is not None
        assert [event.kind for event in request.events].count("sent") == 1
    assert count(DomainEvent, DomainEvent.type == "review_request.sent") == 3
    assert count(ContactActivity, ContactActivity.kind == "review_request.sent") == 3
