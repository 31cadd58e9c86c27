"""Employees, the campaign periods they take part in, and the nudges that remind them to ask for reviews.

A ``CampaignPeriod`` runs from ``starts_on`` to ``ends_on`` (dates in the business's time zone):
draft → active → ended. Its ``CampaignParticipant`` rows say who takes part and hold each one's
link secret: the employee's page is ``/e/<signed token>`` of (participant, secret), so replacing
or clearing the secret revokes the link. A ``Nudge`` is one reminder; ``due_at`` (the schedule's
slot) is unique per employee and period, so the task that queues them may run twice.
"""
import secrets
from datetime import date, datetime, time

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Time, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nudgeweb.models.base import IdMixin, OrgScoped, TimestampMixin, UtcDateTime, db, first_name_of
from nudgeweb.models.imports import ImportedFile, ImportFailureColumns

EMPLOYEE_CHANNELS = ("email", "sms")
PERIOD_STATUSES = ("draft", "active", "ended")
PERIOD_CHANNELS = ("email", "sms", "preference")  # preference: each employee's own preferred channel
GOAL_KINDS = ("requests_sent", "reviews")
SCHEDULE_KINDS = ("weekdays", "every_n_days")
NUDGE_STATUSES = ("queued", "sent", "failed", "skipped")


def new_link_secret():
    return secrets.token_urlsafe(12)


class Employee(IdMixin, OrgScoped, TimestampMixin, db.Model):
    __tablename__ = "employees"
    __table_args__ = (Index("ix_employees_org_name", "organization_id", "name"),)

    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(20))  # E.164
    title: Mapped[str | None] = mapped_column(String(100))
    location: Mapped[str | None] = mapped_column(String(100))
    preferred_channel: Mapped[str] = mapped_column(String(8), default="email")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    user_id: Mapped[object | None] = mapped_column(Uuid, ForeignKey("users.id", ondelete="SET NULL"))
    sms_opted_out_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # replied STOP

    @property
    def first_name(self):
        return first_name_of(self.name)


class CampaignPeriod(IdMixin, OrgScoped, TimestampMixin, db.Model):
    __tablename__ = "campaign_periods"
    __table_args__ = (Index("ix_campaign_periods_org_status", "organization_id", "status"),)

    name: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    goal_kind: Mapped[str] = mapped_column(String(16), default="reviews")
    goal: Mapped[int] = mapped_column(Integer, default=10)
    status: Mapped[str] = mapped_column(String(8), default="draft")
    schedule_kind: Mapped[str] = mapped_column(String(16), default="weekdays")
    weekdays: Mapped[list] = mapped_column(JSON, default=list)  # 0 = Monday ... 6 = Sunday
    send_time: Mapped[time] = mapped_column(Time, default=time(9, 0))  # the business's local time
    every_days: Mapped[int | None] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(12), default="preference")
    template_name: Mapped[str | None] = mapped_column(String(100))  # a template of the business; None: the starter

    participants: Mapped[list["CampaignParticipant"]] = relationship(
        back_populates="campaign_period", cascade="all, delete-orphan", passive_deletes=True)


class CampaignParticipant(IdMixin, OrgScoped, db.Model):
    __tablename__ = "campaign_participants"
    __table_args__ = (UniqueConstraint("campaign_period_id", "employee_id", name="uq_campaign_participant"),)

    campaign_period_id: Mapped[object] = mapped_column(
        Uuid, ForeignKey("campaign_periods.id", ondelete="CASCADE"))
    employee_id: Mapped[object] = mapped_column(Uuid, ForeignKey("employees.id", ondelete="CASCADE"), index=True)
    link_secret: Mapped[str | None] = mapped_column(String(32), default=new_link_secret)  # None: revoked

    campaign_period: Mapped[CampaignPeriod] = relationship(back_populates="participants")
    employee: Mapped[Employee] = relationship()


class Nudge(IdMixin, OrgScoped, TimestampMixin, db.Model):
    __tablename__ = "nudges"
    __table_args__ = (
        UniqueConstraint("employee_id", "campaign_period_id", "due_at", name="uq_nudges_slot"),
        Index("ix_nudges_org_created", "organization_id", "created_at", "id"),
        # Seed 004's query (a period's nudges of a channel, by -sent_at): the page's ids read from the index alone.
        Index("ix_nudges_org_period_channel_sent", "organization_id", "campaign_period_id", "channel", "sent_at", "id"),
        Index("ix_nudges_org_employee", "organization_id", "employee_id", "created_at"),
    )

    employee_id: Mapped[object] = mapped_column(Uuid, ForeignKey("employees.id", ondelete="CASCADE"))
    campaign_period_id: Mapped[object] = mapped_column(Uuid, ForeignKey("campaign_periods.id", ondelete="CASCADE"))
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    channel: Mapped[str] = mapped_column(String(8))
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    template_used: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(8), default="queued")
    error: Mapped[str | None] = mapped_column(String(300))
    progress: Mapped[int] = mapped_column(Integer, default=0)  # toward the period's goal, when it went out
    goal: Mapped[int] = mapped_column(Integer, default=0)
    message_id: Mapped[object | None] = mapped_column(Uuid)

    employee: Mapped[Employee] = relationship()
    campaign_period: Mapped[CampaignPeriod] = relationship()


class EmployeeImport(ImportedFile, IdMixin, OrgScoped, TimestampMixin, db.Model):
    """A CSV file of the team being imported (nudges/imports.py): ``processed`` = ``added`` +
    ``updated`` + ``failed`` rows so far, out of ``total``."""

    __tablename__ = "employee_imports"

    added: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)


class EmployeeImportFailure(ImportFailureColumns, OrgScoped, db.Model):
    __tablename__ = "employee_import_failures"

    import_id: Mapped[object] = mapped_column(Uuid, ForeignKey("employee_imports.id", ondelete="CASCADE"), index=True)
