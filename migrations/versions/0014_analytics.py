"""analytics: contact_events (behavioural events of contacts) and analytics_hourly (the counts charts read)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 14:50:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'contact_events',
        sa.Column('contact_id', sa.Uuid(), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('properties', sa.JSON(), nullable=False),
        sa.Column('revenue', sa.Numeric(precision=14, scale=2, asdecimal=False), nullable=True),
        sa.Column('currency', sa.String(length=3), nullable=True),
        sa.Column('occurred_at', sa.DateTime(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('organization_id', sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('contact_events', schema=None) as batch_op:
        batch_op.create_index('ix_contact_events_org_occurred', ['organization_id', 'occurred_at', 'id'], unique=False)
        batch_op.create_index('ix_contact_events_org_name', ['organization_id', 'name', 'occurred_at'], unique=False)
        batch_op.create_index('ix_contact_events_org_contact', ['organization_id', 'contact_id', 'occurred_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_events_organization_id'), ['organization_id'], unique=False)

    op.create_table(
        'analytics_hourly',
        sa.Column('metric', sa.String(length=40), nullable=False),
        sa.Column('dimension', sa.String(length=100), nullable=False),
        sa.Column('hour', sa.DateTime(), nullable=False),
        sa.Column('count', sa.BigInteger(), nullable=False),
        sa.Column('amount', sa.Float(), nullable=False),
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('organization_id', sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('organization_id', 'metric', 'hour', 'dimension', name='uq_analytics_hourly_bucket'),
    )
    with op.batch_alter_table('analytics_hourly', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_analytics_hourly_organization_id'), ['organization_id'], unique=False)


def downgrade():
    op.drop_table('analytics_hourly')
    op.drop_table('contact_events')
