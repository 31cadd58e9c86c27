"""Contacts: drop three indexes that others already serve; add one for search as you type.

ix_contacts_organization_id: every other contacts index starts with organization_id.
ix_contacts_org_email and ix_contacts_org_phone: the unique constraints on (organization_id,
email) and (organization_id, phone) serve the email and phone sorts. Each index costs an import
of 100,000 contacts about half a second.
ix_contacts_org_search: a search scans it instead of looking up every contact's row.

Revision ID: 0005
Revises: 0004
"""
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    for name in ("ix_contacts_organization_id", "ix_contacts_org_email", "ix_contacts_org_phone"):
        op.drop_index(name, table_name="contacts")
    op.create_index("ix_contacts_org_search", "contacts", ["organization_id", "search_text", "id"])


def downgrade():
    op.drop_index("ix_contacts_org_search", table_name="contacts")
    op.create_index("ix_contacts_org_phone", "contacts", ["organization_id", "phone", "id"])
    op.create_index("ix_contacts_org_email", "contacts", ["organization_id", "email", "id"])
    op.create_index("ix_contacts_organization_id", "contacts", ["organization_id"])
