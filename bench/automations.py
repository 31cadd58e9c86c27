"""Automations at volume: a burst of custom events enrols every contact, and each goes through
wait("immediate") → condition → add tag → exit.

The contacts are stored first. A real consumer (`flask worker`, the default two worker processes) is
started; then --contacts events (one per contact) are POSTed through the Events API's batch endpoint,
1,000 a request, through the whole API stack (Flask's test client in this process, an API key).
The consumer's tasks enrol each request's contacts and run their steps.

Figures: steps a second (the four steps of every contact, from the first request to the last step
run), the time to post the burst, the consumer's peak memory per process, and afterwards a count: every
contact enrolled once, passed each step once, tagged, and finished. Bars: >= 1,000 steps/s on SQLite
with the default consumer, >= 2,000 on PostgreSQL with Huey on Redis; every process under 300 MB.

    .venv/bin/python bench/automations.py [--contacts 100000]
    DATABASE_URL=postgresql://... HUEY_URL=redis://... .venv/bin/python bench/automations.py

With DATABASE_URL, the database must be empty (its tables are created here); the default is SQLite
files in a temporary folder.
"""
import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BATCH = 1000
STEPS = [{"id": "wait", "type": "wait", "delay": "immediate"},
         {"id": "check", "type": "condition", "if": {"field": "email", "operator": "is_set"},
          "then": "continue", "else": "exit"},
         {"id": "tag", "type": "add_tag", "tag": "bench-welcomed"},
         {"id": "done", "type": "exit"}]
MEMORY_BAR_MB = 300


