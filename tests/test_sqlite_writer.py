"""SQLite's writers take turns on a lock file (nudgeweb.sqlite_writer): a bulk write (a review request's rows, an
import's) waits there, holding nothing of SQLite's meanwhile, is woken when the lock is given back, and keeps it
until its transaction ends; a session that began writing without it does not wait for it."""
import fcntl
import os
import sqlite3
import threading
import time

import pytest

from nudgeweb import sqlite_writer
from nudgeweb.bulk import insert_rows
from nudgeweb.extensions import db
from nudgeweb.models import Contact, new_id, utcnow
from nudgeweb.unit_of_work import unit_of_work


@pytest.fixture
def lock_path(app_ctx):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("other databases lock rows, not the file")
    return sqlite_writer._lock_path()


def a_contact(organization):
    now = utcnow()
    return {"id": new_id(), "organization_id": organization.id, "email": f"{new_id().hex}@example.net",
            "first_name": "Turn", "last_name": "", "status": "subscribed", "source": "import", "custom_fields": {},
            "company_name": "", "search_text": "", "created_at": now, "updated_at": now}


def free(lock_path):
    """Whether another writer could take the lock now."""
    descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(descriptor)


class Holder(threading.Thread):
    """Another writer that holds the lock for ``seconds``; with ``write``, it writes to the database meanwhile,
    as the holder does, failing at once if someone else holds SQLite's own lock."""

    def __init__(self, lock_path, seconds, write=False):
        super().__init__(daemon=True)
        self.lock_path, self.seconds, self.wrote, self.taken = lock_path, seconds, None, threading.Event()
        self.database = db.engine.url.database if write else None

    def run(self):
        descriptor = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        self.taken.set()
        try:
            time.sleep(self.seconds / 2)
            if self.database:
                with sqlite3.connect(self.database, timeout=0.1) as connection:
                    connection.execute("UPDATE organizations SET updated_at = updated_at")
                self.wrote = True
            time.sleep(self.seconds / 2)
        finally:
            os.close(descriptor)


def test_a_bulk_write_waits_its_turn_without_sqlites_lock_and_keeps_the_turn_until_its_commit(lock_path, organization):
    holder = Holder(lock_path, 0.6, write=True)
    holder.start()
    holder.taken.wait(5)
    started = time.perf_counter()
    with unit_of_work(organization.id):
        insert_rows(Contact.__table__, [a_contact(organization)])
        waited = time.perf_counter() - started
        assert not free(lock_path)  # written, not committed: the turn is still ours
    assert free(lock_path)  # the commit gave it back
    holder.join(5)
    assert waited >= 0.5 and holder.wrote  # it waited for the holder, who could write meanwhile


def test_a_rollback_gives_the_turn_back(lock_path, organization):
    with pytest.raises(ZeroDivisionError), unit_of_work(organization.id):
        insert_rows(Contact.__table__, [a_contact(organization)])
        assert not free(lock_path)
        1 / 0
    assert free(lock_path)


def test_a_session_that_began_writing_does_not_wait_for_the_turn(lock_path, organization):
    with unit_of_work(organization.id):
        organization.name = "Turn Takers"
        db.session.flush()  # SQLite's lock is this session's now
        holder = Holder(lock_path, 3)
        holder.start()
        holder.taken.wait(5)
        started = time.perf_counter()
        insert_rows(Contact.__table__, [a_contact(organization)])
        with sqlite_writer.one_writer():
            pass
        assert time.perf_counter() - started < 1  # (waiting would leave the holder waiting for SQLite's lock)
    holder.join(5)
