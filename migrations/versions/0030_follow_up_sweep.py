"""review_requests: an index of the follow-ups waiting (next_follow_up_at, only where set) for the minute's
sweep that sends those whose time has come, instead of one Huey task per request

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-05 10:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0030'
down_revision = '0029'
branch_labels = None
depends_on = None

WAITING = "next_follow_up_at IS NOT NULL"


def upgrade():
    op.create_index('ix_review_requests_follow_up_due', 'review_requests', ['next_follow_up_at'], unique=False,
                    sqlite_where=sa.text(WAITING), postgresql_where=sa.text(WAITING))


def downgrade():
    op.drop_index('ix_review_requests_follow_up_due', table_name='review_requests')
