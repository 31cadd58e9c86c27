"""Rows written without the ORM: writes sent together (one round trip on PostgreSQL) stand or fall together."""
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from nudgeweb.bulk import insert_rows, together
from nudgeweb.contacts.timeline import activity_rows
from nudgeweb.extensions import db
from nudgeweb.models import ContactActivity
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
