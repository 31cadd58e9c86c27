"""automation enrolments keep their entry rule; "once" and "one at a time" are unique in the database

Revision ID: 0026
Revises: 0024
Create Date: 2026-12-03 18:50:00

Enrolments made before this keep entry_rule NULL: the indexes leave them out (the engine's read
check still sees them).
"""
import sqlalchemy as sa
from alembic import op

revision = '0026'
down_revision = '0024'
branch_labels = None
depends_on = None

ONCE_EVER = "entry_rule = 'once'"
ONE_ACTIVE = "status = 'active' AND entry_rule IN ('once', 'one_at_a_time')"


def upgrade():
    with op.batch_alter_table('automation_enrollments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('entry_rule', sa.String(length=16), nullable=True))
        batch_op.create_index('uq_automation_enrollments_once', ['automation_id', 'contact_id'], unique=True,
                              sqlite_where=sa.text(ONCE_EVER), postgresql_where=sa.text(ONCE_EVER))
        batch_op.create_index('uq_automation_enrollments_one_active', ['automation_id', 'contact_id'], unique=True,
                              sqlite_where=sa.text(ONE_ACTIVE), postgresql_where=sa.text(ONE_ACTIVE))


def downgrade():
    with op.batch_alter_table('automation_enrollments', schema=None) as batch_op:
        batch_op.drop_index('uq_automation_enrollments_one_active')
        batch_op.drop_index('uq_automation_enrollments_once')
        batch_op.drop_column('entry_rule')
