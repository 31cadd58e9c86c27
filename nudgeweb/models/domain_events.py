"""The stream of domain events (a transactional outbox).

A ``DomainEvent`` is written in the same transaction as the change it reports, so that an event exists
exactly when its cause committed. Webhooks deliver from it, automations will read it. Its ``type`` is
one of ``nudgeweb.domain_events.EVENT_TYPES``; ``data`` is the event's JSON object as integrators get it.
"""
from datetime import datetime

from sqlalchemy import JSON, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from nudgeweb.models.base import IdMixin, OrgScoped, UtcDateTime, db, utcnow


class DomainEvent(IdMixin, OrgScoped, db.Model):
    __tablename__ = "domain_events"
    __table_args__ = (Index("ix_domain_events_org_created", "organization_id", "created_at", "id"),)

    type: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, nullable=False)
    data: Mapped[dict] = mapped_column(JSON, default=dict)
