"""contact_imports.unchanged_count and repeated_count: rows of contacts that already had their values,
and rows of a contact an earlier row of the same file wrote (no longer counted as updated)

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-04 10:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0028'
down_revision = '0027'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('contact_imports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unchanged_count', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('repeated_count', sa.Integer(), server_default='0', nullable=False))


def downgrade():
    with op.batch_alter_table('contact_imports', schema=None) as batch_op:
        batch_op.drop_column('repeated_count')
        batch_op.drop_column('unchanged_count')
