"""domain_events: the stream of events (a transactional outbox) that webhooks and automations read

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 14:20:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'domain_events',
        sa.Column('type', sa.String(length=40), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('data', sa.JSON(), nullable=False),
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('organization_id', sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('domain_events', schema=None) as batch_op:
        batch_op.create_index('ix_domain_events_org_created', ['organization_id', 'created_at', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_domain_events_organization_id'), ['organization_id'], unique=False)


def downgrade():
    op.drop_table('domain_events')
