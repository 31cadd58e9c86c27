"""A campaign's report at scale: one organization of BENCH_RECIPIENTS contacts (default 100,000), a campaign
sent to all of them (a message and a ``sent`` event each) and opens, clicks, deliveries, bounces and
unsubscribes until it has BENCH_EVENTS events (default 1,000,000), written by the database itself
(INSERT … SELECT), then counted into the campaign's summaries by ``flask analytics rebuild``'s code
(summaries.rebuild); a second organization with a small campaign proves scoping costs nothing. The loaded
SQLite database is kept in instance/bench-cache (per sizes, schema and loader) for the next run. Then, the
median of 5 server times (the Flask test client, one process, no network) of:

  - the report page GET /campaigns/<id> (and its people tab),
  - GET /api/v1/campaigns/<id>/analytics and the same at /api/v2,
  - GET /campaigns (the list, with each campaign's figures),

each against the target of 100 ms. SQLite by default; BENCH_DATABASE_URL for PostgreSQL (loaded every run).
"""
import hashlib
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from campaign_data import load, load_average  # noqa: E402
from contacts_page import backend_pids, database_cpu, scratch_database  # noqa: E402
from sqlalchemy import func, select  # noqa: E402
from sqlalchemy.dialects import sqlite  # noqa: E402
from sqlalchemy.schema import CreateTable  # noqa: E402

from config import TestConfig  # noqa: E402
from nudgeweb import create_app  # noqa: E402
from nudgeweb.api.keys import create_api_key  # noqa: E402
from nudgeweb.extensions import db  # noqa: E402
from nudgeweb.models import Campaign, Membership, Message, MessageEvent, Organization  # noqa: E402
from nudgeweb.unit_of_work import unit_of_work  # noqa: E402

RECIPIENTS = int(os.environ.get("BENCH_RECIPIENTS", "100000"))
EVENTS = int(os.environ.get("BENCH_EVENTS", "1000000"))
TARGET_MS = 100
OPENED_PAGES_IN = 400  # a page of who opened that deep in the list


def timed(fn, pids, runs=5):
    """(median wall ms, median CPU ms) of ``runs`` calls: on a loaded machine the CPU time (the app's, plus its
    PostgreSQL backend's) is the server's own work, the wall time includes waiting for a core."""
    walls, cpus = [], []
    for _ in range(runs):
        started, cpu = time.perf_counter(), time.process_time() + database_cpu(pids)
        answer = fn()
        walls.append((time.perf_counter() - started) * 1000)
        cpus.append((time.process_time() + database_cpu(pids) - cpu) * 1000)
        assert answer.status_code == 200, answer.status_code
    return statistics.median(walls), statistics.median(cpus)


def cached_database(tmp, url):
    """The URL of a copy of the loaded SQLite database, loaded once for these sizes, this schema and this loader
    (instance/bench-cache, git-ignored); PostgreSQL loads every run."""
    if not url.startswith("sqlite"):
        load(create_app(TestConfig(tmp, SQLALCHEMY_DATABASE_URI=url)), RECIPIENTS, EVENTS)
        return url
    schema = "".join(str(CreateTable(table).compile(dialect=sqlite.dialect())) for table in db.metadata.sorted_tables)
    key = hashlib.sha1((schema + (ROOT / "bench/campaign_data.py").read_text()
                        + (ROOT / "bench/contacts_page.py").read_text()).encode())
    cached = ROOT / "instance" / "bench-cache" / f"campaign_report-{RECIPIENTS}-{EVENTS}-{key.hexdigest()[:12]}.db"
    if not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        building = Path(tmp) / "loading.db"
        app = create_app(TestConfig(tmp, SQLALCHEMY_DATABASE_URI=f"sqlite:///{building}"))
        load(app, RECIPIENTS, EVENTS)
        with app.app_context():
            db.engine.dispose()  # the last connection closed: the write-ahead log is in the file
        shutil.move(building, cached)
    else:
        print(f"the loaded database from {cached.relative_to(ROOT)}")
    shutil.copy(cached, Path(tmp) / "bench.db")
    return f"sqlite:///{tmp}/bench.db"


