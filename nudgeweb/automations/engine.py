"""Runs automations: enrols contacts, runs each enrolment's steps on time and exactly once.

- ``enroll`` / ``enroll_many`` admit contacts by the automation's entry rule (once ever, one at a time,
  every time), insert the enrolments (skipping those the rule's unique indexes refuse: another task
  let the contact in at the same moment) and their "enrolled" history in bulk, record
  ``automation.enrolled`` and ask (after the commit) for a step task at the first step's time. An enrol
  task (``run_now``) runs a first step that is due at once in its own transaction, in a ``Pass`` over
  the rows it has just inserted (nobody else sees them before the commit, so they need no lease): the
  steps due at once then cost no claim and no trip through the queue.
- ``run_due(automation_id)`` is that task's body: it leases a batch of the automation's due enrolments
  (one short UPDATE that raises each one's ``step_token`` and moves its ``next_run_at`` a lease ahead,
  only while the automation is active), runs their steps in a ``Pass`` (steps due at once run in the
  same pass, without re-queueing), then writes the enrolments' new place (where the token is still
  the leased one), the history and the steps' own rows (a message, a tag) in one transaction, and
  takes the next batch. A task delivered twice, or a batch re-run after a crash, finds nothing due
  that has already moved: a step runs exactly once, and a send is written with the move. A worker
  that dies mid-batch leaves its lease to run out; the sweep then runs the batch again.
- Tasks are asked for per automation and moment (``steps_due``), never per contact; ``sweep`` (every
  minute) asks again for automations with enrolments overdue, whose task was lost.
- ``paused`` holds every enrolment (the claim skips a paused automation; ``next_run_at`` is kept),
  ``started`` runs what came due meanwhile, ``steps_changed`` moves enrolments off removed steps.
- ``stats``, ``step_counts`` and ``dry_run`` read; ``dry_run`` changes nothing.
"""
import uuid
from dataclasses import dataclass
from datetime import timedelta, timezone
from functools import partial
from zoneinfo import ZoneInfo

from sqlalchemy import ARRAY, Uuid, bindparam, func, literal_column, select, true, update

from nudgeweb import clock
from nudgeweb.automations import steps as step_types
from nudgeweb.automations.signals import steps_due
from nudgeweb.bulk import PreparedInsert, insert_rows, update_rows
from nudgeweb.domain_events import record_events
from nudgeweb.models import Contact, Organization, db, new_id
from nudgeweb.models.automations import Automation, AutomationEnrollment, AutomationStepRun
from nudgeweb.models.contacts import Tag, contact_tags
from nudgeweb.unit_of_work import after_commit_together, checkpoint, rollback

BATCH_SIZE = 1000  # enrolments claimed, run and committed together
LIGHT_CONTACT = ("id", "organization_id", "email", "phone", "first_name", "last_name", "company_name", "status",
                 "source", "timezone", "custom_fields")
MAX_STEPS_AT_ONCE = 100  # steps one enrolment runs in one pass: a loop of immediate steps stops here
SWEEP_GRACE = timedelta(minutes=2)  # overdue for this long: its task was lost
LEASE = timedelta(minutes=5)  # a batch's enrolments are its worker's for this long
PASSED = ("done", "skipped", "branched", "timed_out", "met")
LEFT = ("exited", "stopped")
FINISHED = ("completed", "exited", "stopped")

ACTIVE = AutomationEnrollment.status == literal_column("'active'")  # the predicate of ix_..._active_due
enrollments = AutomationEnrollment.__table__
step_runs = AutomationStepRun.__table__


# --- enrolling -----------------------------------------------------------------------------------

def enroll(automation, contact, *, data=None, source="trigger"):
    """Enrol ``contact`` if the automation's entry rule allows; the enrolment, or None when it may not enter."""
    ids = enroll_many(automation, [(contact.id, data)], source=source)
    return db.session.get(AutomationEnrollment, ids[0]) if ids else None


