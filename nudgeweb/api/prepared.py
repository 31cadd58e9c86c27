"""SELECTs compiled once and run straight on the database driver, for the hottest lists.

Building a statement, computing its cache key and executing it through SQLAlchemy costs more
than a millisecond of CPU per request, against a tenth of that for the database to read a page
of 25 rows. A ``Prepared`` statement is compiled once (its IN lists rendered, so the caller's key
must include what shapes it) and then only its named parameters change; values go in and come
out through the column types' own converters, so rows hold what SQLAlchemy would have given
(but for UtcDateTime values, which stay naive UTC, and UUIDs, which are text: see _result_processor).
Use it only for reads that filter their organization themselves: they run on a connection of
their own, which the session's scoping does not see; like the session, they refuse to run with no
organization in force.
"""
import itertools
import os
import threading
import weakref
from collections import namedtuple

from cachetools import LRUCache
from flask import current_app
from psycopg.types.string import TextLoader
from sqlalchemy import JSON, Uuid, bindparam, create_engine, event, select

from nudgeweb.extensions import db, read_json
from nudgeweb.models.base import UtcDateTime
from nudgeweb.unit_of_work import OrganizationScopeError, current_organization_id


class Prepared:
    def __init__(self, statement, dialect):
        compiled = statement.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
        self.sql = compiled.string
        self.order = list(compiled.positiontup) if compiled.positional else None
        self.defaults = compiled.construct_params()
        binds = compiled.binds
        self.bind_processors = {}
        for name in self.defaults:
            bind = binds.get(name)
            if bind is None:
                bind = binds.get(name.rsplit("_", 1)[0])  # an IN list's expanded name
            process = bind.type._cached_bind_processor(dialect) if bind is not None else None
            if process is not None:
                self.bind_processors[name] = process
        columns = list(statement.selected_columns)
        self.processors = [(i, _result_processor(c.type, dialect)) for i, c in enumerate(columns)]
        self.processors = [(i, p) for i, p in self.processors if p is not None]
        self.row = namedtuple("Row", [c.key for c in columns], rename=True)

    def rows(self, **values):
        """The rows for these parameter values (the others keep the statement's own)."""
        if current_organization_id() is None:
            raise OrganizationScopeError("A prepared read with no organization in force")
        params = {**self.defaults, **values} if values else dict(self.defaults)
        for name, process in self.bind_processors.items():
            params[name] = process(params[name])
        arguments = tuple(params[name] for name in self.order) if self.order is not None else params
        fetched = _fetch(_reader(db.engine), self.sql, arguments)
        if not self.processors:
            return list(map(self.row._make, fetched))
        if not fetched:
            return []
        columns = list(zip(*fetched))  # converted a column at a time: the loops run in C
        for index, process in self.processors:
            columns[index] = map(process, columns[index])
        return list(itertools.starmap(self.row, zip(*columns)))


def _result_processor(column_type, dialect):
    """The column type's own converter, with three exceptions made for speed. UtcDateTime values
    stay naive UTC as stored: the document writer takes a naive datetime as UTC. UUIDs are their
    text (as str() gives it), which is all a document wants of them. JSON is read from its text
    here (see ``_as_text``)."""
    if isinstance(column_type, JSON):
        return _read_json
    if isinstance(column_type, Uuid):
        return _uuid_text if dialect.name != "postgresql" else None
    if isinstance(column_type, UtcDateTime):
        column_type = column_type.impl_instance
    return column_type._cached_result_processor(dialect, None)


def _read_json(text):
    return None if text is None else read_json(text)


def _uuid_text(h):
    """A UUID's 32 hex digits, as SQLite keeps them, in the text str() would give."""
    return None if h is None else f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


# the app's engine -> (the engine for its prepared reads, or None for itself; the process it was made in)
_readers = weakref.WeakKeyDictionary()


def _reader(engine):
    """The engine prepared reads run on. On PostgreSQL it is one of their own, in autocommit (no
    BEGIN and ROLLBACK round trips around each read), with neither a liveness ping nor a reset when
    a connection goes back to its pool: those cost more than reading a page. A dropped connection
    shows as an error instead, and ``_fetch`` tries once more. SQLite reads on the app's engine."""
    found = _readers.get(engine)
    if found is None or found[1] != os.getpid():
        with _lock:
            found = _readers.get(engine)
            if found is None or found[1] != os.getpid():
                found = _readers[engine] = (_new_reader(engine, found), os.getpid())
    return found[0] or engine