def children_of(pid):
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def rss_mb(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except FileNotFoundError:
        pass
    return 0.0


def environment(tmp):
    env = {"DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{tmp}/nudge.db",
           "HUEY_URL": os.environ.get("HUEY_URL") or f"sqlite:///{tmp}/huey.db", "INSTANCE_PATH": str(tmp),
           "SECRET_KEY": "bench-secret", "LOG_LEVEL": "WARNING", "BASE_URL": "https://nudge.example",
           "HUEY_NAME": f"bench-automations-{os.getpid()}"}
    for name in ("HUEY_WORKERS", "HUEY_WORKER_TYPE", "HUEY_IMMEDIATE"):
        os.environ.pop(name, None)  # the defaults, whatever the shell says
    os.environ.update(env)
    return env


def set_up(app, count):
    """An organization with an owner, an API key, ``count`` contacts and the automation; returns their ids."""
    from nudgeweb.api.keys import create_api_key
    from nudgeweb.automations.workflow import normalize
    from nudgeweb.bulk import insert_rows
    from nudgeweb.models import Contact, Membership, Organization, User, db, new_id, utcnow
    from nudgeweb.models.automations import Automation
    from nudgeweb.unit_of_work import unit_of_work

    with app.app_context():
        db.create_all()
        now = utcnow()
        organization = Organization(name="Bluebird Bakery", timezone="America/New_York")
        user = User(name="Owner", email="owner@bluebird.example", password_hash="x", email_verified_at=now)
        db.session.add_all([organization, user])
        db.session.flush()
        membership = Membership(user=user, organization=organization, role="owner")
        db.session.add(membership)
        db.session.commit()
        organization_id = organization.id
        for start in range(0, count, 5000):
            insert_rows(Contact.__table__, [
                {"id": new_id(), "organization_id": organization_id, "email": f"customer{n}@example.net",
                 "first_name": f"Customer{n}", "last_name": "", "status": "subscribed", "source": "import",
                 "custom_fields": {}, "company_name": "", "search_text": "", "created_at": now, "updated_at": now}
                for n in range(start, min(count, start + 5000))])
        db.session.commit()
        fields, errors = normalize({"name": "Bench welcome", "entry_rule": "once", "workflow": {"steps": STEPS},
                                    "trigger": {"type": "custom_event", "event_name": "signed_up"}})
        assert not errors, errors
        with unit_of_work(organization_id):
            automation = Automation(organization_id=organization_id, status="active", **fields)
            db.session.add(automation)
            secret = create_api_key(db.session.get(Membership, membership.id), "bench", ["read", "write"])[1]
        with unit_of_work(organization_id):
            contact_ids = [str(contact_id) for contact_id in db.session.scalars(
                db.select(Contact.id).where(Contact.organization_id == organization_id).order_by(Contact.id))]
            automation_id = db.session.scalar(db.select(Automation.id))
    return organization_id, automation_id, secret, contact_ids


def start_consumer(env, timeout=30):
    worker = subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", "worker"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + timeout
    while len(children_of(worker.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1)
    return worker


def stop_consumer(worker):
    try:
        os.killpg(worker.pid, signal.SIGINT)
        worker.wait(30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(worker.pid, signal.SIGKILL)


def steps_done(app, organization_id, automation_id):
    from nudgeweb.models import db
    from nudgeweb.models.automations import AutomationStepRun
    from nudgeweb.unit_of_work import unit_of_work

    with app.app_context(), unit_of_work(organization_id):
        return db.session.scalar(db.select(db.func.count()).where(
            AutomationStepRun.automation_id == automation_id, AutomationStepRun.step_id.is_not(None),
            AutomationStepRun.outcome.in_(("done", "branched"))))


def running_window(app, organization_id, automation_id):
    """Seconds from the first step run to the last (the consumer's own pace, whatever the posting took)."""
    from nudgeweb.models import db
    from nudgeweb.models.automations import AutomationStepRun
    from nudgeweb.unit_of_work import unit_of_work

    with app.app_context(), unit_of_work(organization_id):
        first, last = db.session.execute(db.select(db.func.min(AutomationStepRun.occurred_at),
                                                   db.func.max(AutomationStepRun.occurred_at)).where(
            AutomationStepRun.automation_id == automation_id, AutomationStepRun.step_type == "wait")).one()
    return (last - first).total_seconds() if first and last else 0.0


def check(app, organization_id, automation_id, count):
    """{what: (found, expected)} of the counts that prove every contact passed every step exactly once."""
    from nudgeweb.models import Contact, Tag, db
    from nudgeweb.models.automations import AutomationEnrollment, AutomationStepRun
    from nudgeweb.models.contacts import contact_tags
    from nudgeweb.unit_of_work import unit_of_work

    E, R = AutomationEnrollment, AutomationStepRun
    with app.app_context(), unit_of_work(organization_id):
        one = db.select(db.func.count())
        per_step = dict(db.session.execute(db.select(R.step_type, db.func.count(db.distinct(R.enrollment_id)))
                                           .where(R.automation_id == automation_id).group_by(R.step_type)).all())
        runs = dict(db.session.execute(db.select(R.step_type, db.func.count()).where(R.automation_id == automation_id)
                                       .group_by(R.step_type)).all())
        figures = {
            "contacts enrolled once": (db.session.scalar(one.select_from(db.select(E.contact_id).distinct().subquery())),
                                       count),
            "enrolments": (db.session.scalar(one.where(E.automation_id == automation_id)), count),
            "completed": (db.session.scalar(one.where(E.automation_id == automation_id, E.status == "completed")), count),
            "tagged": (db.session.scalar(one.select_from(contact_tags).join(Tag, Tag.id == contact_tags.c.tag_id)
                                         .where(Tag.name == "bench-welcomed")), count),
            "contacts": (db.session.scalar(one.select_from(Contact)), count),
        }
        for step in ("wait", "condition", "add_tag", "exit"):
            figures[f"{step}: runs / enrolments"] = (f"{runs.get(step, 0)}/{per_step.get(step, 0)}", f"{count}/{count}")
    return figures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=100_000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="nudge-bench-automations-"))
    env = environment(tmp)
    from config import Config
    from nudgeweb import create_app

    app = create_app(Config())
    backend = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    bar = 2000 if backend == "PostgreSQL" else 1000
    organization_id, automation_id, secret, contact_ids = set_up(app, args.contacts)
    print(f"{args.contacts:,} contacts on {backend} (Huey on {env['HUEY_URL'].split(':')[0]}); "
          f"load average {open('/proc/loadavg').read().split()[0]}")
    worker = start_consumer({**os.environ, **env})
    pids = [worker.pid] + children_of(worker.pid)
    peak = {pid: 0.0 for pid in pids}
    client = app.test_client()
    headers = {"X-API-Key": secret}
    expected = 4 * args.contacts
    try:
        started = time.perf_counter()
        for start in range(0, args.contacts, BATCH):
            events = [{"name": "signed_up", "contact_id": contact_id, "properties": {"plan": "free"}}
                      for contact_id in contact_ids[start:start + BATCH]]
            response = client.post("/api/v1/events/batch", json={"events": events}, headers=headers,
                                   base_url="https://nudge.example")
            assert response.status_code == 201, response.get_data(as_text=True)[:500]
            for pid in peak:
                peak[pid] = max(peak[pid], rss_mb(pid))
        posted = time.perf_counter() - started
        done, deadline = 0, time.monotonic() + max(600, args.contacts / 50)
        while done < expected and time.monotonic() < deadline:
            time.sleep(0.5)
            for pid in peak:
                peak[pid] = max(peak[pid], rss_mb(pid))
            done = steps_done(app, organization_id, automation_id)
        seconds = time.perf_counter() - started
    finally:
        stop_consumer(worker)
    rate = done / seconds
    load = open("/proc/loadavg").read().split()[:3]
    figures = check(app, organization_id, automation_id, args.contacts)
    window = running_window(app, organization_id, automation_id)
    exact = all(str(found) == str(wanted) for found, wanted in figures.values())
    memory = max(peak.values())
    print(f"burst:       {args.contacts:,} events posted in {args.contacts // BATCH} requests in {posted:.1f} s "
          f"({args.contacts / posted:,.0f} events/s)")
    print(f"steps:       {done:,}/{expected:,} in {seconds:.1f} s from the first request = {rate:,.0f} steps/s "
          f"(bar {bar:,}) {'PASS' if rate >= bar else 'FAIL'}")
    print(f"             (the first step to the last wait ran: {window:.1f} s, {done / window if window else 0:,.0f} steps/s)")
    print(f"memory:      consumer processes peak {', '.join(f'{mb:.0f}' for mb in peak.values())} MB "
          f"(bar {MEMORY_BAR_MB} MB) {'PASS' if memory < MEMORY_BAR_MB else 'FAIL'}")
    for name, (found, wanted) in figures.items():
        print(f"  {name:<28} {found} (expected {wanted})")
    print(f"exactly once: {'PASS' if exact else 'FAIL'}; load average after: {' '.join(load)}")
    sys.exit(0 if exact and rate >= bar and memory < MEMORY_BAR_MB else 1)


if __name__ == "__main__":
    main()
