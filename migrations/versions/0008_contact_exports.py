"""contact_exports: the API's CSV export jobs (which contacts, which columns, until when), with UUID ids

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 06:11:40

"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('contact_exports',
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('filters', sa.JSON(), nullable=False),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_contact_exports_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_contact_exports_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_exports'))
    )
    with op.batch_alter_table('contact_exports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_exports_expires_at'), ['expires_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_exports_organization_id'), ['organization_id'], unique=False)



def downgrade():
    with op.batch_alter_table('contact_exports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_exports_organization_id'))
        batch_op.drop_index(batch_op.f('ix_contact_exports_expires_at'))

    op.drop_table('contact_exports')
