"""Lists of contacts, and campaigns sent to them (seed 001).

A ``ContactList`` is a named, static group of contacts; a ``ListMembership`` joins one contact to one
list, ``pending`` until the contact confirms when the list asks for double opt-in.

A ``Campaign`` is one email or SMS written for an audience (a list, a segment, tags or every
subscribed contact, less exclusions). When sending starts its audience is fixed as one
``CampaignRecipient`` row per contact (``pending``); the send task claims pending rows a batch at a
time and hands them to the delivery engine in the same transaction as the claim, so a crash or a
pause resumes exactly where it stopped and nobody gets the campaign twice.
"""
from datetime import datetime

from sqlalchemy import JSON, BigInteger, Boolean, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from nudgeweb.models.base import IdMixin, OrgScoped, TimestampMixin, UtcDateTime, db, utcnow

CAMPAIGN_STATUSES = ("draft", "scheduled", "sending", "paused", "sent", "cancelled")
MEMBERSHIP_STATUSES = ("pending", "subscribed")
RECIPIENT_STATUSES = ("pending", "queued", "skipped")


class ContactList(IdMixin, OrgScoped, TimestampMixin, db.Model):
    __tablename__ = "contact_lists"
    __table_args__ = (UniqueConstraint("organization_id", "name", name="uq_contact_lists_organization_name"),)

    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(String(500), default="")
    double_opt_in: Mapped[bool] = mapped_column(Boolean, default=False)

    def __repr__(self):
        return f"<ContactList {self.name!r}>"


class ListMembership(IdMixin, OrgScoped, db.Model):
    __tablename__ = "list_memberships"
    __table_args__ = (
        UniqueConstraint("list_id", "contact_id", name="uq_list_memberships_list_contact"),
        Index("ix_list_memberships_contact_id", "contact_id"),
        Index("ix_list_memberships_list_status", "list_id", "status", "contact_id"),
    )

    list_id: Mapped[object] = mapped_column(Uuid, ForeignKey("contact_lists.id", ondelete="CASCADE"))
    contact_id: Mapped[object] = mapped_column(Uuid, ForeignKey("contacts.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(12), default="subscribed")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    confirmed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Campaign(IdMixin, OrgScoped, TimestampMixin, db.Model):
    __tablename__ = "campaigns"
    __table_args__ = (
        Index("ix_campaigns_org_created", "organization_id", "created_at", "id"),
        Index("ix_campaigns_org_status", "organization_id", "status", "created_at"),
    )

    name: Mapped[str] = mapped_column(String(200))
    channel: Mapped[str] = mapped_column(String(8), default="email")
    subject: Mapped[str] = mapped_column(String(500), default="")
    preview_text: Mapped[str] = mapped_column(String(200), default="")
    from_name: Mapped[str] = mapped_column(String(200), default="")
    from_email: Mapped[str] = mapped_column(String(254), default="")
    reply_to: Mapped[str] = mapped_column(String(254), default="")
    template_id: Mapped[object | None] = mapped_column(Uuid, ForeignKey("message_templates.id", ondelete="SET NULL"))
    html_content: Mapped[str] = mapped_column(Text, default="")
    text_content: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")  # the SMS text
    variables: Mapped[dict] = mapped_column(JSON, default=dict)  # values for the template's declared variables
    # {"list_id", "segment_id", "tags": [...], "all": bool, "exclude_list_ids": [...], "exclude_tags": [...]}
    audience: Mapped[dict] = mapped_column(JSON, default=dict)
    # {"track_opens", "track_clicks", "google_analytics": {"utm_source", "utm_medium", "utm_campaign"}}
    settings: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(12), default="draft")
    scheduled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    timezone: Mapped[str | None] = mapped_column(String(64))
    send_time_optimization: Mapped[bool] = mapped_column(Boolean, default=False)
    send_rate: Mapped[float | None] = mapped_column(Float)  # messages a second; None: the channel's default
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    total_recipients: Mapped[int] = mapped_column(Integer, default=0)
    created_by_id: Mapped[object | None] = mapped_column(Uuid, ForeignKey("users.id", ondelete="SET NULL"))

    def __repr__(self):
        return f"<Campaign {self.name!r} {self.status}>"


class CampaignRecipient(OrgScoped, db.Model):
    """One contact of a campaign's fixed audience: ``pending`` until the send task hands it to the
    delivery engine (``queued``, with its message) or finds it may no longer be messaged (``skipped``)."""

    __tablename__ = "campaign_recipients"
    __table_args__ = (Index("ix_campaign_recipients_campaign_status", "campaign_id", "status", "contact_id"),)

    campaign_id: Mapped[object] = mapped_column(Uuid, ForeignKey("campaigns.id", ondelete="CASCADE"),
                                                primary_key=True)
    contact_id: Mapped[object] = mapped_column(Uuid, ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True)
    status: Mapped[str] = mapped_column(String(8), default="pending")
    skip_reason: Mapped[str | None] = mapped_column(String(200))


class CampaignSummary(IdMixin, OrgScoped, db.Model):
    """One UTC hour of one ``metric`` of a campaign's message events for one ``dimension`` (the metrics that are
    totals: one fixed hour): kept as the events are written (nudgeweb.campaigns.summaries), so that the report
    never reads raw events.

    Metrics: ``event`` (every event, by type), ``first`` (the first event of a type for a message, by type;
    an open is the first open or click), ``undelivered`` (a message sent, then bounced or failed), ``link``
    and ``link_first`` (clicks and first clicks of a message, by URL), ``device`` and ``client`` (opens and
    clicks with a user agent)."""

    __tablename__ = "campaign_summaries"
    __table_args__ = (
        UniqueConstraint("campaign_id", "metric", "hour", "dimension", name="uq_campaign_summaries_bucket"),
    )

    campaign_id: Mapped[object] = mapped_column(Uuid, ForeignKey("campaigns.id", ondelete="CASCADE"))
    metric: Mapped[str] = mapped_column(String(16))
    dimension: Mapped[str] = mapped_column(String(2000), default="")
    hour: Mapped[datetime] = mapped_column(UtcDateTime)
    count: Mapped[int] = mapped_column(BigInteger, default=0)
