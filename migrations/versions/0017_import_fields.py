"""contact_import_notes (what an import did to a row beyond creating it); the simple email editor's
columns of message_templates (editor, simple_content)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 14:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('contact_import_notes',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('import_id', sa.Uuid(), nullable=False),
    sa.Column('line', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('contact_id', sa.Uuid(), nullable=True),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], name=op.f('fk_contact_import_notes_contact_id_contacts'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['import_id'], ['contact_imports.id'], name=op.f('fk_contact_import_notes_import_id_contact_imports'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_contact_import_notes_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_import_notes'))
    )
    with op.batch_alter_table('contact_import_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_import_notes_import_id'), ['import_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_import_notes_organization_id'), ['organization_id'], unique=False)


    with op.batch_alter_table('message_templates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('editor', sa.String(length=8), server_default='html', nullable=False))
        batch_op.add_column(sa.Column('simple_content', sa.Text(), server_default='', nullable=False))


def downgrade():
    with op.batch_alter_table('message_templates', schema=None) as batch_op:
        batch_op.drop_column('simple_content')
        batch_op.drop_column('editor')
    with op.batch_alter_table('contact_import_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_import_notes_organization_id'))
        batch_op.drop_index(batch_op.f('ix_contact_import_notes_import_id'))
    op.drop_table('contact_import_notes')
