"""Review settings: the template each step of a review request uses.

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("review_settings") as batch_op:
        batch_op.add_column(sa.Column("templates", sa.JSON(), nullable=False, server_default=sa.text("'{}'")))


def downgrade():
    with op.batch_alter_table("review_settings") as batch_op:
        batch_op.drop_column("templates")
