"""SQLite's checkpoints (the write-ahead log copied back into the database file, waiting for the disk) are the
consumer's work: a web request's commit leaves them, so that no request waits for the disk."""
import sqlite3

import pytest
from sqlalchemy import func, select

from nudgeweb import sqlite_writer
from nudgeweb.extensions import db, huey
from nudgeweb.models import Organization, new_id
from nudgeweb.tasks import checkpoint_the_database
from nudgeweb.unit_of_work import unit_of_work


@pytest.fixture
def sqlite_only(app_ctx):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("checkpoints are SQLite's")


def pages_before_a_checkpoint():
    with db.engine.connect() as connection:
        return connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar()


def test_a_web_process_leaves_the_checkpoints_to_the_consumer(sqlite_only):
    assert pages_before_a_checkpoint() == 10_000  # 40 MB of log: reached only with no consumer running


def test_the_consumer_checkpoints_as_sqlite_does_by_default(sqlite_only):
    with db.engine.connect():  # a connection made before the consumer started
        pass
    sqlite_writer.checkpoint_in_this_process()  # as `flask worker` does before it starts the consumer
    try:
        assert pages_before_a_checkpoint() == 1_000
    finally:  # the next tests' connections are a web process's again (before any fixture connects)
        sqlite_writer._checkpoint_pages = sqlite_writer.WEB_CHECKPOINT_PAGES
        db.engine.dispose()


def in_the_database_file(name):
    """Organizations named ``name`` in the database file itself, leaving out what is still only in the log."""
    path = db.engine.url.database
    with sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True) as connection:
        return connection.execute("SELECT count(*) FROM organizations WHERE name = ?", (name,)).fetchone()[0]


def test_a_committed_write_reaches_the_file_at_the_consumers_checkpoint(sqlite_only):
    name = f"Checkpoint Bakery {new_id()}"
    with unit_of_work():
        db.session.add(Organization(name=name, slug=f"checkpoint-{new_id().hex}"))
    with unit_of_work(across=True):
        assert db.session.scalar(select(func.count()).where(Organization.name == name)) == 1
    assert in_the_database_file(name) == 0  # committed, in the log: the request did not copy it back

    checkpoint_the_database.call_local()  # the consumer's, every minute
    assert in_the_database_file(name) == 1


def test_the_consumer_checkpoints_every_minute():
    assert "checkpoint_the_database" in {task.name.rsplit(".", 1)[-1] for task in huey._registry.periodic_tasks}


def test_the_minute_checkpoint_leaves_other_databases_alone(app_ctx):
    if db.engine.dialect.name == "sqlite":
        pytest.skip("on SQLite it checkpoints (above)")
    checkpoint_the_database.call_local()  # PostgreSQL has no PRAGMA: it would raise if one were sent


def test_an_import_gives_the_connection_back_with_this_processs_checkpoints(sqlite_only, organization):
    from nudgeweb.imports.operations import _sqlite_bulk_writes

    with unit_of_work(organization.id):
        with _sqlite_bulk_writes():  # an import's chunk: the log may hold 40 MB meanwhile
            connection = db.session.connection().connection.dbapi_connection
            assert connection.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 10_000
    assert connection.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 10_000  # a web process's, not 1,000
