"""Each organization's contacts version: changed by the database itself whenever that
organization's contacts, their tags, its tags or its segments change, however they are written
(ORM, Core, bulk imports, raw SQL, another process).

What is derived from an organization's contacts (a list's total_records, a list statement with
tag ids looked up) can be kept under (organization, contacts version) and is never stale: any
change gives the organization a new version. On PostgreSQL the version becomes the writing
transaction's id, once per transaction (so a bulk import does not rewrite the row per contact);
on SQLite, which writes one transaction at a time, it counts up.
"""
from sqlalchemy import DDL, event, inspect

from nudgeweb.extensions import db

WATCHED = ("contacts", "contact_tags", "tags", "segments")

_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION nudge_bump_contacts_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    org uuid;
BEGIN
    IF TG_TABLE_NAME = 'contact_tags' THEN
        IF TG_OP = 'DELETE' THEN
            SELECT organization_id INTO org FROM tags WHERE id = OLD.tag_id;
        ELSE
            SELECT organization_id INTO org FROM tags WHERE id = NEW.tag_id;
        END IF;
    ELSIF TG_OP = 'DELETE' THEN
        org := OLD.organization_id;
    ELSE
        org := NEW.organization_id;
    END IF;
    UPDATE organizations SET contacts_version = txid_current()
        WHERE id = org AND contacts_version <> txid_current();
    RETURN NULL;
END $$
"""


def _sqlite_org(table, row):
    if table == "contact_tags":
        return f"(SELECT organization_id FROM tags WHERE id = {row}.tag_id)"
    return f"{row}.organization_id"


def create_statements(dialect):
    """The DDL that keeps contacts_version (run after the tables exist)."""
    if dialect == "postgresql":
        return [_PG_FUNCTION] + [
            f"CREATE TRIGGER {table}_bump_contacts_version AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION nudge_bump_contacts_version()"
            for table in WATCHED
        ]
    statements = []
    for table in WATCHED:
        for operation, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            statements.append(
                f"CREATE TRIGGER {table}_bump_contacts_version_{operation.lower()} AFTER {operation} ON {table} "
                f"BEGIN UPDATE organizations SET contacts_version = contacts_version + 1 "
                f"WHERE id = {_sqlite_org(table, row)}; END"
            )
    return statements


def drop_statements(dialect):
    if dialect == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {table}_bump_contacts_version ON {table}" for table in WATCHED] + [
            "DROP FUNCTION IF EXISTS nudge_bump_contacts_version()"]
    return [f"DROP TRIGGER IF EXISTS {table}_bump_contacts_version_{operation}"
            for table in WATCHED for operation in ("insert", "update", "delete")]


@event.listens_for(db.metadata, "after_create")
def _create_triggers(target, connection, **kw):
    for statement in create_statements(connection.dialect.name):
        connection.execute(DDL(statement.replace("%", "%%")))


@event.listens_for(db.metadata, "before_drop")
def _drop_triggers(target, connection, **kw):
    if not inspect(connection).has_table("contacts"):  # nothing made yet
        return
    for statement in drop_statements(connection.dialect.name):
        connection.execute(DDL(statement.replace("%", "%%")))
