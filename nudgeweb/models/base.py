"""Column types and mixins shared by every model."""
from datetime import datetime, timezone

from sqlalchemy import DateTime, ForeignKey, TypeDecorator, Uuid
from sqlalchemy.orm import Mapped, declared_attr, mapped_column
from uuid_utils.compat import uuid7

from nudgeweb.extensions import db


def utcnow():
    return datetime.now(timezone.utc)


HONORIFICS = {"dr", "mr", "mrs", "ms", "mx", "miss", "prof", "sir", "dame", "rev"}


def first_name_of(name):
    """The name a person is greeted by: "Dr. Priya Rao" is Priya, not "Dr."."""
    words = name.split()
    while len(words) > 1 and words[0].rstrip(".").lower() in HONORIFICS:
        words = words[1:]
    return words[0] if words else name


def new_id():
    """A time-ordered UUID (v7): unguessable in public URLs, index-friendly as a key. uuid_utils makes
    it in Rust (an import of 100,000 contacts needs 200,000 of them) and hands back a stdlib UUID."""
    return uuid7()


class UtcDateTime(TypeDecorator):
    """Stores naive UTC on every database and always hands back an aware UTC datetime."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(timezone.utc).replace(tzinfo=None)
        return value

    def bind_processor(self, dialect):
        if dialect.name == "sqlite":
            return _sqlite_utc_text
        return super().bind_processor(dialect)

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            # combine(): several times faster than replace(tzinfo=...), and lists read many of these
            value = datetime.combine(value.date(), value.time(), timezone.utc)
        return value


def _sqlite_utc_text(value):
    """A datetime as SQLAlchemy's SQLite DATETIME stores it (UTC, "2026-12-05 10:30:45.395637", microseconds
    always), in one step: its own conversion, after the time zone's, cost a review request 3 % of its CPU."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc)
    return value.isoformat(" ", "microseconds")[:26]


class IdMixin:
    id: Mapped[object] = mapped_column(Uuid, primary_key=True, default=new_id)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        UtcDateTime, default=utcnow, onupdate=utcnow, nullable=False
    )


class OrgScoped:
    """Business data: every row belongs to one organization.

    Every ORM query on such a model is filtered to the organization in force, and raises with
    none in force (see nudgeweb.unit_of_work).
    """

    @declared_attr
    def organization_id(cls) -> Mapped[object]:
        return mapped_column(
            Uuid, ForeignKey("organizations.id", ondelete="CASCADE"), nullable=False, index=True
        )


__all__ = ["db", "utcnow", "new_id", "UtcDateTime", "IdMixin", "TimestampMixin", "OrgScoped"]
