"""Many rows into one table with a single executemany, without SQLAlchemy's per-row bookkeeping.

``db.session.execute(insert(table), rows)`` builds and processes a parameter set per row, which
costs about as much as SQLite's own work when a file of 100,000 contacts comes in. Here the
statement is compiled once, each column's bind processor (UUIDs, UTC datetimes, JSON) is looked
up once, and the driver gets plain tuples. The insert joins the session's transaction.
A statement is compiled once per table, columns and dialect, and kept (most writes are small: the
compiling would cost more than the insert).

PreparedInsert does the conversion ahead of time, so that an import's workers can prepare rows
side by side and hold the database's write lock only for the insert itself.

On PostgreSQL the rows go in one statement, a column an array (INSERT ... SELECT * FROM unnest(...)):
the driver's executemany sends, and the server runs, one statement a row, which cost more than the
insert itself (and a statement of many VALUES rows is parsed anew by the driver each time).
"""
from contextlib import contextmanager
from functools import lru_cache, partial

from sqlalchemy import and_, bindparam, event, insert, inspect, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.instrumentation import manager_of_class

from nudgeweb import sqlite_writer
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
        # (not a caller's own statement: an upsert refuses two rows of one key in one statement)
        self.arrays = dialect.name == "postgresql" and statement is None
        if self.arrays:
            self.sql, names, positional = _arrays_insert(table, dialect, keys, skip_conflicts)
        else:
            if statement is None:
                statement = _insert(table, dialect.name, skip_conflicts)
            self.sql, names, positional = _compiled(statement, dialect, keys)
        converters = (None,) * len(names) if converted else _converters(table, dialect, tuple(names))
        if len(rows) == 1:  # (most inserts: a request's rows)
            row = rows[0]
            columns = [[row[name] if process is None else process(row[name])] for name, process in zip(names, converters)]
        else:
            columns = [_processed([row[name] for row in rows], process) for name, process in zip(names, converters)]
        self.params = list(zip(*columns)) if positional else [dict(zip(names, values)) for values in zip(*columns)]

    def execute(self, indexes=None, connection=None):
        """Insert every row, or only the rows at ``indexes``, in the current transaction (or on
        ``connection``); the number of rows inserted, when the driver tells (None otherwise)."""
        params = self.params if indexes is None else [self.params[index] for index in indexes]
        if not params:
            return 0
        connection = connection or db.session.connection()
        if self.arrays:
            params = tuple(map(list, zip(*params)))  # the rows' columns
        elif connection.dialect.name == "sqlite":
            return _on_sqlite_driver(connection, self.sql, params)
        result = connection.exec_driver_sql(self.sql, params)
        return result.rowcount if result.rowcount >= 0 else None


def _on_sqlite_driver(connection, sql, params):
    """``sql`` for each of ``params`` on the driver's own cursor, in ``connection``'s transaction (pysqlite begins one
    before a write as ever): for a row or two, SQLAlchemy's execution (its context, events and result) cost twice
    the insert itself, and most of these are of one row. An error is SQLAlchemy's, as from any statement."""
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        cursor.executemany(sql, params)
        return cursor.rowcount
    except connection.dialect.loaded_dbapi.Error as error:
        raise DBAPIError.instance(sql, params, error, connection.dialect.loaded_dbapi.Error,
                                  dialect=connection.dialect, ismulti=True) from error
    finally:
        cursor.close()


class PreparedStatement:
    """A Core statement that writes (an UPDATE, a DELETE) compiled once for a dialect, its values converted here and
    run on a driver connection's own cursor: for one small write, SQLAlchemy's execution (context, events, result)
    cost more than the write. Columns updated by a Python-side ``onupdate`` (``updated_at``) get theirs."""

    def __init__(self, statement, dialect):
        self.dialect = dialect
        self.compiled = statement.compile(dialect=dialect)
        self.processors = {name: bind.type._cached_bind_processor(dialect) for name, bind in self.compiled.binds.items()}
        self.onupdates = [(column.key, column.onupdate) for column in self.compiled.update_prefetch]

    def execute(self, driver_connection, values):
        """Run with ``values`` (by the statement's parameter names) on ``driver_connection``, in its transaction;
        the number of rows it changed. An error is SQLAlchemy's, as from any statement."""
        values = {**{key: _value_of(default) for key, default in self.onupdates}, **values}
        params = {name: process(value) if (process := self.processors.get(name)) else value
                  for name, value in self.compiled.construct_params(values).items()}
        if self.compiled.positiontup is not None:  # (?-style drivers: SQLite)
            params = [params[name] for name in self.compiled.positiontup]
        cursor = driver_connection.cursor()
        try:
            cursor.execute(self.compiled.string, params)
            return cursor.rowcount
        except self.dialect.loaded_dbapi.Error as error:
            raise DBAPIError.instance(self.compiled.string, params, error, self.dialect.loaded_dbapi.Error,
                                      dialect=self.dialect) from error
        finally:
            cursor.close()


@lru_cache(maxsize=64)
def prepared_statement(statement, dialect):
    return PreparedStatement(statement, dialect)


