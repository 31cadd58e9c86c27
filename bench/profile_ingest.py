"""The CPU one event request costs, in this process: the same organizations, key and bodies as
bench/analytics_ingest.py, posted through Flask's test client (no server, no network), with the
SQL statements each request runs counted and, with BENCH_PROFILE=1, a cProfile of each kind.

    .venv/bin/python bench/profile_ingest.py            # CPU ms a request and statements a request
    BENCH_PROFILE=1 .venv/bin/python bench/profile_ingest.py   # and the top of each profile

BENCH_DATABASE_URL / BENCH_HUEY_URL as bench/analytics_ingest.py (PostgreSQL and Redis); BENCH_REQUESTS
(default 300 single, a tenth of that in batches of 100) and BENCH_CONTACTS (default 2,000).
"""
import cProfile
import io
import os
import pstats
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("BENCH_CONTACTS", "2000")

from analytics_ingest import environment, event_bodies, prepare  # noqa: E402
from contacts_page import scratch_database  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "300"))
PROFILE = os.environ.get("BENCH_PROFILE") == "1"


def measure(app, secret, path, bodies):
    """(CPU ms a request, SQL statements a request, the profile's text or None)."""
    from sqlalchemy import event

    from nudgeweb.extensions import db

    client = app.test_client()
    headers = {"X-API-Key": secret, "Content-Type": "application/json"}
    for body in bodies[:10]:  # warm: caches, compiled statements, the credential
        assert client.post(path, data=body, headers=headers).status_code == 201
    statements = []
    with app.app_context():
        engine = db.engine

    def count(*_args):
        statements.append(1)

    event.listen(engine, "before_cursor_execute", count)
    profiler = cProfile.Profile(time.process_time) if PROFILE else None
    started = time.process_time()
    if profiler:
        profiler.enable()
    for body in bodies:
        response = client.post(path, data=body, headers=headers)
        assert response.status_code == 201, response.get_data(as_text=True)
    if profiler:
        profiler.disable()
    cpu = time.process_time() - started
    event.remove(engine, "before_cursor_execute", count)
    text = None
    if profiler:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        print(f"{stats.total_calls / len(bodies):,.0f} Python function calls a request", file=out)
        stats.sort_stats("cumulative").print_stats(60)
        text = out.getvalue()
        if os.environ.get("BENCH_PROFILE_DUMP"):
            stats.dump_stats(f"{os.environ['BENCH_PROFILE_DUMP']}-{path.rsplit('/', 1)[-1]}.prof")
    return cpu / len(bodies) * 1000, len(statements) / len(bodies), text


def main():
    rng = random.Random(19)
    with scratch_database() as (tmp, url):
        env = environment(Path(tmp), url)
        app, _organization_id, secret, ids = prepare(env)
        single = event_bodies(ids, rng, REQUESTS, 1)
        batch = event_bodies(ids, rng, max(REQUESTS // 10, 5), 100)
        results = {"one event": measure(app, secret, "/api/v1/events", single),
                   "a batch of 100": measure(app, secret, "/api/v1/events/batch", batch)}
        from nudgeweb.extensions import db

        with app.app_context():
            db.engine.dispose()
    database = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    print(f"{database}, rate limits on {env['RATELIMIT_STORAGE_URL'].split(':')[0]}; "
          f"load average {open('/proc/loadavg').read().split()[0]}")
    for label, (cpu_ms, statements, text) in results.items():
        print(f"{label}: {cpu_ms:.2f} ms CPU a request, {statements:.1f} SQL statements a request")
        if text:
            print(text)


if __name__ == "__main__":
    main()
