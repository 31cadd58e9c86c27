"""Review requests: each organization's review settings, the requests and their timeline.

A ReviewRequest moves forward through STATUSES (scheduled → sent → opened → clicked → reviewed);
cancelled and failed end it. ``steps_sent`` counts the messages queued for it (the request, then
each follow-up), so a Huey task that runs twice or late sees the step was done and does nothing.
"""
import secrets
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint, Uuid, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nudgeweb.models.base import IdMixin, OrgScoped, TimestampMixin, UtcDateTime, db, utcnow

STATUSES = ("scheduled", "sent", "opened", "clicked", "reviewed", "cancelled", "failed")
# How far along the customer is; a request only ever moves to a higher rank.
PROGRESS = {"scheduled": 0, "sent": 1, "opened": 2, "clicked": 3, "reviewed": 4}
FINISHED = ("clicked", "reviewed", "cancelled", "failed")  # no more follow-ups
CHANNELS = ("email", "sms")
CHANNEL_CHOICES = ("auto", "email", "sms")  # auto: SMS when the contact has a phone, else email
MAX_FOLLOW_UPS = 3
SITE_KINDS = ("google", "facebook", "yelp", "trustpilot", "other")


def new_public_token():
    return secrets.token_urlsafe(12)


class ReviewSettings(IdMixin, OrgScoped, TimestampMixin, db.Model):
    """How one business asks for reviews (one row per organization, made on first use)."""

    __tablename__ = "review_settings"
    __table_args__ = (UniqueConstraint("organization_id", name="uq_review_settings_organization"),)

    # [{"kind": "google", "name": "Google", "url": "https://..."}], in the order customers see them.
    review_sites: Mapped[list] = mapped_column(JSON, default=list)
    default_channel: Mapped[str] = mapped_column(String(8), default="auto")
    default_delay_hours: Mapped[int] = mapped_column(Integer, default=0)
    # [{"delay_days": 3, "template_key": "review_follow_up_1"}], days after the first message.
    follow_ups: Mapped[list] = mapped_column(JSON, default=list)
    request_template_key: Mapped[str] = mapped_column(String(64), default="review_request")
    # Which of the organization's templates each step uses: {"0": {"email": id, "sms": id}, "1": ...},
    # step 0 the request, n follow-up n. A step or channel left out uses the built-in starter template.
    templates: Mapped[dict] = mapped_column(JSON, default=dict)
    # Not asked again within this many days unless the sender insists; 0 = no limit.
    ask_again_after_days: Mapped[int] = mapped_column(Integer, default=30)


FOLLOW_UP_WAITING = "next_follow_up_at IS NOT NULL"


class ReviewRequest(IdMixin, OrgScoped, TimestampMixin, db.Model):
    __tablename__ = "review_requests"
    __table_args__ = (
        Index("ix_review_requests_org_created", "organization_id", "created_at", "id"),
        Index("ix_review_requests_org_status", "organization_id", "status", "created_at"),
        Index("ix_review_requests_org_contact", "organization_id", "contact_id", "created_at"),
        Index("ix_review_requests_org_employee", "organization_id", "employee_id"),
        # the minute's sweep of follow-ups due: only the requests still waiting for one
        Index("ix_review_requests_follow_up_due", "next_follow_up_at",
              sqlite_where=text(FOLLOW_UP_WAITING), postgresql_where=text(FOLLOW_UP_WAITING)),
    )

    contact_id: Mapped[object] = mapped_column(Uuid, ForeignKey("contacts.id", ondelete="CASCADE"))
    employee_id: Mapped[object | None] = mapped_column(Uuid)  # employees arrive in a later issue
    created_by_id: Mapped[object | None] = mapped_column(Uuid, ForeignKey("users.id", ondelete="SET NULL"))
    source: Mapped[str] = mapped_column(String(16), default="manual")  # manual, bulk, api, employee, demo
    channel: Mapped[str] = mapped_column(String(8))
    scheduled_for: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(16), default="scheduled")
    steps_sent: Mapped[int] = mapped_column(Integer, default=0)
    next_follow_up_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    opened_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    clicked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    reviewed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    failed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    failure_reason: Mapped[str | None] = mapped_column(String(300))
    clicked_site: Mapped[str | None] = mapped_column(String(100))
    extra: Mapped[dict] = mapped_column("metadata", JSON, default=dict)  # the caller's free JSON
    rating: Mapped[int | None] = mapped_column(Integer)
    feedback: Mapped[str | None] = mapped_column(Text)
    feedback_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    public_token: Mapped[str] = mapped_column(String(32), default=new_public_token, unique=True)

    contact = relationship("Contact", lazy="joined")
    organization = relationship("Organization")
    events: Mapped[list["ReviewRequestEvent"]] = relationship(
        back_populates="review_request", cascade="all, delete-orphan", passive_deletes=True,
        order_by="ReviewRequestEvent.occurred_at",
    )

    @property
    def follow_up_step(self):
        """How many follow-ups went out (0 until the first one)."""
        return max(self.steps_sent - 1, 0)

    @property
    def finished(self):
        return self.status in FINISHED

    def __repr__(self):
        return f"<ReviewRequest {self.id} {self.status}>"


class ReviewRequestEvent(IdMixin, OrgScoped, db.Model):
    """One line of a request's timeline: scheduled, sent, follow_up, opened, clicked, rated ..."""

    __tablename__ = "review_request_events"
    __table_args__ = (Index("ix_review_request_events_request", "review_request_id", "occurred_at"),)

    review_request_id: Mapped[object] = mapped_column(
        Uuid, ForeignKey("review_requests.id", ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(String(32))
    summary: Mapped[str] = mapped_column(String(300))
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    review_request: Mapped[ReviewRequest] = relationship(back_populates="events")