def run_statement(statement, values):
    """``statement`` (an UPDATE, a DELETE, built once and kept by the caller) with ``values`` in the current
    transaction: on SQLite on the driver (PreparedStatement), elsewhere through SQLAlchemy."""
    connection = db.session.connection()
    if connection.dialect.name != "sqlite":
        return connection.execute(statement, values).rowcount
    return prepared_statement(statement, connection.dialect).execute(connection.connection.dbapi_connection, values)


@lru_cache(maxsize=None)
def _insert(table, dialect_name, skip_conflicts):
    if not skip_conflicts:
        return insert(table)
    return {"sqlite": sqlite.insert, "postgresql": postgresql.insert}[dialect_name](table).on_conflict_do_nothing()


@lru_cache(maxsize=256)
def _converters(table, dialect, names):
    """converter() of each of ``names``, looked up once per table and columns (most inserts are of one row)."""
    return tuple(converter(table.c[name], dialect) for name in names)


@lru_cache(maxsize=256)
def _compiled(statement, dialect, keys):
    """(SQL, the parameters' names in order, positional or not) of ``statement`` for ``keys``."""
    compiled = statement.compile(dialect=dialect, column_keys=list(keys))
    return compiled.string, (compiled.positiontup if compiled.positional else list(keys)), compiled.positional


@lru_cache(maxsize=256)
def _arrays_insert(table, dialect, keys, skip_conflicts):
    """(SQL, names, positional) of a PostgreSQL INSERT of ``keys`` that takes a parameter a column: an
    array of the rows' values."""
    names = ", ".join(dialect.identifier_preparer.quote(table.c[key].name) for key in keys)
    sql = f"INSERT INTO {dialect.identifier_preparer.format_table(table)} ({names}) " \
        f"SELECT * FROM {_arrays(table, dialect, keys)}" + (" ON CONFLICT DO NOTHING" if skip_conflicts else "")
    return sql, list(keys), True


def _arrays(table, dialect, keys):
    """unnest() of a parameter a column of ``keys``, each an array (sent in binary)."""
    return f"unnest({', '.join(f'%b::{table.c[key].type.compile(dialect)}[]' for key in keys)})"


def update_rows(table, rows, match):
    """UPDATE each row of ``table`` whose ``match`` columns equal a row's of ``rows`` (dicts with the same
    keys) with that row's other values, in the current transaction, in one statement on PostgreSQL;
    the number of rows updated, or None when the driver does not tell."""
    if not rows:
        return 0
    connection = db.session.connection()
    dialect, keys = connection.dialect, tuple(rows[0])
    if dialect.name == "postgresql":
        columns = tuple(_processed([row[key] for row in rows], converter(table.c[key], dialect)) for key in keys)
        return connection.exec_driver_sql(_arrays_update(table, dialect, keys, tuple(match)), columns).rowcount
    result = connection.execute(_update(table, keys, tuple(match)),
                                [{f"_{key}": value for key, value in row.items()} for row in rows])
    return result.rowcount if dialect.supports_sane_multi_rowcount else None


@lru_cache(maxsize=64)
def _update(table, keys, match):
    return update(table).where(and_(*(table.c[key] == bindparam(f"_{key}") for key in match))).values(
        {key: bindparam(f"_{key}") for key in keys if key not in match})


@lru_cache(maxsize=64)
def _arrays_update(table, dialect, keys, match):
    quote, name = dialect.identifier_preparer.quote, dialect.identifier_preparer.format_table(table)
    changes = ", ".join(f"{quote(key)} = given.{quote(key)}" for key in keys if key not in match)
    where = " AND ".join(f"{name}.{quote(key)} = given.{quote(key)}" for key in match)
    return f"UPDATE {name} SET {changes} FROM {_arrays(table, dialect, keys)} AS given({', '.join(map(quote, keys))}) " \
        f"WHERE {where}"


def converter(column, dialect=None):
    """The function that turns a value of ``column`` into the driver's, or None when it takes it as is."""
    return column.type._cached_bind_processor(dialect or db.engine.dialect)


def insert_rows(table, rows):
    """INSERT ``rows`` (dicts with the same keys) into ``table`` in the current transaction: now, or at the
    end of the writes_at_the_end() block it is made in."""
    if rows:
        run_or_keep(PreparedInsert(table, rows, db.engine.dialect).execute)


_KEPT = "bulk_writes_kept"  # session.info: the writes writes_at_the_end() keeps back, in order


def run_or_keep(write):
    """Run ``write`` (a function that writes) now, or, inside writes_at_the_end(), when the block ends."""
    prepare_or_keep(lambda: (write, None))


def prepare_or_keep(prepare):
    """``prepare()`` gives (write, then): ``write`` writes, ``then`` (or None) is the session's work once it has.
    Both run now, or, inside writes_at_the_end(), when the block ends: every write kept is prepared first,
    then they run one after the other, then each ``then``, so that the writer's lock is held for the
    writes alone."""
    kept = db.session().info.get(_KEPT)
    if kept is None:
        _run_prepared([prepare()])
    else:
        kept.append(prepare)


