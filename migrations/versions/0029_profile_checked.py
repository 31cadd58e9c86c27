"""organizations.profile_checked_at: when an owner last saved the business profile (the set-up checklist's
first step); the businesses there are already have theirs checked

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-05 02:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0029'
down_revision = '0028'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('profile_checked_at', sa.DateTime(), nullable=True))
    op.execute("UPDATE organizations SET profile_checked_at = created_at")


def downgrade():
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.drop_column('profile_checked_at')