def _new_reader(engine, found):
    if found is not None and found[0] is not None:
        found[0].dispose(close=False)  # a parent process's connections: not ours to use or close
    if engine.dialect.name != "postgresql":
        return None
    # A generic plan, made once per statement: the parameters of a list change its plan little, and
    # with the custom plans PostgreSQL otherwise keeps choosing, planning cost more than reading.
    reader = create_engine(engine.url, isolation_level="AUTOCOMMIT", pool_reset_on_return=None,
                           connect_args={"options": "-c plan_cache_mode=force_generic_plan"})
    event.listen(reader, "connect", _as_text)
    return reader


def _as_text(connection, _record):
    """JSON and UUID columns come as their text: psycopg's own JSON loader took more than half the
    time of reading a page of contacts, and a UUID read only to be written again is text anyway."""
    for type_name in ("json", "jsonb", "uuid"):
        connection.adapters.register_loader(type_name, TextLoader)


def _fetch(engine, sql, arguments, again=True):
    """The rows of one statement, read once more on a new connection if the server dropped this one
    (a restart, an idle timeout)."""
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute(sql, arguments)
        return cursor.fetchall()
    except engine.dialect.loaded_dbapi.Error as error:
        if not again or not engine.dialect.is_disconnect(error, connection.driver_connection, None):
            raise
        connection.invalidate()
    finally:
        connection.close()
    engine.dispose()  # the pool's other idle connections are most likely gone too
    return _fetch(engine, sql, arguments, again=False)


_lock = threading.Lock()  # neither cachetools' caches nor _readers are thread-safe by themselves
_MISSING = object()


def remembered(key, compute):
    """``compute()``, kept in this process under ``key`` (which must change when the answer would)."""
    return _kept("api_remembered", 4096, key, compute)


def remembered_each(key, ids, compute):
    """The values of ``ids`` (strs) in their order, each kept in this process under ``(*key, id)`` (so
    ``key`` must change when any of them would); ``compute(missing)`` answers {id: value} for those not
    kept yet (an id it does not answer has no value, and is asked for again next time)."""
    cache = current_app.extensions.setdefault("api_remembered", LRUCache(maxsize=4096))
    with _lock:
        found = {i: cache.get((*key, i), _MISSING) for i in ids}
    missing = [i for i, value in found.items() if value is _MISSING]
    if missing:
        computed = compute(missing)
        with _lock:
            for i, value in computed.items():
                cache[(*key, i)] = found[i] = value
    return [found[i] for i in ids if found[i] is not _MISSING]


def prepared(key, build):
    """The Prepared statement of ``key``, made from ``build()`` the first time."""
    return _kept("api_prepared_statements", 512, key, lambda: Prepared(build(), db.session.get_bind().dialect))


def rows_with(columns, key_column, organization_column, organization_id, keys):
    """The organization's rows of ``columns`` whose ``key_column`` is one of ``keys`` (UUIDs), read
    by a statement prepared once for each number of keys (the rows a page of another resource includes)."""
    keys = sorted(set(keys), key=str)
    if not keys:
        return []

    def build():
        return select(*columns).where(
            organization_column == bindparam("organization_id", organization_id, type_=organization_column.type),
            key_column.in_(bindparam("keys", keys, type_=key_column.type)))

    statement = prepared(("rows_with", *(str(c) for c in columns), str(key_column), len(keys)), build)
    return statement.rows(organization_id=organization_id, **{f"keys_{n}": key for n, key in enumerate(keys, 1)})


def _kept(name, size, key, compute):
    """``compute()``, kept under ``key`` in the app's LRU cache ``name`` of ``size`` entries."""
    cache = current_app.extensions.setdefault(name, LRUCache(maxsize=size))
    with _lock:
        found = cache.get(key, _MISSING)
    if found is _MISSING:
        found = compute()
        with _lock:
            cache[key] = found
    return found
