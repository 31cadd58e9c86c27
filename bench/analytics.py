"""Analytics at scale: two organizations of BENCH_CONTACTS contacts and BENCH_EVENTS contact events each
(the second proves scoping costs nothing), then

  1. ingestion: the events go in through record_events in batches of 1,000 (in process), then through the
     API (the Flask test client, no gunicorn): batches of 100, and 300 one by one; events per second;
  2. every chart of the Analytics page and every analytics API answer, for 30 days and for a year:
     the median server time of 5 (target: under 100 ms);
  3. the counts are exact: a rebuild from the raw rows equals what was kept live.

Defaults are smaller than the issue's million (BENCH_EVENTS=1000000 BENCH_CONTACTS=100000 for the full size).
SQLite by default; BENCH_DATABASE_URL for PostgreSQL.
"""
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from contacts_page import load_contacts, scratch_database  # noqa: E402
from sqlalchemy import select  # noqa: E402

from config import TestConfig  # noqa: E402
from nudgeweb import create_app  # noqa: E402
from nudgeweb.analytics.charts import CHARTS  # noqa: E402
from nudgeweb.analytics.events import record_events  # noqa: E402
from nudgeweb.analytics.periods import read_period  # noqa: E402
from nudgeweb.analytics.rebuild import rebuild_counts  # noqa: E402
from nudgeweb.analytics.reports import PeriodReports  # noqa: E402
from nudgeweb.api.keys import create_api_key  # noqa: E402
from nudgeweb.extensions import db  # noqa: E402
from nudgeweb.models import AnalyticsCount, Contact, Membership, Organization, utcnow  # noqa: E402
from nudgeweb.unit_of_work import unit_of_work  # noqa: E402

EVENTS = int(os.environ.get("BENCH_EVENTS", "200000"))
CONTACTS = int(os.environ.get("BENCH_CONTACTS", "20000"))
TARGET_MS = 100
NAMES = ["order_completed", "page_viewed", "cart_abandoned", "signed_in", "coupon_used"]
EVENT_METRICS = AnalyticsCount.metric.in_(["event", "revenue"])  # (the bench's contacts go in bulk, uncounted)
API = ("overview", "contacts", "revenue", "clients", "devices", "geographic", "reviews")


def load_events(organization_id, count, rng):
    """record_events in batches of 1,000 over the last year; returns events per second."""
    with unit_of_work(organization_id):
        ids = db.session.scalars(select(Contact.id).where(Contact.organization_id == organization_id)).all()
    now, started = utcnow(), time.perf_counter()
    for start in range(0, count, 1000):
        batch = [{"name": rng.choice(NAMES), "contact_id": rng.choice(ids),
                  "revenue": round(rng.uniform(5, 120), 2) if rng.random() < 0.2 else None,
                  "occurred_at": now - timedelta(minutes=rng.randrange(365 * 24 * 60))}
                 for _ in range(min(1000, count - start))]
        with unit_of_work(organization_id):
            record_events(organization_id, batch, batch=True)
    return count / (time.perf_counter() - started)


def timed(fn, runs=5):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def run(tmp, url):
    app = create_app(TestConfig(tmp, SQLALCHEMY_DATABASE_URI=url, WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=False))
    rng = random.Random(19)
    with app.app_context():
        db.create_all()
        from nudgeweb.auth.operations import add_user_to_organization

        organizations = []
        for n in range(2):
            with unit_of_work():
                membership = add_user_to_organization(f"bench{n}@example.com", "bench-password", f"Bench {n}")
                organizations.append(membership.organization_id)
            load_contacts(membership.organization_id, CONTACTS, seed=n)
        for organization_id in organizations:
            rate = load_events(organization_id, EVENTS, rng)
            print(f"{EVENTS:,} events into {organization_id} at {rate:,.0f} events/s (record_events, batches of 1,000)")
        mine = organizations[0]
        with unit_of_work(mine):
            membership = db.session.scalar(select(Membership).where(Membership.organization_id == mine))
            key = create_api_key(membership, "bench", ["read", "write"])[1]
    client = app.test_client()
    headers = {"X-API-Key": key}
    with app.app_context(), unit_of_work(mine):
        ids = [str(i) for i in db.session.scalars(select(Contact.id).where(Contact.organization_id == mine).limit(500))]
    started = time.perf_counter()
    for _ in range(10):
        events = [{"name": "order_completed", "contact_id": rng.choice(ids), "revenue": 10} for _ in range(100)]
        assert client.post("/api/v1/events/batch", json={"events": events}, headers=headers).status_code == 201
    print(f"API, batches of 100: {1000 / (time.perf_counter() - started):,.0f} events/s (test client, one process)")
    started = time.perf_counter()
    for _ in range(300):
        assert client.post("/api/v1/events", json={"name": "signed_in", "contact_id": rng.choice(ids)},
                           headers=headers).status_code == 201
    print(f"API, one by one: {300 / (time.perf_counter() - started):,.0f} events/s (test client, one process)")

    worst = 0
    for period in ("30d", "year"):
        for path in API:
            ms = timed(lambda: client.get(f"/api/v1/analytics/{path}?period={period}", headers=headers))
            worst = max(worst, ms)
            print(f"GET /api/v1/analytics/{path}?period={period}: {ms:.1f} ms")
        with app.app_context(), unit_of_work(mine):
            organization = db.session.get(Organization, mine)
            chart_period = read_period({"period": period}, organization.timezone)
            for key, chart in CHARTS.items():
                ms = timed(lambda: chart(PeriodReports(mine, chart_period, "USD")))
                worst = max(worst, ms)
                print(f"chart {key} ({period}): {ms:.1f} ms")
    with app.app_context(), unit_of_work(mine):
        live = sorted(db.session.execute(select(AnalyticsCount.metric, AnalyticsCount.dimension, AnalyticsCount.hour,
                                                AnalyticsCount.count).where(AnalyticsCount.organization_id == mine, EVENT_METRICS)))
        rebuild_counts(mine)
        db.session.flush()
        rebuilt = sorted(db.session.execute(select(AnalyticsCount.metric, AnalyticsCount.dimension, AnalyticsCount.hour,
                                                   AnalyticsCount.count).where(AnalyticsCount.organization_id == mine, EVENT_METRICS)))
    print(f"rebuilt counts equal the live ones: {live == rebuilt} ({len(live):,} hourly buckets)")
    print(f"slowest answer: {worst:.1f} ms (target {TARGET_MS} ms)")
    return 0 if live == rebuilt and worst < TARGET_MS else 1


def main():
    with scratch_database() as (tmp, url):
        return run(tmp, url)


if __name__ == "__main__":
    sys.exit(main())
