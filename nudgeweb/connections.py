"""A pooled PostgreSQL connection is checked before use only when it may have died while it waited.

SQLAlchemy's ``pool_pre_ping`` costs a round trip to the server on every checkout, that is on every
request. A connection is pinged here only when it sat in the pool longer than ``IDLE_SECONDS`` (a
firewall or the server may have closed it without a word), or when the server has written to it while it
was idle (a restarted or terminated backend says so before it closes). A dead one is replaced before the
request uses it, as pre-ping does. (SQLite's connections are files: nothing to check.)
"""
import select
import time

from sqlalchemy import event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.pool import Pool

IDLE_SECONDS = 10
_RETURNED = "returned_at"  # connection record info: when the connection came back to the pool


@event.listens_for(Pool, "checkin")
def _note_return(_dbapi_connection, record):
    if record is not None:
        record.info[_RETURNED] = time.monotonic()


@event.listens_for(Pool, "checkout")
def _ping_if_it_may_be_dead(dbapi_connection, record, _proxy):
    returned_at = record.info.get(_RETURNED)
    if returned_at is None or not hasattr(dbapi_connection, "pgconn"):  # just connected, or not PostgreSQL
        return
    if time.monotonic() - returned_at < IDLE_SECONDS and not _server_spoke(dbapi_connection):
        return
    try:
        _ping(dbapi_connection)
    except Exception as error:  # (whatever the driver raises: the pool connects anew)
        raise DisconnectionError("The pooled connection is gone.") from error


def _server_spoke(dbapi_connection):
    """Whether the server wrote to this idle connection (its last words, or an EOF once it closed it)."""
    try:
        return bool(select.select([dbapi_connection.fileno()], [], [], 0)[0])
    except (OSError, ValueError):
        return True


def _ping(dbapi_connection):
    autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True  # (a ping opens no transaction)
    try:
        dbapi_connection.execute(";")
    finally:
        if not dbapi_connection.closed:
            dbapi_connection.autocommit = autocommit
