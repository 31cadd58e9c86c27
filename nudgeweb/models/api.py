"""The JSON API's own rows: API keys, idempotency records, per-organization API settings and spent
JWT refresh tokens."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, LargeBinary, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nudgeweb.models.accounts import User
from nudgeweb.models.base import IdMixin, OrgScoped, UtcDateTime, db, utcnow


class ApiKey(IdMixin, OrgScoped, db.Model):
    """A secret that acts as one user of one organization; only its SHA-256 is stored."""

    __tablename__ = "api_keys"

    user_id: Mapped[object] = mapped_column(Uuid, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(20))  # shown in lists so a key can be recognised
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scopes: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, nullable=False)
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    user: Mapped[User] = relationship()

    @property
    def is_active(self):
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > utcnow())


class IdempotencyRecord(IdMixin, OrgScoped, db.Model):
    """The claim on an Idempotency-Key, then the response it produced (replayed for 24 hours)."""

    __tablename__ = "api_idempotency_records"
    __table_args__ = (UniqueConstraint("organization_id", "key"),)

    key: Mapped[str] = mapped_column(String(255))
    fingerprint: Mapped[str] = mapped_column(String(64))  # method, path and body, hashed
    status_code: Mapped[int | None] = mapped_column(Integer)  # None while the first request runs
    headers: Mapped[dict | None] = mapped_column(JSON)
    body: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, nullable=False, index=True)


class ApiSettings(IdMixin, OrgScoped, db.Model):
    """An organization's API settings; organizations without a row get the defaults."""

    __tablename__ = "api_settings"
    __table_args__ = (UniqueConstraint("organization_id"),)

    rate_limit_per_minute: Mapped[int] = mapped_column(Integer, default=1000)


class UsedRefreshToken(db.Model):
    """A JWT refresh token already exchanged (its ``jti``), kept until the token itself expires.

    Inserting the row is how a refresh claims its token: the primary key lets exactly one request
    win. ``family`` is the login every token was refreshed from; ``family_revoked_at`` is set on
    its rows when one of its tokens is used twice, and then no token of the family is honoured.
    """

    __tablename__ = "used_refresh_tokens"

    jti: Mapped[str] = mapped_column(String(64), primary_key=True)
    family: Mapped[str] = mapped_column(String(64), index=True)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False, index=True)
    family_revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
