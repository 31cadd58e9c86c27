"""SQLite has one writer at a time: the busy paths (queueing and sending messages) take turns here.

Without this, a writer that finds the database locked waits in SQLite's busy handler, which sleeps
in steps of up to 100 ms whether or not the lock was freed in the meantime. Here every writer of
every process (the web server, each Huey worker) waits on a lock file next to the database and is
woken the moment the last one finishes. Other databases lock rows, not the file: nothing to do.
"""
import fcntl
import os
from contextlib import contextmanager

from nudgeweb.models import db


@contextmanager
def one_writer():
    """Hold the database's writer lock (SQLite files only) around a short write transaction."""
    path = _lock_path()
    if path is None:
        yield
        return
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)  # one open file per turn: threads exclude each other too
        yield
    finally:
        os.close(descriptor)  # releases the lock


def _lock_path():
    url = db.engine.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return f"{url.database}-writer.lock"