def enroll_many(automation, entries, *, source="trigger", now=None, run_now=False):
    """Enrol each ``(contact_id, data)`` of ``entries`` the entry rule admits, in bulk; the new enrolments' ids.
    ``run_now``: the steps due at once run here, in this transaction (an enrol task's)."""
    now = now or clock.now()
    entries = _admitted(automation, entries)
    if not entries:
        return []
    first = automation.steps[0] if automation.steps else None
    due, waiting = step_types.arrival(first, now, organization_zone(automation.organization_id))
    rows = [dict(id=new_id(), organization_id=automation.organization_id, automation_id=automation.id,
                 contact_id=contact_id, status="active", step_id=first["id"] if first else None, next_run_at=due,
                 waiting_for_event=waiting, step_token=0, data=data or {}, source=source, enrolled_at=now,
                 finished_at=None, exit_reason=None, entry_rule=automation.entry_rule) for contact_id, data in entries]
    rows = _inserted(rows)
    if not rows:
        return []
    insert_rows(step_runs, [_history(row, None, "enrolled", "enrolled", f"Entered ({source})", now) for row in rows])
    record_events("automation.enrolled", [_event_data(automation, row, now) for row in rows], automation.organization_id)
    if run_now and first is not None and due <= now:
        Pass(automation, now).run([Enrolment(**{name: row[name] for name in ENROLMENT_FIELDS}) for row in rows])
    else:
        _schedule(automation, due, now)
    return [row["id"] for row in rows]


def _admitted(automation, entries):
    """The entries the entry rule lets in: "once" ever, "one_at_a_time" while not enrolled, or "every_time"."""
    if automation.entry_rule == "every_time":
        return list(entries)
    contact_ids = list(dict.fromkeys(contact_id for contact_id, _ in entries))
    query = select(AutomationEnrollment.contact_id).where(AutomationEnrollment.organization_id == automation.organization_id,
                                                          AutomationEnrollment.automation_id == automation.id)
    if automation.entry_rule == "one_at_a_time":
        query = query.where(AutomationEnrollment.status == "active")
    taken = {contact_id for contact_id, in per_contact(query, AutomationEnrollment.contact_id, contact_ids)}
    admitted = []
    for contact_id, data in entries:
        if contact_id not in taken:
            taken.add(contact_id)
            admitted.append((contact_id, data))
    return admitted


def per_contact(query, column, contact_ids):
    """The rows of ``query`` (a select of which ``column`` is a contact id) for these contacts, 500 a statement.
    On PostgreSQL each id is looked up on its own through the index (a LATERAL join over the ids): without
    statistics (autovacuum may be off, and these tables grow by thousands of rows a minute) its planner
    takes ``column IN (500 ids)`` for most of the table and reads all of it, every batch. The organization
    in force does not reach into the LATERAL subquery: ``query`` names its organization itself."""
    postgresql = db.session.get_bind().dialect.name == "postgresql"
    for start in range(0, len(contact_ids), 500):
        chunk = contact_ids[start:start + 500]
        if not postgresql:
            yield from db.session.execute(query.where(column.in_(chunk)))
            continue
        given = func.unnest(bindparam("contact_ids", chunk, type_=ARRAY(Uuid))).table_valued("id").render_derived("given")
        each = query.where(column == given.c.id).offset(0).lateral("each")  # OFFSET 0: not merged into a hash join
        yield from db.session.execute(select(*each.c).select_from(given).join(each, true()))


def _inserted(rows):
    """Insert the enrolments, leaving out those the entry rule's unique indexes refuse (an enrol task
    running at the same moment let the contact in first); the rows inserted."""
    inserted = PreparedInsert(enrollments, rows, skip_conflicts=True).execute()
    if inserted == len(rows):
        return rows
    stored = set()
    for start in range(0, len(rows), 500):
        stored.update(db.session.scalars(select(enrollments.c.id).where(
            enrollments.c.id.in_([row["id"] for row in rows[start:start + 500]]))))
    return [row for row in rows if row["id"] in stored]


def _event_data(automation, row, now, **more):
    return {"automation_id": str(automation.id), "automation_name": automation.name,
            "enrollment_id": str(row["id"]), "contact_id": str(row["contact_id"]),
            "timestamp": now.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), **more}


