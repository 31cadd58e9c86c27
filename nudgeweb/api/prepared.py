"""SELECTs compiled once and run straight on the database driver, for the hottest lists.

Building a statement, computing its cache key and executing it through SQLAlchemy costs more
than a millisecond of CPU per request, against a tenth of that for the database to read a page
of 25 rows. A ``Prepared`` statement is compiled once (its IN lists rendered, so the caller's key
must include what shapes it) and then only its named parameters change; values go in and come
out through the column types' own converters, so rows hold what SQLAlchemy would have given.
Use it only for reads that filter their organization themselves: they run on a connection of
their own, which the session's scoping does not see.
"""
import threading
from collections import namedtuple

from cachetools import LRUCache

from flask import current_app, g

from nudgeweb.extensions import db


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
        self.processors = [(i, c.type._cached_result_processor(dialect, None)) for i, c in enumerate(columns)]
        self.processors = [(i, p) for i, p in self.processors if p is not None]
        self.row = namedtuple("Row", [c.key for c in columns], rename=True)

    def rows(self, **values):
        """The rows for these parameter values (the others keep the statement's own)."""
        params = {**self.defaults, **values} if values else dict(self.defaults)
        for name, process in self.bind_processors.items():
            params[name] = process(params[name])
        arguments = tuple(params[name] for name in self.order) if self.order is not None else params
        cursor = _connection().cursor()
        try:
            cursor.execute(self.sql, arguments)
            fetched = cursor.fetchall()
        finally:
            cursor.close()
        if not self.processors:
            return [self.row._make(row) for row in fetched]
        rows = []
        for row in fetched:
            row = list(row)
            for index, process in self.processors:
                row[index] = process(row[index])
            rows.append(self.row._make(row))
        return rows


def _connection():
    """A pooled driver connection of this app context's own, outside the ORM session's transaction
    (reads only); ``release_connection`` gives it back when the context ends."""
    found = g.get("prepared_connection")
    if found is None:
        found = g.prepared_connection = db.engine.connect()
        if found.dialect.name == "postgresql":  # no BEGIN and ROLLBACK round trips around each read
            found.execution_options(isolation_level="AUTOCOMMIT")  # (SQLite's driver begins none for a SELECT)
    return found.connection


def release_connection(_error=None):
    found = g.pop("prepared_connection", None)
    if found is not None:
        found.close()


_lock = threading.Lock()  # cachetools' caches are not thread-safe by themselves
_MISSING = object()


def remembered(key, compute):
    """``compute()``, kept in this process under ``key`` (which must change when the answer would)."""
    return _kept("api_remembered", 4096, key, compute)


def prepared(key, build):
    """The Prepared statement of ``key``, made from ``build()`` the first time."""
    return _kept("api_prepared_statements", 512, key, lambda: Prepared(build(), db.session.get_bind().dialect))


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
