"""organizations: outbox_on_purpose_at (the business chose to keep its messages in the local outbox,
so the "sending is not set up" banner stays away)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 14:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('outbox_on_purpose_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.drop_column('outbox_on_purpose_at')
