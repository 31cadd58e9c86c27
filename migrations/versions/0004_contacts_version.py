"""organizations.contacts_version, kept by triggers on contacts, contact_tags, tags and segments

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 14:15:00

"""
from alembic import op
import sqlalchemy as sa

from nudgeweb.models.contacts_version import create_statements, drop_statements

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
