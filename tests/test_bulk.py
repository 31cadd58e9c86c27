"""Rows written without the ORM: writes sent together (one round trip on PostgreSQL) stand or fall together."""
import pytest
from sqlalchemy import func, inspect, select
from sqlalchemy.exc import IntegrityError

from nudgeweb.bulk import insert_new_object, insert_rows, together, writes_at_the_end
from nudgeweb.contacts.timeline import activity_rows
from nudgeweb.extensions import db
from nudgeweb.models import ContactActivity, new_id, utcnow
from nudgeweb.models.reviews import ReviewRequest, ReviewRequestEvent, new_public_token
from nudgeweb.unit_of_work import unit_of_work
from tests.factories import ContactFactory


def timeline_rows(contact, summaries):
    return activity_rows(contact.organization_id, [
        {"contact_id": contact.id, "kind": "note", "summary": summary} for summary in summaries])


def test_writes_sent_together_are_all_stored(organization):
    contact = ContactFactory(organization=organization)
    first, second = timeline_rows(contact, ["one", "two"]), timeline_rows(contact, ["three"])
    with unit_of_work(organization.id):
        with together():
            insert_rows(ContactActivity.__table__, first)
            insert_rows(ContactActivity.__table__, second)
    assert sorted(db.session.scalars(select(ContactActivity.summary))) == ["one", "three", "two"]


def test_a_write_that_fails_among_others_fails_them_all(organization):
    contact = ContactFactory(organization=organization)
    before, twice, after = (timeline_rows(contact, [summary]) for summary in ("before", "twice", "after"))
    with pytest.raises(IntegrityError), unit_of_work(organization.id):
        with together():
            insert_rows(ContactActivity.__table__, before)
            insert_rows(ContactActivity.__table__, twice)
            insert_rows(ContactActivity.__table__, twice)  # the same id again
            insert_rows(ContactActivity.__table__, after)
    assert db.session.scalar(select(func.count()).select_from(ContactActivity)) == 0


def test_a_new_object_is_written_as_its_writes_left_it_and_changes_after_are_kept(organization):
    contact = ContactFactory(organization=organization)
    with unit_of_work(organization.id):
        request = ReviewRequest(id=new_id(), organization_id=organization.id, contact_id=contact.id, channel="email",
                                scheduled_for=utcnow(), public_token=new_public_token())
        with writes_at_the_end():
            insert_new_object(request)
            insert_rows(ReviewRequestEvent.__table__, [{  # a row that points at it, written after it
                "id": new_id(), "organization_id": organization.id, "review_request_id": request.id,
                "kind": "scheduled", "summary": "Scheduled", "data": {}, "occurred_at": utcnow()}])
            request.steps_sent = 1  # before the writes end: in the row itself
            assert db.session.scalar(select(func.count()).select_from(ReviewRequest)) == 0
        assert inspect(request).persistent
        request.status = "sent"  # after: the session's change, as for any object it read
    db.session.expire_all()
    stored = db.session.get(ReviewRequest, request.id)
    assert (stored.steps_sent, stored.status, stored.source, stored.extra) == (1, "sent", "manual", {})
    assert [event.kind for event in stored.events] == ["scheduled"]
