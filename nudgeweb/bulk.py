"""Many rows into one table with a single executemany, without SQLAlchemy's per-row bookkeeping.

``db.session.execute(insert(table), rows)`` builds and processes a parameter set per row, which
costs about as much as SQLite's own work when a file of 100,000 contacts comes in. Here the
statement is compiled once, each column's bind processor (UUIDs, UTC datetimes, JSON) is looked
up once, and the driver gets plain tuples. The insert joins the session's transaction.
A statement is compiled once per table, columns and dialect, and kept (most writes are small: the
compiling would cost more than the insert).

PreparedInsert does the conversion ahead of time, so that an import's workers can prepare rows
side by side and hold the database's write lock only for the insert itself.
"""
from contextlib import contextmanager
from functools import lru_cache

from sqlalchemy import insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError

from nudgeweb.models import db


class PreparedInsert:
    """An INSERT of ``rows`` (dicts with the same keys) compiled and converted for the driver;
    ``skip_conflicts``: rows that would break a unique constraint are left out (ON CONFLICT DO NOTHING);
    ``converted``: the values are already as the driver takes them (see converter);
    ``statement``: another INSERT of ``table`` (an upsert), built once by the caller and kept."""

    def __init__(self, table, rows, dialect=None, skip_conflicts=False, converted=False, statement=None):
        self.params = []
        if not rows:
            return
        dialect = dialect or db.engine.dialect
        keys = tuple(rows[0])
        if statement is None:
            statement = _insert(table, dialect.name, skip_conflicts)
        self.sql, names, positional = _compiled(statement, dialect, keys)
        columns = [_processed([row[name] for row in rows], None if converted else converter(table.c[name], dialect))
                   for name in names]
        self.params = list(zip(*columns)) if positional else [dict(zip(names, values)) for values in zip(*columns)]

    def execute(self, indexes=None, connection=None):
        """Insert every row, or only the rows at ``indexes``, in the current transaction (or on
        ``connection``); the number of rows inserted, when the driver tells (None otherwise)."""
        params = self.params if indexes is None else [self.params[index] for index in indexes]
        if not params:
            return 0
        result = (connection or db.session.connection()).exec_driver_sql(self.sql, params)
        return result.rowcount if result.rowcount >= 0 else None


@lru_cache(maxsize=None)
def _insert(table, dialect_name, skip_conflicts):
    if not skip_conflicts:
        return insert(table)
    return {"sqlite": sqlite.insert, "postgresql": postgresql.insert}[dialect_name](table).on_conflict_do_nothing()


@lru_cache(maxsize=256)
def _compiled(statement, dialect, keys):
    """(SQL, the parameters' names in order, positional or not) of ``statement`` for ``keys``."""
    compiled = statement.compile(dialect=dialect, column_keys=list(keys))
    return compiled.string, (compiled.positiontup if compiled.positional else list(keys)), compiled.positional


def converter(column, dialect=None):
    """The function that turns a value of ``column`` into the driver's, or None when it takes it as is."""
    return column.type._cached_bind_processor(dialect or db.engine.dialect)


def insert_rows(table, rows):
    """INSERT ``rows`` (dicts with the same keys) into ``table`` in the current transaction."""
    if rows:
        PreparedInsert(table, rows, db.session.connection().dialect).execute()


@contextmanager
def together():
    """The writes inside (inserts and upserts: statements that return no rows) go to PostgreSQL at once, in
    one round trip rather than one each (psycopg's pipeline mode), in the current transaction; one that fails
    raises at the latest when the block ends. No read inside: its rows would come only after the block.
    On SQLite, where a statement costs no round trip, they run one by one as ever."""
    connection = db.session.connection()
    driver_connection = connection.connection.dbapi_connection
    if not hasattr(driver_connection, "pipeline"):
        yield
        return
    try:
        with driver_connection.pipeline():
            yield
    except connection.dialect.loaded_dbapi.Error as error:  # (the driver's own, from the last writes' answers)
        raise DBAPIError.instance(None, None, error, connection.dialect.loaded_dbapi.Error) from error


def _processed(values, process):
    """One column's values as the driver takes them; a value repeated from the row before (the
    organization, the import's timestamp) is converted once."""
    if process is None:
        return values
    out, last, last_out = [], object(), None
    for value in values:
        if value is not last:
            last, last_out = value, process(value)
        out.append(last_out)
    return out
