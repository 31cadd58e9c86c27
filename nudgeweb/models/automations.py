"""Automations (seed 001's Automation object; seed 003 calls them workflows).

An ``Automation`` is a trigger and a list of steps (``steps``, normalized by
``nudgeweb.automations.workflow``: each step has a stable ``id`` that survives edits). A contact who
meets the trigger, or is enrolled by hand or through the API, gets an ``AutomationEnrollment``: the
step it is on, when that step runs next (``next_run_at``) and, while it waits for an event, which
one. ``step_token`` grows by one each time the enrolment moves, so a step task that arrives twice, or
late after a crash, sees the token has moved on and does nothing: a step runs exactly once.

Every step an enrolment runs, and every entry and exit, is one ``AutomationStepRun`` row: the
contact's history in the automation, the automation's activity, and the counts on each step.

The entry rules hold in the database too, so two enrol tasks running at the same moment cannot both
let a contact in: an enrolment keeps the rule it entered under (``entry_rule``), and two partial
unique indexes refuse a second "once" enrolment of a contact ever, and a second active one while a
"once" or "one_at_a_time" enrolment is active. The engine inserts with ON CONFLICT DO NOTHING.
"""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Uuid, text
from sqlalchemy.orm import Mapped, mapped_column

from nudgeweb.models.base import IdMixin, OrgScoped, TimestampMixin, UtcDateTime, db, utcnow

AUTOMATION_STATUSES = ("draft", "active", "paused")
ENTRY_RULES = ("once", "one_at_a_time", "every_time")  # once ever; not while enrolled; on every trigger
ENROLLMENT_STATUSES = ("active", "completed", "exited", "stopped")
ONCE_EVER = "entry_rule = 'once'"  # the rows of uq_automation_enrollments_once
ONE_ACTIVE = "status = 'active' AND entry_rule IN ('once', 'one_at_a_time')"  # of uq_..._one_active
ACTIVE = "status = 'active'"  # the rows of ix_automation_enrollments_active_due


class Automation(IdMixin, OrgScoped, TimestampMixin, db.Model):
    __tablename__ = "automations"
    __table_args__ = (
        Index("ix_automations_org_created", "organization_id", "created_at", "id"),
        Index("ix_automations_org_trigger", "organization_id", "status", "trigger_type"),
    )

    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(String(1000), default="")
    status: Mapped[str] = mapped_column(String(12), default="draft")
    trigger_type: Mapped[str] = mapped_column(String(32))  # trigger["type"], indexed to find who listens
    trigger: Mapped[dict] = mapped_column(JSON, default=dict)  # {"type", "event_name"?, "conditions": {...}}
    steps: Mapped[list] = mapped_column(JSON, default=list)  # normalized steps, each with a stable "id"
    entry_rule: Mapped[str] = mapped_column(String(16), default="once")
    starter_key: Mapped[str | None] = mapped_column(String(40))  # which starter it was made from
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    paused_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_by_id: Mapped[object | None] = mapped_column(Uuid, ForeignKey("users.id", ondelete="SET NULL"))

    def __repr__(self):
        return f"<Automation {self.name!r} {self.status}>"


class AutomationEnrollment(IdMixin, OrgScoped, db.Model):
    __tablename__ = "automation_enrollments"
    __table_args__ = (
        Index("ix_automation_enrollments_automation_contact", "automation_id", "contact_id", "status"),
        Index("ix_automation_enrollments_automation_step", "automation_id", "status", "step_id"),
        # the step claim's order, active enrolments only (finished ones never come due again)
        Index("ix_automation_enrollments_active_due", "automation_id", "next_run_at",
              sqlite_where=text(ACTIVE), postgresql_where=text(ACTIVE)),
        Index("ix_automation_enrollments_contact_waiting", "contact_id", "waiting_for_event"),
        Index("uq_automation_enrollments_once", "automation_id", "contact_id", unique=True,
              sqlite_where=text(ONCE_EVER), postgresql_where=text(ONCE_EVER)),
        Index("uq_automation_enrollments_one_active", "automation_id", "contact_id", unique=True,
              sqlite_where=text(ONE_ACTIVE), postgresql_where=text(ONE_ACTIVE)),
    )

    automation_id: Mapped[object] = mapped_column(Uuid, ForeignKey("automations.id", ondelete="CASCADE"))
    contact_id: Mapped[object] = mapped_column(Uuid, ForeignKey("contacts.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(12), default="active")
    step_id: Mapped[str | None] = mapped_column(String(40))  # the step it is on; None once finished
    next_run_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # None: held (paused) or finished
    waiting_for_event: Mapped[str | None] = mapped_column(String(100))  # a wait_for_event step's event
    step_token: Mapped[int] = mapped_column(Integer, default=0)
    data: Mapped[dict] = mapped_column(JSON, default=dict)  # enrol metadata and the trigger's properties
    source: Mapped[str] = mapped_column(String(16), default="trigger")  # trigger, manual, api
    # the automation's entry rule when it entered (the unique indexes read it); None: entered before 0026
    entry_rule: Mapped[str | None] = mapped_column(String(16))
    enrolled_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    exit_reason: Mapped[str | None] = mapped_column(String(200))


class AutomationStepRun(IdMixin, OrgScoped, db.Model):
    __tablename__ = "automation_step_runs"
    __table_args__ = (
        Index("ix_automation_step_runs_automation_at", "automation_id", "occurred_at"),
        Index("ix_automation_step_runs_automation_step", "automation_id", "step_id", "outcome"),
        Index("ix_automation_step_runs_enrollment", "enrollment_id", "occurred_at"),
    )

    # the enrolment's automation and contact, without foreign keys of their own: the enrolment's key
    # (ON DELETE CASCADE) already ties the row to both, and each key costs every history row a lookup
    automation_id: Mapped[object] = mapped_column(Uuid)
    enrollment_id: Mapped[object] = mapped_column(
        Uuid, ForeignKey("automation_enrollments.id", ondelete="CASCADE"))
    contact_id: Mapped[object] = mapped_column(Uuid)
    step_id: Mapped[str | None] = mapped_column(String(40))  # None for entering and finishing
    step_type: Mapped[str] = mapped_column(String(24))  # a step type, or "enrolled" / "completed" / "exited"
    # done, skipped, waiting, branched, enrolled, completed, exited, stopped
    outcome: Mapped[str] = mapped_column(String(12))
    detail: Mapped[str] = mapped_column(String(500), default="")
    message_id: Mapped[object | None] = mapped_column(Uuid, ForeignKey("messages.id", ondelete="SET NULL"))
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
