"""Event ingestion as production runs it: gunicorn (2 workers) and a Huey consumer in their own processes,
events posted through POST /api/v1/events/batch and POST /api/v1/events by wrk (a Lua script; several
connections at once), then a check that the hourly counts are exact.

1. batches of 100 events for DURATION seconds: events per second (target 2,000);
2. one event a request from CLIENTS connections for DURATION seconds: events per second (target 300);
3. the counts are exact: the ``event`` buckets add up, name by name, to the raw contact_events, and a
   rebuild from the raw rows gives the buckets that were kept live.

Beside the wall-clock rates it prints the CPU seconds the web server (gunicorn and its workers; SQLite runs
inside them) spent per 1,000 events, which a busy shared machine distorts less, and the rate two free cores
of that cost would give.

SQLite (and Huey on SQLite) by default. For PostgreSQL with Huey on Redis:

    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/postgres \\
    BENCH_HUEY_URL=redis://127.0.0.1:6379/5 .venv/bin/python bench/analytics_ingest.py

(a database nudge_bench_<pid> is created on that server and dropped afterwards).
"""
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from api_contacts import REDIS, Server, redis_answers  # noqa: E402
from contacts_page import load_contacts, scratch_database  # noqa: E402
from review_requests import cpu_seconds  # noqa: E402

CONTACTS = int(os.environ.get("BENCH_CONTACTS", "10000"))
DURATION = int(os.environ.get("BENCH_SECONDS", "20"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "8"))
BATCH = 100
BATCH_TARGET, SINGLE_TARGET = 2000, 300
EVENT_METRICS = ("event", "revenue", "revenue.campaign")  # (the bench's contacts go in in bulk, uncounted)
NAMES = ["order_completed", "page_viewed", "cart_abandoned", "signed_in", "coupon_used"]


def environment(workdir, url):
    return {
        "INSTANCE_PATH": str(workdir), "DATABASE_URL": url, "SECRET_KEY": "bench-secret-key-" + "x" * 32,
        "HUEY_URL": os.environ.get("BENCH_HUEY_URL") or f"sqlite:///{workdir}/huey.db",
        "HUEY_NAME": f"bench-ingest-{os.getpid()}", "LOG_LEVEL": "WARNING",
        "RATELIMIT_STORAGE_URL": REDIS if redis_answers() else "memory://",
    }


def prepare(env):
    """The organization (and a second one, so that scoping is part of the measure), CONTACTS contacts
    each and an API key with a limit the bench does not reach; returns (organization id, key, contact ids)."""
    os.environ.update(env)
    from sqlalchemy import select

    from nudgeweb import create_app
    from nudgeweb.api.keys import create_api_key
    from nudgeweb.api.ratelimit import set_rate_limit
    from nudgeweb.auth.operations import add_user_to_organization
    from nudgeweb.extensions import db
    from nudgeweb.models import Contact
    from nudgeweb.unit_of_work import unit_of_work

    app = create_app()
    with app.app_context():
        db.create_all()
        for number in range(2):
            with unit_of_work():
                membership = add_user_to_organization(f"bench{number}@example.com", "bench-password", f"Bench {number}",
                                                      "owner")
                organization_id = membership.organization_id
                set_rate_limit(membership.organization, 10_000_000)
                secret = create_api_key(membership, "bench", ["read", "write"])[1]
            load_contacts(organization_id, CONTACTS, seed=number)
        with unit_of_work(organization_id):
            ids = [str(i) for i in db.session.scalars(select(Contact.id).where(Contact.organization_id == organization_id))]
        db.engine.dispose()
    return app, organization_id, secret, ids


def post_for(base, secret, path, bodies, seconds, clients):
    """wrk POSTs ``bodies`` in turn to ``path``: (requests per second, answered 2xx, other answers, p99 ms)."""
    script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    script.write("\n".join([
        'wrk.method = "POST"', f'wrk.path = "{path}"',
        f'wrk.headers["X-API-Key"] = "{secret}"', 'wrk.headers["Content-Type"] = "application/json"',
        "bodies = {" + ",".join("[==[" + body + "]==]" for body in bodies) + "}",
        "counter = 0",
        "request = function() counter = counter + 1; return wrk.format(nil, nil, nil, bodies[(counter % #bodies) + 1]) end",
    ]))
    script.close()
    output = subprocess.run(["wrk", "-t", "2", "-c", str(clients), "-d", f"{seconds}s", "--latency", "-s", script.name,
                             base], capture_output=True, text=True, check=True).stdout
    os.unlink(script.name)
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = int(errors.group(1)) if errors else 0
    p99 = re.search(r"99%\s+([\d.]+)(\w+)", output)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)), requests - errors, errors, p99_ms


def event_bodies(ids, rng, count, per_body):
    def one():
        event = {"name": rng.choice(NAMES), "contact_id": rng.choice(ids), "properties": {"source": "bench"}}
        if rng.random() < 0.2:
            event["revenue"] = round(rng.uniform(5, 120), 2)
        return event

    if per_body == 1:
        return [json.dumps(one()) for _ in range(count)]
    return [json.dumps({"events": [one() for _ in range(per_body)]}) for _ in range(count)]


