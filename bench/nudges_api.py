"""Seed 004's nudges list at 100,000 nudges under gunicorn (2 workers, 16 clients), and the nudges due
for 1,000 employees queued and sent.

1. Loads 100,000 nudges (200 employees, 5 campaign periods) into one organization of a fresh database
   (SQLite by default; BENCH_DATABASE_URL for PostgreSQL) and serves GET /api/v1/nudges with
   include=employee,campaign_period: the seed's own query (filter channel and period, sort -sent_at)
   and pages 1-40 of the whole list, in turn. Target: p99 under 50 ms.
2. 1,000 active employees in an active period whose slot is due: the organization's task queues
   their nudges and the delivery engine sends them (to the local outbox), Huey in immediate mode.
   Target: within 10 s.
"""
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from api_contacts import CLIENTS, Server, environment, load  # noqa: E402

COUNT = int(os.environ.get("BENCH_NUDGES", "100000"))
EMPLOYEES, PERIODS, DUE_EMPLOYEES = 200, 5, 1000
P99_TARGET_MS, SEND_TARGET_S = 50, 10


def prepare(env):
    """The database with COUNT nudges; returns (API key, the id of a period, the organization id)."""
    os.environ.update(env)
    from config import Config
    from nudgeweb import create_app
    from nudgeweb.api.keys import create_api_key
    from nudgeweb.bulk import insert_rows
    from nudgeweb.extensions import db
    from nudgeweb.models import ApiSettings, new_id
    from nudgeweb.models.employees import CampaignParticipant, CampaignPeriod, Employee, Nudge
    from nudgeweb.unit_of_work import unit_of_work
    from tests.factories import MembershipFactory

    app = create_app(Config())
    rng = random.Random(4)
    with app.app_context():
        db.drop_all()
        db.create_all()
        membership = MembershipFactory(role="owner", organization__name="Bench Co")
        organization_id = membership.organization_id
        started = time.perf_counter()
        with unit_of_work(organization_id):
            now = datetime.now(timezone.utc)
            employees = [dict(id=new_id(), organization_id=organization_id, name=f"Employee {n}",
                              email=f"e{n}@bench.example", preferred_channel="email", active=True,
                              created_at=now, updated_at=now) for n in range(EMPLOYEES)]
            periods = [dict(id=new_id(), organization_id=organization_id, name=f"Period {n}",
                            starts_on=(now - timedelta(days=30 * (n + 1))).date(),
                            ends_on=(now - timedelta(days=30 * n)).date(), goal_kind="reviews", goal=10,
                            status="ended", schedule_kind="weekdays", weekdays=[0, 3], send_time=now.time(),
                            channel="preference", created_at=now, updated_at=now) for n in range(PERIODS)]
            insert_rows(Employee.__table__, employees)
            insert_rows(CampaignPeriod.__table__, periods)
            rows = []
            for n in range(COUNT):
                when = now - timedelta(minutes=n)
                rows.append(dict(id=new_id(), organization_id=organization_id,
                                 employee_id=employees[n % EMPLOYEES]["id"], campaign_period_id=periods[n % PERIODS]["id"],
                                 due_at=when, channel=rng.choice(("email", "sms")), sent_at=when,
                                 template_used="weekly-reminder-v2", status="sent", progress=0, goal=10,
                                 created_at=when, updated_at=when))
            for start in range(0, COUNT, 10_000):
                insert_rows(Nudge.__table__, rows[start:start + 10_000])
            insert_rows(CampaignParticipant.__table__, [
                dict(id=new_id(), organization_id=organization_id, campaign_period_id=p["id"], employee_id=e["id"],
                     link_secret="x") for p in periods for e in employees])
            db.session.add(ApiSettings(organization_id=organization_id, rate_limit_per_minute=10_000_000))
            _, secret = create_api_key(membership, "bench", ["nudges:read"])
        print(f"loaded {COUNT:,} nudges in {time.perf_counter() - started:.0f} s")
        db.engine.dispose()
    return secret, str(periods[0]["id"]), organization_id


def send_due(env):
    """Seconds to queue and send the nudges due for DUE_EMPLOYEES employees."""
    os.environ.update(env)
    from config import Config
    from nudgeweb import clock, create_app
    from nudgeweb.extensions import db, huey
    from nudgeweb.models import Message
    from nudgeweb.nudges import operations
    from nudgeweb.nudges.schedule import zone_of
    from nudgeweb.nudges.tasks import send_due_nudges
    from nudgeweb.unit_of_work import unit_of_work
    from tests.factories import MembershipFactory

    app = create_app(Config())
    with app.app_context():
        huey.immediate = True
        membership = MembershipFactory(role="owner", organization__name="Busy Co")
        organization = membership.organization
        with unit_of_work(organization.id):
            for n in range(DUE_EMPLOYEES):
                operations.create_employee(organization, {"name": f"Staff {n}", "email": f"s{n}@busy.example"})
            today = clock.now().astimezone(zone_of(organization)).date()
            period = operations.create_period(organization, {
                "name": "Busy", "starts_on": today, "ends_on": today + timedelta(days=7), "schedule_kind": "every_n_days",
                "every_days": 1, "send_time": "00:00", "goal": 5})
            operations.start_period(period)
        clock.travel_to(datetime.combine(today, datetime.min.time(), tzinfo=zone_of(organization)) + timedelta(minutes=5))
        started = time.perf_counter()
        queued = send_due_nudges(str(organization.id)).get()
        elapsed = time.perf_counter() - started
        with unit_of_work(organization.id):
            sent = db.session.query(Message).filter_by(organization_id=organization.id, status="sent").count()
        clock.travel_to(None)
        db.engine.dispose()
    return queued, sent, elapsed


def main():
    workdir = Path(tempfile.mkdtemp(prefix="nudge-bench-nudges-"))
    env = environment(workdir)
    server = None
    try:
        secret, period_id, _ = prepare(env)
        headers = {"X-API-Key": secret}
        seed = (f"/api/v1/nudges?filter%5Bchannel%5D=email&filter%5Bcampaign_period_id%5D={period_id}&sort=-sent_at"
                "&include=employee%2Ccampaign_period&page%5Bnumber%5D={n}&page%5Bsize%5D=25")
        paths = [seed.format(n=n) for n in range(1, 21)] + [
            f"/api/v1/nudges?include=employee%2Ccampaign_period&page%5Bnumber%5D={n}&page%5Bsize%5D=25"
            for n in range(1, 21)]
        server = Server("app:app", ROOT, env)
        total = server.wait(paths[-1], headers)["meta"]["page"]["total_records"]
        load(server.base, paths, headers, seconds=2)
        rps, p50, p99, errors = load(server.base, paths, headers)
        server.stop()
        server = None
        print(f"GET /api/v1/nudges include=employee,campaign_period (seed query and pages 1-20 of {total:,}), "
              f"{CLIENTS} clients: {rps:.0f} req/s p50 {p50:.1f} ms p99 {p99:.1f} ms errors {errors} "
              f"(load average {os.getloadavg()[0]:.1f})", flush=True)
        queued, sent, seconds = send_due(env)
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"{DUE_EMPLOYEES:,} employees due: {queued} nudges queued, {sent} sent in {seconds:.1f} s "
          f"(load average {os.getloadavg()[0]:.1f})")
    passed = p99 < P99_TARGET_MS and not errors and sent == DUE_EMPLOYEES and seconds < SEND_TARGET_S
    print(f"p99 target < {P99_TARGET_MS} ms, send target < {SEND_TARGET_S} s: {'PASS' if passed else 'FAIL'}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
