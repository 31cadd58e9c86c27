"""campaign_summaries: a campaign's report figures kept as its messages' events are written; messages by campaign in id order; a send rate per organization

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-03 17:45:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('campaign_summaries',
    sa.Column('campaign_id', sa.Uuid(), nullable=False),
    sa.Column('metric', sa.String(length=16), nullable=False),
    sa.Column('dimension', sa.String(length=2000), nullable=False),
    sa.Column('hour', sa.DateTime(), nullable=False),
    sa.Column('count', sa.BigInteger(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_campaign_summaries_campaign_id_campaigns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_campaign_summaries_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_campaign_summaries')),
    sa.UniqueConstraint('campaign_id', 'metric', 'hour', 'dimension', name='uq_campaign_summaries_bucket')
    )
    with op.batch_alter_table('campaign_summaries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_campaign_summaries_organization_id'), ['organization_id'], unique=False)

    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.drop_index('ix_messages_purpose')
        batch_op.create_index('ix_messages_purpose', ['purpose', 'purpose_id', 'id'], unique=False)

    with op.batch_alter_table('sending_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_rate', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('sms_rate', sa.Float(), nullable=True))


def downgrade():
    with op.batch_alter_table('sending_settings', schema=None) as batch_op:
        batch_op.drop_column('sms_rate')
        batch_op.drop_column('email_rate')

    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.drop_index('ix_messages_purpose')
        batch_op.create_index('ix_messages_purpose', ['purpose', 'purpose_id'], unique=False)

    with op.batch_alter_table('campaign_summaries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_campaign_summaries_organization_id'))
    op.drop_table('campaign_summaries')