def cost(cpu, events):
    per_thousand = cpu / max(events, 1) * 1000
    return f"web CPU {per_thousand:.2f} s per 1,000 events (two free cores: ~{2000 / per_thousand:,.0f} events/s)"


def check_counts(app, organization_id):
    """(events stored, the counts add up to the raw rows name by name, a rebuild equals the live buckets)."""
    from sqlalchemy import Numeric, cast, func, select

    from nudgeweb.analytics.rebuild import rebuild_counts
    from nudgeweb.extensions import db
    from nudgeweb.models import AnalyticsCount, ContactEvent
    from nudgeweb.unit_of_work import unit_of_work

    bucket = AnalyticsCount
    everything = select(bucket.metric, bucket.dimension, bucket.hour, bucket.count, func.round(cast(bucket.amount, Numeric), 2)).where(
        bucket.organization_id == organization_id, bucket.metric.in_(EVENT_METRICS)).order_by(bucket.metric, bucket.dimension, bucket.hour)
    with app.app_context(), unit_of_work(organization_id):
        raw = dict(db.session.execute(select(ContactEvent.name, func.count()).where(
            ContactEvent.organization_id == organization_id).group_by(ContactEvent.name)).all())
        counted = {name: int(total) for name, total in db.session.execute(
            select(bucket.dimension, func.sum(bucket.count)).where(
                bucket.organization_id == organization_id, bucket.metric == "event").group_by(bucket.dimension))}
        live = db.session.execute(everything).all()
        rebuild_counts(organization_id)
        rebuilt = db.session.execute(everything).all()
        db.session.rollback()  # (only a check: the live counts stay)
    return sum(raw.values()), raw == counted, live == rebuilt


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is needed (make bench installs it)")
    rng = random.Random(19)
    with scratch_database() as (tmp, url):
        env = environment(Path(tmp), url)
        app, organization_id, secret, ids = prepare(env)
        server = Server("app:app", ROOT, env)
        consumer = subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", "worker", "--workers", "2"],
                                    cwd=ROOT, env={**os.environ, **env}, start_new_session=True,
                                    stdout=subprocess.DEVNULL)
        try:
            server.wait("/healthz")
            batch = event_bodies(ids, rng, 200, BATCH)
            single = event_bodies(ids, rng, 2000, 1)
            post_for(server.base, secret, "/api/v1/events/batch", batch, 2, 2)  # warm: both workers' caches
            post_for(server.base, secret, "/api/v1/events", single, 2, CLIENTS)
            loads = [open("/proc/loadavg").read().split()[0]]
            cpu = cpu_seconds(server.process.pid)
            batch_rps, batch_ok, batch_errors, batch_p99 = post_for(server.base, secret, "/api/v1/events/batch", batch,
                                                                    DURATION, 2)
            loads.append(open("/proc/loadavg").read().split()[0])
            cpu, batch_cpu = cpu_seconds(server.process.pid), cpu_seconds(server.process.pid) - cpu
            single_rps, single_ok, single_errors, single_p99 = post_for(server.base, secret, "/api/v1/events", single,
                                                                        DURATION, CLIENTS)
            single_cpu = cpu_seconds(server.process.pid) - cpu
            loads.append(open("/proc/loadavg").read().split()[0])
        finally:
            server.stop()
            os.killpg(consumer.pid, signal.SIGTERM)
            consumer.wait(timeout=30)
        stored, names_agree, rebuild_agrees = check_counts(app, organization_id)
        with app.app_context():
            from nudgeweb.extensions import db
            db.engine.dispose()
    database = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    queue = env["HUEY_URL"].split(":")[0]
    print(f"gunicorn -w 2, {database}, Huey on {queue}, {CONTACTS:,} contacts per organization, wrk {DURATION} s each; "
          f"load average (1 min) before/between/after: {' / '.join(loads)} on {os.cpu_count()} cores")
    batch_rate, single_rate = batch_rps * BATCH, single_rps
    print(f"batches of {BATCH} (2 connections): {batch_rps:,.1f} requests/s = {batch_rate:,.0f} events/s, "
          f"p99 {batch_p99:.0f} ms, {batch_errors} refused; {cost(batch_cpu, batch_ok * BATCH)}")
    print(f"one by one ({CLIENTS} connections): {single_rate:,.0f} events/s, p99 {single_p99:.0f} ms, {single_errors} "
          f"refused; {cost(single_cpu, single_ok)}")
    answered = batch_ok * BATCH + single_ok
    print(f"events stored: {stored:,} (answered 201: {answered:,}; wrk leaves the last requests in flight unanswered)")
    checks = {
        f"batches >= {BATCH_TARGET:,} events/s": batch_rate >= BATCH_TARGET,
        f"one by one >= {SINGLE_TARGET} events/s": single_rate >= SINGLE_TARGET,
        "no request refused": batch_errors == single_errors == 0,
        "every answered event stored": stored >= answered,
        "event counts add up to the raw events, name by name": names_agree,
        "a rebuild from the raw rows equals the live counts": rebuild_agrees,
    }
    for label, ok in checks.items():
        print("PASS" if ok else "FAIL", label)
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
