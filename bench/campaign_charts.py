"""The campaign charts at scale: one organization of BENCH_RECIPIENTS contacts and BENCH_CAMPAIGNS
campaigns sent to all of them (a sent event each, a fifth opened, a twentieth clicked), counted by a
rebuild from the raw rows, then

  1. top campaigns and revenue by campaign (report and chart, 30 days and a year): median of 5 (target 100 ms);
  2. events with revenue credited as they are recorded: record_events in batches of 100 and one by one.

SQLite by default; BENCH_DATABASE_URL for PostgreSQL.
"""
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from analytics import timed  # noqa: E402
from contacts_page import load_contacts, scratch_database  # noqa: E402
from sqlalchemy import insert, select  # noqa: E402

from config import TestConfig  # noqa: E402
from nudgeweb import create_app  # noqa: E402
from nudgeweb.analytics.charts import revenue_by_campaign_chart, top_campaigns_chart  # noqa: E402
from nudgeweb.analytics.events import record_events  # noqa: E402
from nudgeweb.analytics.periods import read_period  # noqa: E402
from nudgeweb.analytics.rebuild import rebuild_counts  # noqa: E402
from nudgeweb.analytics.reports import PeriodReports  # noqa: E402
from nudgeweb.extensions import db  # noqa: E402
from nudgeweb.models import Campaign, Contact, Message, MessageEvent, Organization, new_id, utcnow  # noqa: E402
from nudgeweb.unit_of_work import unit_of_work  # noqa: E402

RECIPIENTS = int(os.environ.get("BENCH_RECIPIENTS", "100000"))
CAMPAIGNS = int(os.environ.get("BENCH_CAMPAIGNS", "3"))
TARGET_MS = 100


def send_campaigns(organization_id, contact_ids, rng):
    """CAMPAIGNS campaigns six days apart, the last 3 days ago, to every contact, their messages and events in bulk."""
    now = utcnow()
    for n in range(CAMPAIGNS):
        sent_at = now - timedelta(days=3 + 6 * (CAMPAIGNS - 1 - n))  # the last 3 days ago
        campaign = Campaign(organization_id=organization_id, name=f"Campaign {n}", status="sent",
                            total_recipients=len(contact_ids), started_at=sent_at, sent_at=sent_at)
        db.session.add(campaign)
        db.session.flush()
        for start in range(0, len(contact_ids), 5000):
            messages, events = [], []
            for contact_id in contact_ids[start:start + 5000]:
                message_id, opened, clicked = new_id(), rng.random() < 0.2, rng.random() < 0.05
                at = sent_at + timedelta(seconds=rng.randrange(3600))
                messages.append({"id": message_id, "organization_id": organization_id, "contact_id": contact_id,
                                 "channel": "email", "purpose": "campaign", "purpose_id": campaign.id, "to": "x@example.com",
                                 "status": "sent", "send_at": at, "sent_at": at, "created_at": at, "updated_at": at,
                                 "opened_at": at + timedelta(hours=1) if opened or clicked else None,
                                 "clicked_at": at + timedelta(hours=2) if clicked else None})
                events.append({"id": new_id(), "organization_id": organization_id, "message_id": message_id,
                               "contact_id": contact_id, "type": "sent", "occurred_at": at})
                if clicked:
                    events.append({"id": new_id(), "organization_id": organization_id, "message_id": message_id,
                                   "contact_id": contact_id, "type": "clicked", "occurred_at": at + timedelta(hours=2)})
            db.session.execute(insert(Message), messages)
            db.session.execute(insert(MessageEvent), events)


def run(tmp, url):
    app = create_app(TestConfig(tmp, SQLALCHEMY_DATABASE_URI=url, WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=False))
    rng = random.Random(19)
    with app.app_context():
        db.create_all()
        from nudgeweb.auth.operations import add_user_to_organization

        with unit_of_work():
            mine = add_user_to_organization("bench@example.com", "bench-password", "Bench").organization_id
        load_contacts(mine, RECIPIENTS, seed=1)
        started = time.perf_counter()
        with unit_of_work(mine):
            ids = db.session.scalars(select(Contact.id).where(Contact.organization_id == mine)).all()
            send_campaigns(mine, ids, rng)
            buckets = rebuild_counts(mine)
        print(f"{CAMPAIGNS} campaigns to {len(ids):,} contacts, counted ({buckets:,} buckets) in "
              f"{time.perf_counter() - started:.0f} s")
        worst = 0
        with unit_of_work(mine):
            organization = db.session.get(Organization, mine)
            for name in ("30d", "year"):
                period = read_period({"period": name}, organization.timezone)
                for chart in (top_campaigns_chart, revenue_by_campaign_chart):
                    ms = timed(lambda: chart(PeriodReports(mine, period, "USD")))
                    worst = max(worst, ms)
                    print(f"{chart.__name__} ({name}): {ms:.1f} ms")
        for size, rounds in ((100, 10), (1, 300)):
            started = time.perf_counter()
            for _ in range(rounds):
                with unit_of_work(mine):
                    record_events(mine, [
                        {"name": "order", "contact_id": rng.choice(ids), "revenue": 10} for _ in range(size)], batch=True)
            print(f"record_events with revenue, batches of {size}: "
                  f"{size * rounds / (time.perf_counter() - started):,.0f} events/s")
        with unit_of_work(mine):
            period = read_period({"period": "30d"}, db.session.get(Organization, mine).timezone)
            credited = PeriodReports(mine, period, "USD").revenue["revenue_by_campaign"]
        print("credited:", [(row["campaign_name"], row["conversions"]) for row in credited])
    print(f"slowest answer: {worst:.1f} ms (target {TARGET_MS} ms)")
    return 0 if worst < TARGET_MS else 1


def main():
    with scratch_database() as (tmp, url):
        return run(tmp, url)


if __name__ == "__main__":
    sys.exit(main())