def _run_prepared(prepared):
    sqlite_writer.hold_until_the_transaction_ends()
    for write, _then in prepared:
        write()
    for _write, then in prepared:
        if then is not None:
            then()


@contextmanager
def writes_at_the_end():
    """The Core inserts made inside (insert_rows, insert_row, the hourly counts) run when the block ends, in
    the order they were made, so that the work between them (rendering, deciding) is done before the first.

    Why: SQLite has one writer, and a transaction holds the writer's lock from its first write to its commit;
    a review request's rendering held it for more than half of the request, and the web workers queued
    behind one another. Nothing inside may read a row that an insert inside made with Core. A flush inside
    (of ORM objects, which may point at those rows) runs the writes kept so far first. The writes run when
    the block ends by an exception too, as they would have without it: a caller that catches the exception
    and commits keeps the same rows."""
    session = db.session()
    if _KEPT in session.info:  # (inside another such block: its end runs them)
        yield
        return
    session.info[_KEPT] = []
    try:
        yield
    finally:
        try:
            _run_kept(session)
        finally:
            session.info.pop(_KEPT, None)


@event.listens_for(db.session, "before_flush")
def _run_kept(session, _flush_context=None, _instances=None):
    kept = session.info.get(_KEPT)
    try:
        while kept:  # (a ``then`` may keep more)
            prepared = [prepare() for prepare in kept]
            kept.clear()
            _run_prepared(prepared)
    except BaseException:
        kept.clear()  # the writes after one that failed depend on it
        raise


def insert_row(table, row, after=None):
    """INSERT one ``row`` into ``table`` in the current transaction, without the ORM's per-object work (a
    timeline line, an event: written, never read back as an object): as insert_rows does, or, while ``after``
    (the ORM object it points at) is still to be flushed, right after the flush that writes it."""
    session = db.session()
    if after is not None and inspect(after).pending:
        session.info.setdefault(_AFTER_FLUSH, []).append((after, table, row))
    else:
        insert_rows(table, [row])


def as_loaded(model, values):
    """An object of ``model`` in the session for a row that exists with ``values`` (just inserted by Core,
    or kept a moment as plain values), as if the session had read it, without a statement; the attributes
    not given are read when asked."""
    instance = manager_of_class(model).new_instance()  # (not model(**values): no attribute events, as a load)
    instance.__dict__.update(values)
    make_transient_to_detached(instance)
    db.session.add(instance)
    return instance


def insert_new_object(instance):
    """Write a new ORM object's row with a Core INSERT rather than the ORM's flush (which costs, for one object,
    as much as the rest of a review request), then hold it in the session as if read (as_loaded): its later
    changes are the session's, as any loaded object's. Inside writes_at_the_end() the row is written when the
    block ends, from the object's attributes as they are then (so the work in between changes it at no cost);
    rows that point at it must be written after this call (insert_row, insert_rows). The ORM's own hooks for new
    objects (the hourly counts) do not run: the caller counts it if it counts anything yet."""
    prepare_or_keep(partial(_prepare_new_object, instance))


def _prepare_new_object(instance):
    mapper = inspect(type(instance))
    values = {attribute.key: instance.__dict__[attribute.key] if attribute.key in instance.__dict__
              else _default(attribute.columns[0]) for attribute in mapper.column_attrs}
    insert = PreparedInsert(mapper.local_table, [{attribute.columns[0].key: values[attribute.key]
                                                  for attribute in mapper.column_attrs}])
    return insert.execute, partial(_as_written, instance, values)


def _as_written(instance, values):
    instance.__dict__.update(values)
    make_transient_to_detached(instance)
    db.session.add(instance)


def _default(column):
    """The value a column's Python-side default gives a new row (None when it has none)."""
    return _value_of(column.default)


def _value_of(default):
    """The value a Python-side column default (or onupdate) gives now, or None."""
    if default is None:
        return None
    if default.is_callable:
        return default.arg(None)
    return default.arg if default.is_scalar else None


_AFTER_FLUSH = "bulk_rows_after_flush"  # session.info: [(ORM object, table, row)] waiting for the object's flush


@event.listens_for(db.session, "after_flush_postexec")
def _insert_waiting_rows(session, _flush_context):
    waiting = session.info.pop(_AFTER_FLUSH, None)
    if not waiting:
        return
    ready, still = {}, []
    for after, table, row in waiting:
        state = inspect(after)
        if state.persistent:
            ready.setdefault((table, tuple(row)), []).append(row)
        elif state.pending:  # (a flush of some objects only)
            still.append((after, table, row))
    if still:
        session.info[_AFTER_FLUSH] = still
    for (table, _keys), rows in ready.items():
        PreparedInsert(table, rows, session.connection().dialect).execute(connection=session.connection())


@event.listens_for(db.session, "after_soft_rollback")
def _drop_waiting_rows(session, _previous_transaction):
    # the objects they waited for were expunged with the rollback (a row whose object stays pending is kept)
    waiting = session.info.pop(_AFTER_FLUSH, None)
    if waiting:
        still = [item for item in waiting if inspect(item[0]).pending]
        if still:
            session.info[_AFTER_FLUSH] = still


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
