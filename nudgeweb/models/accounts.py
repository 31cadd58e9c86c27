"""Organizations (the businesses), users and the memberships that join them with a role."""
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nudgeweb.models.base import IdMixin, OrgScoped, TimestampMixin, UtcDateTime, db, first_name_of

# Lowest to highest: each role can do everything the roles before it can.
ROLES = ("viewer", "editor", "admin", "owner")


def role_at_least(role, minimum):
    return ROLES.index(role) >= ROLES.index(minimum)


class Organization(IdMixin, TimestampMixin, db.Model):
    __tablename__ = "organizations"

    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    default_country: Mapped[str] = mapped_column(String(2), default="US")
    website: Mapped[str | None] = mapped_column(String(500))
    brand_color: Mapped[str] = mapped_column(String(7), default="#4f46e5")
    # The profile of seed 001's organization object (settings/operations.py update_profile checks it).
    slug: Mapped[str | None] = mapped_column(String(63), unique=True)
    domain: Mapped[str | None] = mapped_column(String(253))
    footer_address: Mapped[str | None] = mapped_column(String(500))
    logo_url: Mapped[str | None] = mapped_column(String(500))
    font_family: Mapped[str | None] = mapped_column(String(100))
    # When an owner chose to keep messages in the local outbox with no provider set up (no more banner).
    outbox_on_purpose_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # When an owner last saved the business profile (the set-up checklist's first step is done).
    profile_checked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Goes up with every transaction that writes the organization's contacts (contacts/version.py).
    contacts_version: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    # Goes up with every transaction that adds or deletes the organization's nudges (nudges/operations.py).
    nudges_version: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")

    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="organization", cascade="all, delete-orphan"
    )

    def __repr__(self):
        return f"<Organization {self.name!r}>"


class User(IdMixin, TimestampMixin, db.Model):
    __tablename__ = "users"

    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    last_login_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    email_verified_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Part of every session's and remember-me cookie's user id: raising it ends them all (auth/sessions.py).
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    # Flask-Login
    is_authenticated = True
    is_active = True
    is_anonymous = False

    def get_id(self):
        """Flask-Login's alternative id: the user and their session version (auth/sessions.py)."""
        return f"{self.id}.{self.session_version or 0}"

    @property
    def first_name(self):
        return first_name_of(self.name)

    @property
    def email_verified(self):
        return self.email_verified_at is not None

    def __repr__(self):
        return f"<User {self.email!r}>"


class Membership(IdMixin, TimestampMixin, db.Model):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "organization_id"),)

    user_id: Mapped[object] = mapped_column(Uuid, ForeignKey("users.id", ondelete="CASCADE"))
    organization_id: Mapped[object] = mapped_column(
        Uuid, ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(16), default="viewer")

    user: Mapped[User] = relationship(back_populates="memberships")
    organization: Mapped[Organization] = relationship(back_populates="memberships")

    def can(self, minimum_role):
        return role_at_least(self.role, minimum_role)


class Invitation(IdMixin, OrgScoped, TimestampMixin, db.Model):
    """An emailed link to join an organization with a role (nudgeweb.settings.invitations)."""

    __tablename__ = "invitations"

    email: Mapped[str] = mapped_column(String(254))
    role: Mapped[str] = mapped_column(String(16))
    invited_by_id: Mapped[object | None] = mapped_column(Uuid, ForeignKey("users.id", ondelete="SET NULL"))
    accepted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    organization: Mapped[Organization] = relationship()
    invited_by: Mapped[User | None] = relationship()
