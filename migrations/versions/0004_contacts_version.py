"""organizations.contacts_version, kept by triggers on contacts, contact_tags, tags and segments

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 14:15:00

"""
from alembic import op
import sqlalchemy as sa


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

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contacts_version', sa.BigInteger(), server_default='0', nullable=False))
    for statement in create_statements(op.get_bind().dialect.name):
        op.execute(statement)


def downgrade():
    for statement in drop_statements(op.get_bind().dialect.name):
        op.execute(statement)
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.drop_column('contacts_version')
