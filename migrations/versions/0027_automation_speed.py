"""the step claim reads a partial index of active enrolments; the step history keeps one foreign key

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-03 22:50:00

- ``ix_automation_enrollments_active_due`` (automation_id, next_run_at) WHERE status = 'active' holds
  only the enrolments still under way, in the order the step claim takes them; it replaces
  ``ix_automation_enrollments_due`` (status, next_run_at), which kept every finished enrolment too.
- ``automation_step_runs`` keeps its foreign key to the enrolment (ON DELETE CASCADE) and drops those
  to the automation and the contact: an enrolment already belongs to both and goes with either, so
  they checked nothing more, at the price of two lookups (and a shared lock on the automation's row)
  for each of the several history rows every step pass writes.
"""
import sqlalchemy as sa
from alembic import op

revision = '0027'
down_revision = '0026'
branch_labels = None
depends_on = None

ACTIVE = "status = 'active'"


def upgrade():
    with op.batch_alter_table('automation_enrollments', schema=None) as batch_op:
        batch_op.drop_index('ix_automation_enrollments_due')
        batch_op.create_index('ix_automation_enrollments_active_due', ['automation_id', 'next_run_at'], unique=False,
                              sqlite_where=sa.text(ACTIVE), postgresql_where=sa.text(ACTIVE))
    with op.batch_alter_table('automation_step_runs', schema=None) as batch_op:
        batch_op.drop_constraint('fk_automation_step_runs_automation_id_automations', type_='foreignkey')
        batch_op.drop_constraint('fk_automation_step_runs_contact_id_contacts', type_='foreignkey')


def downgrade():
    with op.batch_alter_table('automation_step_runs', schema=None) as batch_op:
        batch_op.create_foreign_key('fk_automation_step_runs_contact_id_contacts', 'contacts', ['contact_id'], ['id'],
                                    ondelete='CASCADE')
        batch_op.create_foreign_key('fk_automation_step_runs_automation_id_automations', 'automations',
                                    ['automation_id'], ['id'], ondelete='CASCADE')
    with op.batch_alter_table('automation_enrollments', schema=None) as batch_op:
        batch_op.drop_index('ix_automation_enrollments_active_due')
        batch_op.create_index('ix_automation_enrollments_due', ['status', 'next_run_at'], unique=False)
