"""Contacts (the business's customers), their tags, custom field definitions, timeline and segments.

Tags live in their own table joined through ``contact_tags`` so that "contacts tagged vip" is an
indexed lookup at 100,000 contacts on SQLite and PostgreSQL alike; ``Contact.tags`` reads as a
plain sorted list of names. Custom field values are a JSON object keyed by the definition's
``key`` (which never changes, so renaming a field touches one row, not every contact).
"""
from datetime import datetime

from sqlalchemy import JSON, Column, ForeignKey, Index, String, Table, Text, UniqueConstraint, Uuid, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nudgeweb.models.accounts import Organization
from nudgeweb.models.base import IdMixin, OrgScoped, TimestampMixin, UtcDateTime, db, utcnow

CONTACT_STATUSES = ("subscribed", "unsubscribed", "bounced", "complained")
CONTACT_SOURCES = ("manual", "import", "api", "review_request", "employee")
CONTACT_SOURCE_LABELS = {"manual": "Added by hand", "import": "Import", "api": "API", "review_request": "Review request",
                         "employee": "Employee page"}
CUSTOM_FIELD_TYPES = ("text", "number", "date", "boolean", "choice")

contact_tags = Table(
    "contact_tags",
    db.metadata,
    Column("tag_id", Uuid, ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
    Column("contact_id", Uuid, ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_contact_tags_contact_id", "contact_id"),
)


class Tag(IdMixin, OrgScoped, db.Model):
    __tablename__ = "tags"
    __table_args__ = (UniqueConstraint("organization_id", "name", name="uq_tags_organization_name"),)

    name: Mapped[str] = mapped_column(String(50))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    def __repr__(self):
        return f"<Tag {self.name!r}>"


class Contact(IdMixin, OrgScoped, TimestampMixin, db.Model):
    __tablename__ = "contacts"
    __table_args__ = (
        UniqueConstraint("organization_id", "email", name="uq_contacts_organization_email"),
        UniqueConstraint("organization_id", "phone", name="uq_contacts_organization_phone"),
        # The list page sorts by any column within one organization; id breaks ties. The unique
        # constraints above serve the email and phone sorts, and every index here starts with
        # organization_id, so the contacts need no index of their own on it: each index costs an
        # import of 100,000 contacts about half a second.
        Index("ix_contacts_org_created", "organization_id", "created_at", "id"),
        Index("ix_contacts_org_updated", "organization_id", "updated_at", "id"),
        Index("ix_contacts_org_last_name", "organization_id", "last_name", "id"),
        Index("ix_contacts_org_first_name", "organization_id", "first_name", "id"),
        Index("ix_contacts_org_company", "organization_id", "company_name", "id"),
        Index("ix_contacts_org_status", "organization_id", "status", "created_at", "id"),
        Index("ix_contacts_org_source", "organization_id", "source", "created_at", "id"),
        # Search as you type scans this (LIKE '%word%' can't seek): far narrower than the table.
        Index("ix_contacts_org_search", "organization_id", "search_text", "id"),
    )

    organization_id: Mapped[object] = mapped_column(
        Uuid, ForeignKey("organizations.id", ondelete="CASCADE"), nullable=False
    )
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(20))  # E.164
    first_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100), default="")
    company_name: Mapped[str] = mapped_column(String(200), default="")
    custom_fields: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(16), default="subscribed")
    source: Mapped[str] = mapped_column(String(16), default="manual")
    subscribed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    unsubscribed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    unsubscribe_reason: Mapped[str | None] = mapped_column(String(200))
    timezone: Mapped[str | None] = mapped_column(String(64))
    # Lower-cased "first last email phone company" for search as you type.
    search_text: Mapped[str] = mapped_column(Text, default="")

    organization: Mapped["Organization"] = relationship()
    tag_rows: Mapped[list[Tag]] = relationship(secondary=contact_tags, order_by=Tag.name, lazy="selectin")
    activities: Mapped[list["ContactActivity"]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", passive_deletes=True,
        order_by="ContactActivity.occurred_at.desc()",
    )

    @property
    def tags(self):
        return sorted((tag.name for tag in self.tag_rows), key=str.lower)

    @property
    def full_name(self):
        return " ".join(part for part in (self.first_name, self.last_name) if part)

    @property
    def display_name(self):
        return self.full_name or self.email or self.phone or "(no name)"

    def __repr__(self):
        return f"<Contact {self.display_name!r}>"


class CustomFieldDefinition(IdMixin, OrgScoped, TimestampMixin, db.Model):
    """A custom field the organization defined; ``key`` names the value in Contact.custom_fields."""

    __tablename__ = "custom_field_definitions"
    __table_args__ = (UniqueConstraint("organization_id", "key", name="uq_custom_field_definitions_organization_key"),)

    key: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(100))
    field_type: Mapped[str] = mapped_column(String(16), default="text")
    choices: Mapped[list] = mapped_column(JSON, default=list)
    position: Mapped[int] = mapped_column(default=0)

    def __repr__(self):
        return f"<CustomFieldDefinition {self.key!r} ({self.field_type})>"


class ContactActivity(IdMixin, OrgScoped, db.Model):
    """One entry of a contact's timeline (see contacts.timeline.record_activity)."""

    __tablename__ = "contact_activities"
    __table_args__ = (Index("ix_contact_activities_contact_occurred", "contact_id", "occurred_at"),)

    contact_id: Mapped[object] = mapped_column(Uuid, ForeignKey("contacts.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(64))
    summary: Mapped[str] = mapped_column(String(500))
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    contact: Mapped[Contact] = relationship(back_populates="activities")


class Segment(IdMixin, OrgScoped, TimestampMixin, db.Model):
    """A saved filter of the contact list; contacts.queries.segment_query turns it into SQL."""

    __tablename__ = "segments"
    __table_args__ = (UniqueConstraint("organization_id", "name", name="uq_segments_organization_name"),)

    name: Mapped[str] = mapped_column(String(100))
    filters: Mapped[dict] = mapped_column(JSON, default=dict)

    def __repr__(self):
        return f"<Segment {self.name!r}>"


def contact_search_text(first_name="", last_name="", email=None, phone=None, company_name=""):
    """What search as you type looks in: names, email, phone (also without +) and company, lower-cased."""
    parts = (first_name, last_name, email, phone, phone[1:] if phone else None, company_name)
    return " ".join(part for part in parts if part).lower()


@event.listens_for(Contact, "before_insert")
@event.listens_for(Contact, "before_update")
def _refresh_search_text(_mapper, _connection, contact):
    contact.search_text = contact_search_text(
        contact.first_name, contact.last_name, contact.email, contact.phone, contact.company_name
    )
