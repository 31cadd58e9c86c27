"""employees, campaign periods (with their participants) and nudges (issue 20, seed 004)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 14:16:33.382262

"""
from alembic import op
import sqlalchemy as sa


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('campaign_periods',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('goal_kind', sa.String(length=16), nullable=False),
    sa.Column('goal', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('schedule_kind', sa.String(length=16), nullable=False),
    sa.Column('weekdays', sa.JSON(), nullable=False),
    sa.Column('send_time', sa.Time(), nullable=False),
    sa.Column('every_days', sa.Integer(), nullable=True),
    sa.Column('channel', sa.String(length=12), nullable=False),
    sa.Column('template_name', sa.String(length=100), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_campaign_periods_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_campaign_periods'))
    )
    with op.batch_alter_table('campaign_periods', schema=None) as batch_op:
        batch_op.create_index('ix_campaign_periods_org_status', ['organization_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_campaign_periods_organization_id'), ['organization_id'], unique=False)

    op.create_table('employees',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('title', sa.String(length=100), nullable=True),
    sa.Column('location', sa.String(length=100), nullable=True),
    sa.Column('preferred_channel', sa.String(length=8), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('sms_opted_out_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_employees_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_employees_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_employees'))
    )
    with op.batch_alter_table('employees', schema=None) as batch_op:
        batch_op.create_index('ix_employees_org_name', ['organization_id', 'name'], unique=False)
        batch_op.create_index(batch_op.f('ix_employees_organization_id'), ['organization_id'], unique=False)

    op.create_table('campaign_participants',
    sa.Column('campaign_period_id', sa.Uuid(), nullable=False),
    sa.Column('employee_id', sa.Uuid(), nullable=False),
    sa.Column('link_secret', sa.String(length=32), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_period_id'], ['campaign_periods.id'], name=op.f('fk_campaign_participants_campaign_period_id_campaign_periods'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['employee_id'], ['employees.id'], name=op.f('fk_campaign_participants_employee_id_employees'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_campaign_participants_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_campaign_participants')),
    sa.UniqueConstraint('campaign_period_id', 'employee_id', name='uq_campaign_participant')
    )
    with op.batch_alter_table('campaign_participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_campaign_participants_employee_id'), ['employee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_campaign_participants_organization_id'), ['organization_id'], unique=False)

    op.create_table('nudges',
    sa.Column('employee_id', sa.Uuid(), nullable=False),
    sa.Column('campaign_period_id', sa.Uuid(), nullable=False),
    sa.Column('due_at', sa.DateTime(), nullable=False),
    sa.Column('channel', sa.String(length=8), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.Column('template_used', sa.String(length=100), nullable=False),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('error', sa.String(length=300), nullable=True),
    sa.Column('progress', sa.Integer(), nullable=False),
    sa.Column('goal', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_period_id'], ['campaign_periods.id'], name=op.f('fk_nudges_campaign_period_id_campaign_periods'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['employee_id'], ['employees.id'], name=op.f('fk_nudges_employee_id_employees'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_nudges_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_nudges')),
    sa.UniqueConstraint('employee_id', 'campaign_period_id', 'due_at', name='uq_nudges_slot')
    )
    with op.batch_alter_table('nudges', schema=None) as batch_op:
        batch_op.create_index('ix_nudges_org_created', ['organization_id', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_nudges_org_employee', ['organization_id', 'employee_id', 'created_at'], unique=False)
        batch_op.create_index('ix_nudges_org_period_channel_sent', ['organization_id', 'campaign_period_id', 'channel', 'sent_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_nudges_organization_id'), ['organization_id'], unique=False)



def downgrade():
    with op.batch_alter_table('nudges', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_nudges_organization_id'))
        batch_op.drop_index('ix_nudges_org_period_channel_sent')
        batch_op.drop_index('ix_nudges_org_employee')
        batch_op.drop_index('ix_nudges_org_created')

    op.drop_table('nudges')
    with op.batch_alter_table('campaign_participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_campaign_participants_organization_id'))
        batch_op.drop_index(batch_op.f('ix_campaign_participants_employee_id'))

    op.drop_table('campaign_participants')
    with op.batch_alter_table('employees', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_employees_organization_id'))
        batch_op.drop_index('ix_employees_org_name')

    op.drop_table('employees')
    with op.batch_alter_table('campaign_periods', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_campaign_periods_organization_id'))
        batch_op.drop_index('ix_campaign_periods_org_status')

    op.drop_table('campaign_periods')
