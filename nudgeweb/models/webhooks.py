"""Webhooks: the endpoints an organization registered, one delivery per event and endpoint, and
each attempt at it.

A ``WebhookDelivery`` is written in the same transaction as its event (see nudgeweb.webhooks), with
the exact body that every attempt sends. Its life: ``pending`` (due at ``next_attempt_at``) →
``delivering`` (claimed by one worker at ``claimed_at``; a claim older than the lease was lost and
goes back to ``pending``) → ``succeeded``, or ``pending`` again for a retry, or ``failed`` (gave up,
410 Gone, or a test). A ``WebhookAttempt`` is one POST: what was sent and what came back.
"""
from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nudgeweb.models.base import IdMixin, OrgScoped, TimestampMixin, UtcDateTime, db, utcnow
from nudgeweb.models.messages import EncryptedText

DELIVERY_STATUSES = ("pending", "delivering", "succeeded", "failed")


class WebhookEndpoint(IdMixin, OrgScoped, TimestampMixin, db.Model):
    __tablename__ = "webhook_endpoints"

    url: Mapped[str] = mapped_column(String(2000))
    description: Mapped[str | None] = mapped_column(String(500))
    # The event types sent to it; ``all_events``: every type, those added later too.
    events: Mapped[list] = mapped_column(JSON, default=list)
    all_events: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    secret: Mapped[str] = mapped_column(EncryptedText)  # whsec_...: encrypted at rest, shown once
    disabled_reason: Mapped[str | None] = mapped_column(String(300))
    failing_since: Mapped[datetime | None] = mapped_column(UtcDateTime)  # first failure since the last success
    last_success_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    def wants(self, event_type):
        return self.all_events or event_type in (self.events or ())


class WebhookDelivery(IdMixin, OrgScoped, db.Model):
    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),
        Index("ix_webhook_deliveries_endpoint", "endpoint_id", "created_at", "id"),
    )

    endpoint_id: Mapped[object] = mapped_column(Uuid, ForeignKey("webhook_endpoints.id", ondelete="CASCADE"))
    event_id: Mapped[object] = mapped_column(Uuid)  # the domain event's id (a test's own): webhook-id on every try
    event_type: Mapped[str] = mapped_column(String(40))
    body: Mapped[str] = mapped_column(Text)
    test: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(12), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, nullable=False)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    endpoint = relationship(WebhookEndpoint, lazy="joined")


class WebhookAttempt(IdMixin, OrgScoped, db.Model):
    __tablename__ = "webhook_attempts"
    __table_args__ = (
        Index("ix_webhook_attempts_endpoint", "endpoint_id", "attempted_at", "id"),
        Index("ix_webhook_attempts_delivery", "delivery_id", "attempted_at"),
    )

    delivery_id: Mapped[object] = mapped_column(Uuid, ForeignKey("webhook_deliveries.id", ondelete="CASCADE"))
    endpoint_id: Mapped[object] = mapped_column(Uuid, ForeignKey("webhook_endpoints.id", ondelete="CASCADE"))
    attempted_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, nullable=False)
    succeeded: Mapped[bool] = mapped_column(Boolean, default=False)
    status_code: Mapped[int | None] = mapped_column(Integer)
    duration_ms: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(String(500))
    request_headers: Mapped[dict] = mapped_column(JSON, default=dict)
    response_headers: Mapped[dict | None] = mapped_column(JSON)
    response_body: Mapped[str | None] = mapped_column(Text)  # the first RESPONSE_BODY_CHARS

    delivery = relationship(WebhookDelivery, lazy="joined")
