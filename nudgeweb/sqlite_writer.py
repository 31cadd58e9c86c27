"""SQLite has one writer at a time: the busy paths (queueing and sending messages) take turns here.
And the checkpoints that copy the write-ahead log back into the database file, which wait for the disk, are
the consumer's work, not a request's (checkpoint_pages).

Without this, a writer that finds the database locked waits in SQLite's busy handler, which sleeps
in steps of up to 100 ms whether or not the lock was freed in the meantime (1 ms at the least: a
send's receipt that met a request's write waited that long, a message at a time). Here every writer of
every process (the web server, each Huey worker) waits on a lock file next to the database and is
woken the moment the last one finishes. Other databases lock rows, not the file: nothing to do.

Two ways in: ``one_writer()`` around a block, and ``hold_until_the_transaction_ends()`` where bulk.py's
writes begin (a review request's rows, written together just before its commit, are a web request's). A thread
that holds the lock already does not take it again, nor does a session that has begun writing without it.
"""
import fcntl
import os
import threading
from contextlib import contextmanager

from sqlalchemy import event

from nudgeweb.models import db

_this_thread = threading.local()  # .holds: the lock is this thread's (a second flock of the file would wait on it)
_HELD = "sqlite_writer_lock"  # session.info: the descriptor held until the transaction ends


@contextmanager
def one_writer():
    """Hold the database's writer lock (SQLite files only) around a short write transaction."""
    descriptor = _take()
    try:
        yield
    finally:
        _release(descriptor)


def hold_until_the_transaction_ends():
    """Take the writer's lock for the rest of the session's transaction: its commit or rollback releases it."""
    session = db.session()
    if _HELD not in session.info and (descriptor := _take()) is not None:
        session.info[_HELD] = descriptor


@event.listens_for(db.session, "after_transaction_end")
def _transaction_ended(session, transaction):
    if transaction.parent is None and _HELD in session.info:
        _release(session.info.pop(_HELD))


def _take():
    """The lock, or None: not a SQLite file, this thread holds it already, or the session has begun writing and so
    holds SQLite's own lock (waiting for ours then could leave two writers each waiting for the other's lock)."""
    path = _lock_path()
    if path is None or getattr(_this_thread, "holds", False) or _writing(db.session()):
        return None
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)  # one open file per turn: threads exclude each other too
    except BaseException:
        os.close(descriptor)
        raise
    _this_thread.holds = True
    return descriptor


def _writing(session):
    """Whether the session's SQLite connection is in a transaction (pysqlite begins one before a write)."""
    return session.in_transaction() and session.connection().connection.dbapi_connection.in_transaction


def _release(descriptor):
    if descriptor is not None:
        _this_thread.holds = False
        os.close(descriptor)  # releases the lock


def _lock_path():
    database = _sqlite_file()
    return database and f"{database}-writer.lock"


def _sqlite_file():
    """The path of the app's database when it is a SQLite file, else None."""
    url = db.engine.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return url.database


# After a commit that leaves this many pages in the log, the committing connection copies the log back into the
# database file (a checkpoint) and waits for the disk twice, 10 to 30 ms here: in a request, a web worker idles
# meanwhile. The consumer checkpoints at SQLite's default (1,000 pages, and each minute); the web server only once
# the log holds 40 MB, which it reaches with no consumer running. Set once per process, before its first connection.
WEB_CHECKPOINT_PAGES, CONSUMER_CHECKPOINT_PAGES = 10_000, 1_000
_checkpoint_pages = WEB_CHECKPOINT_PAGES


def checkpoint_in_this_process():
    """This process (the Huey consumer) does the database's checkpoints: its connections from now on."""
    global _checkpoint_pages
    _checkpoint_pages = CONSUMER_CHECKPOINT_PAGES
    db.engine.dispose()  # (a connection the app made already keeps the web's setting)


def checkpoint_pages():
    return _checkpoint_pages


def checkpoint_now():
    """Copy what the log holds back into the database file, as far as no reader still needs it (SQLite files)."""
    if _sqlite_file():
        with db.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
