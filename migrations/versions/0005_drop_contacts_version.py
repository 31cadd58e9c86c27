"""drop organizations.contacts_version and its triggers: a trigger per written row made bulk
imports on SQLite several times slower

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 15:35:00

"""
from alembic import op
import sqlalchemy as sa

WATCHED = ("contacts", "contact_tags", "tags", "segments")


def _drop_triggers(dialect):
    if dialect == "postgresql":
        for table in WATCHED:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_bump_contacts_version ON {table}")
        op.execute("DROP FUNCTION IF EXISTS nudge_bump_contacts_version()")
    else:
        for table in WATCHED:
            for operation in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_bump_contacts_version_{operation}")


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    _drop_triggers(op.get_bind().dialect.name)
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.drop_column('contacts_version')


def downgrade():
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contacts_version', sa.BigInteger(), server_default='0', nullable=False))
