"""`flask db upgrade` from an empty database gives exactly the models' schema."""
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text

from nudgeweb import create_app
from nudgeweb.extensions import db
from tests.conftest import PG_URL, RUN_ID, make_test_config


@pytest.fixture
def empty_database_url(tmp_path):
    """An empty database: a file on SQLite; on PostgreSQL a schema of its own, first on the search path
    (a database of its own costs a checkpoint of the whole server to drop: 30 s after a full run)."""
    if not PG_URL:
        yield f"sqlite:///{tmp_path}/migrated.db"
        return
    schema = f"nudge_migrate_{RUN_ID}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    yield f"{PG_URL}{'&' if '?' in PG_URL else '?'}options=-csearch_path%3D{schema}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    admin.dispose()


def test_upgrade_from_empty_matches_the_models(tmp_path, empty_database_url):
    migrated = create_app(make_test_config(tmp_path, empty_database_url))
    with migrated.app_context():
        upgrade()
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), db.metadata)
        assert diff == [], f"models and migrations differ: {diff}"
        assert set(db.metadata.tables) <= set(inspect(db.engine).get_table_names())
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        db.engine.dispose()
