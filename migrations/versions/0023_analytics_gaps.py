"""analytics gaps: a contact's events outlive the contact (contact_events.contact_id set null on delete)

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-03 17:45:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None

FOREIGN_KEY = 'fk_contact_events_contact_id_contacts'


def upgrade():
    with op.batch_alter_table('contact_events', schema=None) as batch_op:
        batch_op.alter_column('contact_id', existing_type=sa.Uuid(), nullable=True)
        batch_op.drop_constraint(FOREIGN_KEY, type_='foreignkey')
        batch_op.create_foreign_key(FOREIGN_KEY, 'contacts', ['contact_id'], ['id'], ondelete='SET NULL')


def downgrade():
    op.execute("DELETE FROM contact_events WHERE contact_id IS NULL")
    with op.batch_alter_table('contact_events', schema=None) as batch_op:
        batch_op.drop_constraint(FOREIGN_KEY, type_='foreignkey')
        batch_op.create_foreign_key(FOREIGN_KEY, 'contacts', ['contact_id'], ['id'], ondelete='CASCADE')
        batch_op.alter_column('contact_id', existing_type=sa.Uuid(), nullable=False)
