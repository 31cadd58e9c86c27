"""used_refresh_tokens: JWT refresh tokens already exchanged, so each is single-use

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24 10:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'used_refresh_tokens',
        sa.Column('jti', sa.String(length=64), nullable=False),
        sa.Column('family', sa.String(length=64), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.Column('family_revoked_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('jti', name=op.f('pk_used_refresh_tokens')),
    )
    with op.batch_alter_table('used_refresh_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_used_refresh_tokens_expires_at'), ['expires_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_used_refresh_tokens_family'), ['family'], unique=False)


def downgrade():
    with op.batch_alter_table('used_refresh_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_used_refresh_tokens_family'))
        batch_op.drop_index(batch_op.f('ix_used_refresh_tokens_expires_at'))
    op.drop_table('used_refresh_tokens')
