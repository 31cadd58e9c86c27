"""sending_settings: an organization's SMTP server as fields (host, port, security, user name, password)
instead of one URL that the typed host was pasted into; saved URLs are split into the fields

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 11:40:00

"""
from urllib.parse import parse_qs, unquote, urlsplit

from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('sending_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('smtp_host', sa.String(length=253), nullable=True))
        batch_op.add_column(sa.Column('smtp_port', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('smtp_security', sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column('smtp_username', sa.String(length=254), nullable=True))
        batch_op.add_column(sa.Column('smtp_password', sa.Text(), nullable=True))
    _split_saved_urls()
    with op.batch_alter_table('sending_settings', schema=None) as batch_op:
        batch_op.drop_column('smtp_url')


def _split_saved_urls():
    """Each saved URL becomes the fields (secrets stay encrypted with SECRET_KEY); a URL that no longer
    decrypts, or whose host is no plain name, is dropped: the organization enters its server again."""
    from nudgeweb.delivery.secrets import decrypt, encrypt
    from nudgeweb.outbound import HostError, parse_host

    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, smtp_url FROM sending_settings WHERE smtp_url IS NOT NULL")).all()
    for row_id, stored in rows:
        url = decrypt(stored)
        if not url:
            continue
        parts = urlsplit(url)
        try:
            host, port = parse_host(parts.hostname), parts.port or (465 if parts.scheme == "smtps" else 587)
        except (HostError, ValueError):
            continue
        starttls = parse_qs(parts.query).get("starttls", ["required"])[-1]
        security = "ssl" if parts.scheme == "smtps" else ("off" if starttls == "off" else "starttls")
        password = unquote(parts.password) if parts.password else None
        connection.execute(
            sa.text("UPDATE sending_settings SET smtp_host = :host, smtp_port = :port, smtp_security = :security, "
                    "smtp_username = :username, smtp_password = :password WHERE id = :id"),
            {"host": host, "port": port, "security": security, "id": row_id,
             "username": unquote(parts.username) if parts.username else None,
             "password": encrypt(password) if password else None})


def downgrade():
    """The SMTP servers are forgotten (organizations enter them again): a URL is what was dropped on purpose."""
    with op.batch_alter_table('sending_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('smtp_url', sa.Text(), nullable=True))
        batch_op.drop_column('smtp_password')
        batch_op.drop_column('smtp_username')
        batch_op.drop_column('smtp_security')
        batch_op.drop_column('smtp_port')
        batch_op.drop_column('smtp_host')