def run(tmp, url):
    url = cached_database(tmp, url)
    app = create_app(TestConfig(tmp, SQLALCHEMY_DATABASE_URI=url, WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=False))
    with app.app_context():
        with unit_of_work():
            mine = db.session.scalar(select(Organization.id).where(Organization.name == "Bench 0"))
        with unit_of_work(mine):
            campaign_id = db.session.scalar(select(Campaign.id).where(Campaign.organization_id == mine))
            events = db.session.scalar(select(func.count()).select_from(MessageEvent).where(
                MessageEvent.organization_id == mine))
            membership = db.session.scalar(select(Membership).where(Membership.organization_id == mine))
            opened = select(Message.id).where(Message.organization_id == mine, Message.opened_at.is_not(None))
            middle = db.session.scalar(opened.order_by(Message.id).offset(OPENED_PAGES_IN * 50).limit(1))
            last_page = -(-db.session.scalar(select(func.count()).select_from(opened.subquery())) // 50)
            key = create_api_key(membership, "bench", ["read", "write"])[1]
    print(f"{RECIPIENTS:,} recipients, {events:,} events (load {load_average()})")
    client = app.test_client()
    assert client.post("/login", data={"email": "bench0@example.com", "password": "bench-password"}).status_code == 302
    headers = {"Authorization": f"Bearer {key}"}
    people, htmx = f"/campaigns/{campaign_id}/people?kind=opened", {"HX-Request": "true"}
    cases = {
        "report page GET /campaigns/<id>": lambda: client.get(f"/campaigns/{campaign_id}"),
        "report page, who clicked": lambda: client.get(f"/campaigns/{campaign_id}?people=clicked"),
        "people tab (HTMX), who opened": lambda: client.get(people, headers=htmx),
        f"people tab, who opened, page {OPENED_PAGES_IN + 1:,} (Next from the page before)": lambda: client.get(
            f"{people}&page={OPENED_PAGES_IN + 1}&after={middle}", headers=htmx),
        f"people tab, who opened, last page ({last_page:,})": lambda: client.get(
            f"{people}&page={last_page}&end=1", headers=htmx),
        "people tab, who bounced": lambda: client.get(people.replace("opened", "bounced"), headers=htmx),
        "people tab, who unsubscribed": lambda: client.get(people.replace("opened", "unsubscribed"), headers=htmx),
        "campaign list GET /campaigns": lambda: client.get("/campaigns"),
        "GET /api/v1/campaigns/<id>/analytics": lambda: client.get(f"/api/v1/campaigns/{campaign_id}/analytics",
                                                                   headers=headers),
        "GET /api/v2/campaigns/<id>/analytics": lambda: client.get(f"/api/v2/campaigns/{campaign_id}/analytics",
                                                                   headers=headers),
        "GET /api/v1/campaigns/<id>/analytics?granularity=hour": lambda: client.get(
            f"/api/v1/campaigns/{campaign_id}/analytics?granularity=hour", headers=headers),
    }
    client.get("/campaigns")
    pids = backend_pids(app)
    worst = worst_cpu = 0
    for name, call in cases.items():
        ms, cpu = timed(call, pids)
        worst, worst_cpu = max(worst, ms), max(worst_cpu, cpu)
        print(f"{name}: {ms:.1f} ms, {cpu:.1f} ms of CPU  (median of 5, load {load_average()})")
    ok = worst < TARGET_MS
    print(f"slowest: {worst:.1f} ms, {worst_cpu:.1f} ms of CPU (target {TARGET_MS} ms): {'PASS' if ok else 'FAIL'}"
          f" (load {load_average()})")
    return 0 if ok else 1


def main():
    with scratch_database() as (tmp, url):
        return run(tmp, url)


if __name__ == "__main__":
    sys.exit(main())
