"""organizations: slug, domain, footer address, logo URL and font (seed 001's organization object)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03 14:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('slug', sa.String(length=63), nullable=True))
        batch_op.add_column(sa.Column('domain', sa.String(length=253), nullable=True))
        batch_op.add_column(sa.Column('footer_address', sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column('logo_url', sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column('font_family', sa.String(length=100), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_organizations_slug'), ['slug'])


def downgrade():
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_organizations_slug'), type_='unique')
        batch_op.drop_column('font_family')
        batch_op.drop_column('logo_url')
        batch_op.drop_column('footer_address')
        batch_op.drop_column('domain')
        batch_op.drop_column('slug')
