"""contact imports say whether their contacts enter automations (seed 001's trigger_automations)

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-03 18:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('contact_imports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('trigger_automations', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('contact_imports', schema=None) as batch_op:
        batch_op.drop_column('trigger_automations')
