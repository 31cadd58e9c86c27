"""Many rows into one table with a single executemany, without SQLAlchemy's per-row bookkeeping.

``db.session.execute(insert(table), rows)`` builds and processes a parameter set per row, which
costs about as much as SQLite's own work when a file of 100,000 contacts comes in. Here the
statement is compiled once, each column's bind processor (UUIDs, UTC datetimes, JSON) is looked
up once, and the driver gets plain tuples. The insert joins the session's transaction.
"""
from sqlalchemy import insert

from nudgeweb.models import db


def insert_rows(table, rows):
    """INSERT ``rows`` (dicts with the same keys) into ``table`` in the current transaction."""
    if not rows:
        return
    connection = db.session.connection()
    dialect = connection.dialect
    keys = list(rows[0])
    compiled = insert(table).compile(dialect=dialect, column_keys=keys)
    names = compiled.positiontup if compiled.positional else keys
    columns = [_processed([row[name] for row in rows], table.c[name].type._cached_bind_processor(dialect))
               for name in names]
    params = list(zip(*columns)) if compiled.positional else [dict(zip(names, values)) for values in zip(*columns)]
    connection.exec_driver_sql(compiled.string, params)


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