def _history(row, step, step_type, outcome, detail, now, message_id=None):
    return dict(id=new_id(), organization_id=row["organization_id"], automation_id=row["automation_id"],
                enrollment_id=row["id"], contact_id=row["contact_id"], step_id=step["id"] if step else None,
                step_type=step_type, outcome=outcome, detail=detail[:500], message_id=message_id, occurred_at=now)


def organization_zone(organization_id):
    name = db.session.scalar(select(Organization.timezone).where(Organization.id == organization_id))
    try:
        return ZoneInfo(name or "UTC")
    except (ValueError, KeyError):
        return ZoneInfo("UTC")


# --- scheduling ----------------------------------------------------------------------------------

def _schedule(automation, due, now):
    """Once the transaction commits, a step task runs the automation's enrolments due at ``due``: one per
    automation and second, however many enrolments came due then."""
    eta = None if due <= now else (due + timedelta(microseconds=999_999 - due.microsecond)).replace(microsecond=0) \
        + timedelta(seconds=1)
    key = ("automation-steps", automation.id, eta)
    after_commit_together(key, partial(_announce, automation.organization_id, automation.id, eta), None)


def _announce(organization_id, automation_id, eta, _items):
    steps_due.send(organization_id, automation_id=automation_id, eta=eta)


def sweep(now=None):
    """(organization_id, automation_id) of active automations with enrolments overdue by SWEEP_GRACE (a
    lost task): each gets a step task now. Reads across organizations (the caller's housekeeping task)."""
    now = now or clock.now()
    pairs = db.session.execute(
        select(AutomationEnrollment.organization_id, AutomationEnrollment.automation_id).distinct()
        .join(Automation, Automation.id == AutomationEnrollment.automation_id)
        .where(ACTIVE, AutomationEnrollment.next_run_at <= now - SWEEP_GRACE,
               Automation.status == "active")).all()
    for organization_id, automation_id in pairs:
        steps_due.send(organization_id, automation_id=automation_id, eta=None)
    return pairs


# --- running -------------------------------------------------------------------------------------

def following_step(steps, step, branch):
    """The step a branch leads to: the next one ("continue"), the one named, or None (exit, or the end)."""
    if branch == "exit":
        return None
    if branch == "continue":
        index = next(index for index, each in enumerate(steps) if each["id"] == step["id"]) + 1
        return steps[index] if index < len(steps) else None
    return next((each for each in steps if each["id"] == branch), None)


def row_of(model, row_id):
    """A row of the organization in force by its id (a step's template, campaign or list); None when gone."""
    row_id = as_uuid(row_id)
    return db.session.get(model, row_id) if row_id is not None else None


def as_uuid(value):
    """An id as steps and triggers hold it (a UUID, its hex, or seed 001's "lst_<hex>"); None when it is none."""
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value).rsplit("_", 1)[-1])
    except ValueError:
        return None


@dataclass
class Enrolment:
    """An enrolment as a pass moves it (the claimed row's values, then its new ones)."""

    id: object
    organization_id: object
    automation_id: object
    contact_id: object
    step_id: str | None
    step_token: int
    enrolled_at: object
    data: dict
    status: str = "active"
    next_run_at: object = None
    waiting_for_event: str | None = None
    finished_at: object = None
    exit_reason: str | None = None

    def row(self):
        return {"id": self.id, "organization_id": self.organization_id, "automation_id": self.automation_id,
                "contact_id": self.contact_id, "step_id": self.step_id}


ENROLMENT_FIELDS = ("id", "organization_id", "automation_id", "contact_id", "step_id", "step_token", "enrolled_at", "data")


def run_due(automation_id, now=None):
    """Run the due steps of the automation's enrolments, a batch at a time; how many steps ran."""
    ran = 0
    while True:
        moment = now or clock.now()
        claimed = _claim(AutomationEnrollment.next_run_at <= moment, automation_id, moment)
        if not claimed:
            return ran
        ran += _run_claimed(automation_id, claimed, moment)


