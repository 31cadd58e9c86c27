"""contact_events.campaign_id: the campaign credited with an event's revenue

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03 16:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('contact_events', sa.Column('campaign_id', sa.Uuid(), nullable=True))


def downgrade():
    with op.batch_alter_table('contact_events', schema=None) as batch_op:
        batch_op.drop_column('campaign_id')
