"""UtcDateTime's own conversion on SQLite writes exactly the text SQLAlchemy's DATETIME would: the rows
written before it and after it sort and compare as one."""
from datetime import datetime, timedelta, timezone

from sqlalchemy.dialects import sqlite
from sqlalchemy.types import DateTime

from nudgeweb.extensions import db
from nudgeweb.models import Contact
from nudgeweb.models.base import UtcDateTime
from nudgeweb.unit_of_work import unit_of_work
from tests.factories import ContactFactory

SQLITE = sqlite.dialect()
SQLALCHEMYS = DateTime()._cached_bind_processor(SQLITE)
OURS = UtcDateTime()._cached_bind_processor(SQLITE)


def test_naive_utc_is_written_as_sqlalchemy_writes_it():
    for value in (datetime(2026, 12, 5, 10, 30, 45, 395637), datetime(2026, 1, 2, 3, 4, 5),  # no microseconds
                  datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59, 59, 999999), datetime(999, 3, 4, 5, 6, 7, 8)):
        assert OURS(value) == SQLALCHEMYS(value)
    assert OURS(datetime(2026, 1, 2, 3, 4, 5)) == "2026-01-02 03:04:05.000000"
    assert OURS(None) is None


def test_an_aware_time_is_written_in_utc():
    kolkata = timezone(timedelta(hours=5, minutes=30))
    moment = datetime(2026, 12, 5, 1, 0, 0, 120, tzinfo=kolkata)
    assert OURS(moment) == "2026-12-04 19:30:00.000120" == SQLALCHEMYS(moment.astimezone(timezone.utc).replace(tzinfo=None))


def test_a_stored_time_reads_back_the_same(app_ctx, organization):
    moment = datetime(2026, 3, 29, 1, 30, 0, tzinfo=timezone(timedelta(hours=-4)))
    contact = ContactFactory(organization=organization, email="when@example.net")
    with unit_of_work(organization.id):
        db.session.get(Contact, contact.id).subscribed_at = moment
    db.session.expire_all()
    with unit_of_work(organization.id):
        assert db.session.get(Contact, contact.id).subscribed_at == moment