def event_happened(organization_id, name, contact_ids, now=None):
    """``name`` happened for these contacts: their enrolments waiting for it follow their on_event branch
    now. Returns how many moved."""
    now = now or clock.now()
    contact_ids = list(contact_ids)
    moved = 0
    for start in range(0, len(contact_ids), BATCH_SIZE // 4):
        waiting = (AutomationEnrollment.contact_id.in_(contact_ids[start:start + BATCH_SIZE // 4]) &
                   (AutomationEnrollment.waiting_for_event == name))
        for automation_id in db.session.scalars(select(AutomationEnrollment.automation_id).distinct().where(
                waiting, AutomationEnrollment.status == "active")).all():
            claimed = _claim(waiting, automation_id, now)
            if claimed:
                _run_claimed(automation_id, claimed, now, met=name)
                moved += len(claimed)
    return moved


class LeaseLost(Exception):
    """An enrolment of the batch moved while the batch ran (its lease ran out and another took it)."""


def _claim(condition, automation_id, now):
    """Lease up to BATCH_SIZE active enrolments of an active automation that meet ``condition``: raise
    their step_token and put their next_run_at a LEASE ahead (nobody else takes them meanwhile; if this
    worker dies, they come due again and the sweep runs them), in a short transaction of its own.
    The due ones are read from the partial index of active enrolments (``ACTIVE``, a literal, so that
    the planner may use it). No SKIP LOCKED: on PostgreSQL a LIMIT subquery under FOR UPDATE SKIP LOCKED
    inside an UPDATE's IN may run again per row and lease far more than a batch (a crash test saw all
    5,000 enrolments leased and run as one); the UPDATE's own row locks keep two workers apart.
    Returns their rows (with the new token)."""
    E = AutomationEnrollment
    chosen = (select(E.id).where(E.automation_id == automation_id, ACTIVE, condition)
              .order_by(E.next_run_at).limit(BATCH_SIZE))
    active = select(Automation.id).where(Automation.id == automation_id, Automation.status == "active")
    claimed = db.session.execute(
        update(E).where(E.id.in_(chosen.scalar_subquery()), E.automation_id.in_(active.scalar_subquery()),
                        E.status == "active", condition)
        .values(step_token=E.step_token + 1, next_run_at=now + LEASE)
        .returning(*(getattr(E, name) for name in ENROLMENT_FIELDS))
        .execution_options(synchronize_session=False)).all()
    if claimed:
        checkpoint()
    return claimed


def _run_claimed(automation_id, claimed, now, met=None):
    """Run a leased batch and write it in one transaction: the steps' own rows (messages, tags), the
    history and each enrolment's new place, only where its token is still the leased one."""
    try:
        ran = Pass(db.session.get(Automation, automation_id), now).run(
            [Enrolment(**row._mapping) for row in claimed], met)
        checkpoint()
        return ran
    except LeaseLost:
        rollback()
        return 0


class Pass:
    """One batch of claimed enrolments of one automation, run at ``now``; writes at the end of ``run``."""

    def __init__(self, automation, now):
        self.automation, self.now = automation, now
        self.organization = db.session.get(Organization, automation.organization_id)
        self.zone = organization_zone(automation.organization_id)
        self.steps = {step["id"]: index for index, step in enumerate(automation.steps)}
        self.history, self.finished, self.new_tag_links = [], [], []
        self.contacts, self.tags, self._cache, self._dues, self._touched = {}, {}, {}, set(), False

    def run(self, enrolments, met=None):
        self._load_contacts([enrolment.contact_id for enrolment in enrolments])
        ran = sum(self.advance(enrolment, met) for enrolment in enrolments)
        self._write(enrolments)
        return ran

    def advance(self, enrolment, met=None):
        """Run the enrolment's due step and every step after it that is due by now; how many ran."""
        step = self._step(enrolment.step_id)
        if step is None or enrolment.contact_id not in self.contacts:
            self._finish(enrolment, step, "completed" if step is None else "stopped",
                         "Reached the end" if step is None else "The contact is gone")
            return 0
        result = step_types.Result("met", f"{met} happened", step.get("on_event", "continue")) if met \
            else step_types.run(self, enrolment, step)
        ran = 0
        while True:
            self.history.append(_history(enrolment.row(), step, step["type"], result.outcome, result.detail, self.now,
                                         result.message_id))
            ran += 1
            following = self._follow(step, result.branch)
            if following is None:
                self._finish(enrolment, step, *self._ending(result.branch, step))
                return ran
            enrolment.step_id = following["id"]
            enrolment.next_run_at, enrolment.waiting_for_event = step_types.arrival(following, self.now, self.zone)
            if enrolment.next_run_at > self.now:
                self._dues.add(enrolment.next_run_at)
                return ran
            if ran == MAX_STEPS_AT_ONCE:
                self._finish(enrolment, following, "exited", f"Stopped after {ran} steps at once: do the steps loop?")
                return ran
            step, result = following, step_types.run(self, enrolment, following)

    def _step(self, step_id):
        index = self.steps.get(step_id)
        return None if index is None else self.automation.steps[index]

    def _follow(self, step, branch):
        return following_step(self.automation.steps, step, branch)

    @staticmethod
    def _ending(branch, step):
        if branch != "exit" or step["type"] == "exit":
            return "completed", "Reached the end" if branch != "exit" else "Reached an exit step"
        return "exited", f"Left at {step['id']} ({step['type'].replace('_', ' ')})"

    def _finish(self, enrolment, step, status, reason):
        enrolment.status, enrolment.exit_reason, enrolment.finished_at = status, reason, self.now
        enrolment.next_run_at = enrolment.waiting_for_event = None
        self.history.append(_history(enrolment.row(), step, status, status, reason, self.now))
        self.finished.append(enrolment)

    # what steps read and change ----------------------------------------------------------------

    def _load_contacts(self, contact_ids):
        """The batch's contacts as light rows (the columns conditions read) and their tags, 500 a query;
        a step that needs the Contact itself (a send) asks ``contact()``."""
        for start in range(0, len(contact_ids), 500):
            self.contacts.update((row.id, row) for row in db.session.execute(
                select(*(getattr(Contact, name) for name in LIGHT_CONTACT)).where(
                    Contact.id.in_(contact_ids[start:start + 500]))))
        tags = select(contact_tags.c.contact_id, Tag.name).join(Tag, Tag.id == contact_tags.c.tag_id).where(
            Tag.organization_id == self.automation.organization_id)
        for contact_id, name in per_contact(tags, contact_tags.c.contact_id, contact_ids):
            self.tags_of(contact_id).add(name.lower())

    def contact(self, contact_id):
        """The Contact itself (a send renders it and records on it)."""
        return db.session.get(Contact, contact_id)

    def tags_of(self, contact_id):
        return self.tags.setdefault(contact_id, set())

    def tag_id(self, name):
        from nudgeweb.contacts.operations import tags_named

        key = ("tag", name.lower())
        if key not in self._cache:
            self._cache[key] = tags_named(self.automation.organization_id, [name])[0].id
        return self._cache[key]

    def add_tag(self, contact_id, name):
        from nudgeweb.contacts.signals import contact_tagged

        self.new_tag_links.append({"tag_id": self.tag_id(name), "contact_id": contact_id})
        self.tags_of(contact_id).add(name.lower())
        self.contacts_touched()
        contact_tagged.send(self.contacts[contact_id], tag=name.lower())  # (its light row: id, organization_id ...)

    def contacts_touched(self):
        from nudgeweb.contacts.version import contacts_changed

        if not self._touched:
            self._touched = True
            contacts_changed(self.automation.organization_id)

    def get(self, model, row_id):
        key = (model, row_id)
        if key not in self._cache:
            self._cache[key] = row_of(model, row_id)
        return self._cache[key]

    # the end of the batch ---------------------------------------------------------------------

    def _write(self, enrolments):
        db.session.flush()  # the batch's messages (queue_message leaves them unflushed), which the history names
        PreparedInsert(contact_tags, self.new_tag_links, skip_conflicts=True).execute()
        insert_rows(step_runs, self.history)
        moved = update_rows(enrollments, [
            {"id": e.id, "step_token": e.step_token, "status": e.status, "step_id": e.step_id,
             "next_run_at": e.next_run_at, "waiting_for_event": e.waiting_for_event, "finished_at": e.finished_at,
             "exit_reason": e.exit_reason} for e in enrolments], match=("id", "step_token"))
        if moved is not None and moved != len(enrolments):
            raise LeaseLost()
        record_events("automation.completed", [
            _event_data(self.automation, e.row(), self.now, status=e.status, reason=e.exit_reason)
            for e in self.finished], self.automation.organization_id)
        for due in self._dues:
            _schedule(self.automation, due, self.now)


# --- start, pause, edit --------------------------------------------------------------------------

def started(automation):
    """The automation was started (or started again after a pause): what came due meanwhile runs now;
    later steps run at their time (their tasks, or the sweep)."""
    _schedule(automation, clock.now(), clock.now())


def paused(automation):
    """The automation was paused: every enrolment stays where it is (the step tasks skip a paused
    automation); returns how many are held."""
    return db.session.scalar(select(func.count()).where(
        AutomationEnrollment.automation_id == automation.id, AutomationEnrollment.status == "active"))


def steps_changed(automation, old_steps):
    """The steps were edited: enrolments on a removed step move to the next step that is still there (by
    the old order), or finish when none is; returns how many moved."""
    now = clock.now()
    kept = {step["id"] for step in automation.steps}
    removed = [step["id"] for step in old_steps if step["id"] not in kept]
    if not removed:
        return 0
    moved = 0
    old_ids = [step["id"] for step in old_steps]
    zone = organization_zone(automation.organization_id)
    for step_id in removed:
        after = next((s for s in old_ids[old_ids.index(step_id) + 1:] if s in kept), None)
        target = next((step for step in automation.steps if step["id"] == after), None)
        due, waiting = step_types.arrival(target, now, zone)
        values = dict(step_id=after, next_run_at=due if target else None, waiting_for_event=waiting,
                      step_token=AutomationEnrollment.step_token + 1)
        if target is None:
            values.update(status="completed", finished_at=now, exit_reason="Its step was removed; none came after it")
        moved += db.session.execute(
            update(AutomationEnrollment).where(AutomationEnrollment.automation_id == automation.id,
                                               AutomationEnrollment.status == "active",
                                               AutomationEnrollment.step_id == step_id)
            .values(**values).execution_options(synchronize_session=False)).rowcount
        if target is not None:
            _schedule(automation, due, now)
    return moved


# --- reading -------------------------------------------------------------------------------------

def stats(automation):
    """Seed 001's stats: total_enrolled, currently_active, completed, stopped."""
    counts = dict(db.session.execute(
        select(AutomationEnrollment.status, func.count()).where(AutomationEnrollment.automation_id == automation.id)
        .group_by(AutomationEnrollment.status)).all())
    return {"total_enrolled": sum(counts.values()), "currently_active": counts.get("active", 0),
            "completed": counts.get("completed", 0) + counts.get("exited", 0), "stopped": counts.get("stopped", 0)}


def step_counts(automation):
    """{step_id: {"waiting": n, "passed": n, "left": n}}: enrolments on the step now, runs of it, and
    enrolments that left the automation there (an exit branch, or stopped)."""
    counts = {step["id"]: {"waiting": 0, "passed": 0, "left": 0} for step in automation.steps}
    waiting = db.session.execute(
        select(AutomationEnrollment.step_id, func.count()).where(
            AutomationEnrollment.automation_id == automation.id, AutomationEnrollment.status == "active")
        .group_by(AutomationEnrollment.step_id))
    for step_id, count in waiting:
        if step_id in counts:
            counts[step_id]["waiting"] = count
    runs = db.session.execute(
        select(AutomationStepRun.step_id, AutomationStepRun.outcome, func.count()).where(
            AutomationStepRun.automation_id == automation.id, AutomationStepRun.outcome.in_(PASSED + LEFT))
        .group_by(AutomationStepRun.step_id, AutomationStepRun.outcome))
    for step_id, outcome, count in runs:
        if step_id in counts:
            counts[step_id]["left" if outcome in LEFT else "passed"] += count
    return counts


def dry_run(automation, contact, start_at=None):
    """What would happen to ``contact`` and when, as a list of {"at", "step_id", "text"}; changes nothing."""
    from nudgeweb.automations.dry_run import simulate

    return simulate(automation, contact, start_at or clock.now())
