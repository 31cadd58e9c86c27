"""Behavioural events of contacts and the hourly counts that every chart and analytics answer read.

A ``ContactEvent`` is something a contact did that the business tells us through the API (``name``,
free ``properties``, optional ``revenue`` in a ``currency``): it lands on the contact's timeline.
Its revenue is credited to a campaign (``campaign_id``) when it is recorded. It outlives its contact.
(The lead's ``DomainEvent`` is something else: the webhook outbox.)

An ``AnalyticsCount`` is one UTC hour of one ``metric`` (e.g. ``message.sent``) for one
``dimension`` (e.g. ``email``; "" when the metric has none): how many (``count``) and, for
revenue and ratings, their sum (``amount``). It is upserted in the transaction of the row it
counts (nudgeweb.analytics.counters), so the charts never scan raw rows. Its ``hour`` is an hour of
the organization's clock as the UTC instant it starts, so the days of its time zone are exact.
"""
from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, BigInteger, Float, ForeignKey, Index, Numeric, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from nudgeweb.models.base import IdMixin, OrgScoped, UtcDateTime, db, utcnow

MAX_EVENT_NAME = 100


class ContactEvent(IdMixin, OrgScoped, db.Model):
    __tablename__ = "contact_events"
    __table_args__ = (
        Index("ix_contact_events_org_occurred", "organization_id", "occurred_at", "id"),
        Index("ix_contact_events_org_name", "organization_id", "name", "occurred_at"),
        Index("ix_contact_events_org_contact", "organization_id", "contact_id", "occurred_at"),
    )

    # null once the contact is deleted: what it did still happened, and stays counted (nudgeweb.analytics.counters)
    contact_id: Mapped[object | None] = mapped_column(Uuid, ForeignKey("contacts.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(MAX_EVENT_NAME))
    properties: Mapped[dict] = mapped_column(JSON, default=dict)
    revenue: Mapped[Decimal | None] = mapped_column(Numeric(14, 2, asdecimal=False))
    currency: Mapped[str | None] = mapped_column(String(3))
    # the campaign credited with the revenue (nudgeweb.analytics.attribution); no foreign key: the credit is
    # history, and stays counted when the campaign is deleted
    campaign_id: Mapped[object | None] = mapped_column(Uuid)
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    def __repr__(self):
        return f"<ContactEvent {self.name}>"


class AnalyticsCount(IdMixin, OrgScoped, db.Model):
    __tablename__ = "analytics_hourly"
    __table_args__ = (
        UniqueConstraint("organization_id", "metric", "hour", "dimension", name="uq_analytics_hourly_bucket"),
    )

    metric: Mapped[str] = mapped_column(String(40))
    dimension: Mapped[str] = mapped_column(String(100), default="")
    hour: Mapped[datetime] = mapped_column(UtcDateTime)
    count: Mapped[int] = mapped_column(BigInteger, default=0)
    amount: Mapped[float] = mapped_column(Float, default=0.0)
