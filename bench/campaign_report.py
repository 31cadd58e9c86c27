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
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from contacts_page import load_contacts, scratch_database  # noqa: E402
from sqlalchemy import Uuid, bindparam, func, select, text  # noqa: E402
from sqlalchemy.dialects import sqlite  # noqa: E402
from sqlalchemy.schema import CreateTable  # noqa: E402

from config import TestConfig  # noqa: E402
from nudgeweb import create_app  # noqa: E402
from nudgeweb.api.keys import create_api_key  # noqa: E402
from nudgeweb.campaigns import summaries  # noqa: E402
from nudgeweb.extensions import db  # noqa: E402
from nudgeweb.models import Campaign, Membership, Message, MessageEvent, Organization, utcnow  # noqa: E402
from nudgeweb.unit_of_work import unit_of_work  # noqa: E402

RECIPIENTS = int(os.environ.get("BENCH_RECIPIENTS", "100000"))
EVENTS = int(os.environ.get("BENCH_EVENTS", "1000000"))
TARGET_MS = 100
AGENTS = ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
          "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)",
          "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17328; Pro)",
          "Mozilla/5.0 (iPad; CPU OS 16_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)",
          "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"]


# Rows made by the database itself (INSERT … SELECT), so that a million events take seconds, not a Python loop
# over each. Every "random" choice is a hash of the message's number and the event's, the same on SQLite and
# PostgreSQL and from one run to the next; ids are time-ordered (as new_id's), in the order of sending.
SQL = {
    "sqlite": {
        "plus_seconds": "strftime('%Y-%m-%d %H:%M:%S', {base}, '+' || ({seconds}) || ' seconds') || '.000000'",
        "uuid": "printf('%012x', {ms}) || lower(hex(randomblob(10)))",
    },
    "postgresql": {
        "plus_seconds": "(CAST({base} AS timestamp) + ({seconds}) * interval '1 second')",
        "uuid": "CAST(lpad(to_hex({ms}), 12, '0') || substr(md5(random()::text), 1, 20) AS uuid)",
    },
}
# Of every hundred recipients (e, a number of the message): 35 open it, 10 of them click, one unsubscribes and
# two bounce; a few complain. Those who open do it many times (they hold the events beyond each message's sent
# and delivered ones), mostly in the first hours (the square of a hash leans to small numbers).
ENGAGED, CLICKERS = 35, 10
KINDS = """CASE WHEN i = 0 THEN 'sent' WHEN i = 1 AND e >= 98 THEN 'bounced' WHEN i = 1 THEN 'delivered'
               WHEN i = 2 AND e = 34 THEN 'unsubscribed' WHEN i = 2 AND e = 33 AND n % 10 = 0 THEN 'complained'
               WHEN e < 10 AND r < 30 THEN 'clicked' ELSE 'opened' END"""


def _hash(salt, event="i"):
    """A number from 0 to 65,535 that looks random, of the message (n), the ``event`` (i) and ``salt``."""
    return f"(((n * 31 + {event} * 1000003 + {salt}) * 2654435761 % 4294967296) / 65536)"


def send_campaign(organization_id, recipients, events, name="Spring offer"):
    """A sent campaign to the organization's first ``recipients`` contacts, with ``events`` events in all over
    two weeks (a ``sent`` each, then deliveries, opens, clicks, bounces and unsubscribes); the messages' own
    columns as the events left them; then the campaign's summaries built by ``flask analytics rebuild``'s code."""
    with unit_of_work(organization_id):
        sent_at = utcnow().replace(microsecond=0) - timedelta(days=14)
        campaign = Campaign(organization_id=organization_id, name=name, subject="Spring", status="sent",
                            total_recipients=0, started_at=sent_at, sent_at=sent_at)
        db.session.add(campaign)
        db.session.flush()
        sql = SQL[db.session.get_bind().dialect.name]
        ms = int(sent_at.timestamp() * 1000)
        params = {"org": organization_id, "campaign": campaign.id, "sent_at": sent_at.replace(tzinfo=None),
                  "recipients": recipients}
        types = [bindparam("org", type_=Uuid), bindparam("campaign", type_=Uuid)]
        at = sql["plus_seconds"].format(base=":sent_at", seconds="n * 600 / :recipients")
        db.session.execute(text(f"""
            INSERT INTO messages (id, organization_id, contact_id, channel, purpose, purpose_id, to_address, status,
                                  backend, attempts, track, marketing, send_at, sent_at, created_at, updated_at)
            SELECT {sql["uuid"].format(ms=f"{ms} + n")}, :org, id, 'email', 'campaign', :campaign,
                   coalesce(email, 'someone@example.net'), 'sent', 'smtp', 1, true, true, {at}, {at}, {at}, {at}
            FROM (SELECT id, email, row_number() OVER (ORDER BY created_at, id) AS n FROM contacts
                  WHERE organization_id = :org ORDER BY created_at, id LIMIT :recipients) AS chosen
        """).bindparams(*types), params)
        count = db.session.scalar(select(func.count()).select_from(Message).where(
            Message.organization_id == organization_id, Message.purpose_id == campaign.id))
        campaign.total_recipients = count
        extra = max(0, events - 2 * count) / max(1, count * ENGAGED / 100)  # the events of each who opened it
        agents = " ".join(f"WHEN {n} THEN '{agent}'" for n, agent in enumerate(AGENTS))
        minutes = f"(1 + {_hash(2)} * {_hash(2)} / 65536 * 20160 / 65536) * 60"
        moment = sql["plus_seconds"].format(base="sent_at", seconds=f"CASE WHEN i = 1 THEN 1 + r ELSE {minutes} END")
        db.session.execute(text(f"""
            INSERT INTO message_events (id, organization_id, message_id, contact_id, type, url, user_agent, occurred_at)
            WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < {int(extra) + 2}),
            numbered AS (SELECT chosen.*, {_hash(0, event=0)} % 100 AS e FROM (
                           SELECT id, contact_id, sent_at, row_number() OVER (ORDER BY id) AS n FROM messages
                           WHERE organization_id = :org AND purpose = 'campaign' AND purpose_id = :campaign) AS chosen),
            drawn AS (SELECT numbered.*, i, {_hash(1)} % 100 AS r FROM numbered JOIN seq
                      ON i < CASE WHEN e >= {ENGAGED} THEN 2 ELSE 2 + {int(extra)} + CASE WHEN {_hash(5, event=0)}
                                  % 1000 < {round(extra % 1 * 1000)} THEN 1 ELSE 0 END END),
            typed AS (SELECT drawn.*, {KINDS} AS kind FROM drawn)
            SELECT {sql["uuid"].format(ms=f"{ms} + n * 1000 + i")}, :org, id, contact_id, kind,
                   CASE WHEN kind = 'clicked' THEN 'https://shop.example/p/' || (1 + {_hash(4)} % 30) END,
                   CASE WHEN kind IN ('opened', 'clicked') THEN CASE {_hash(3)} % 5 {agents} END END,
                   CASE WHEN i = 0 THEN sent_at ELSE {moment} END
            FROM typed
        """).bindparams(*types), params)
        db.session.execute(text("""
            UPDATE messages SET
              opened_at = (SELECT min(occurred_at) FROM message_events e WHERE e.message_id = messages.id
                           AND e.type IN ('opened', 'clicked')),
              clicked_at = (SELECT min(occurred_at) FROM message_events e WHERE e.message_id = messages.id
                            AND e.type = 'clicked'),
              failed_at = (SELECT min(occurred_at) FROM message_events e WHERE e.message_id = messages.id
                           AND e.type = 'bounced'),
              delivered_at = (SELECT min(occurred_at) FROM message_events e WHERE e.message_id = messages.id
                              AND e.type = 'delivered')
            WHERE organization_id = :org AND purpose = 'campaign' AND purpose_id = :campaign
        """).bindparams(*types), params)
        db.session.execute(text("""
            UPDATE messages SET status = CASE WHEN failed_at IS NOT NULL THEN 'bounced'
                                              WHEN delivered_at IS NOT NULL THEN 'delivered' ELSE 'sent' END
            WHERE organization_id = :org AND purpose = 'campaign' AND purpose_id = :campaign
        """).bindparams(*types), params)
        return campaign.id


def build_summaries(organization_id):
    """The organization's campaign summaries from its events, by ``flask analytics rebuild``'s code."""
    with unit_of_work(organization_id):
        return summaries.rebuild(db.session, organization_id)


def timed(fn, runs=5):
    """(median wall ms, median CPU ms) of ``runs`` calls: on a loaded machine the CPU time is the server's own
    work, the wall time includes waiting for a core."""
    walls, cpus = [], []
    for _ in range(runs):
        started, cpu = time.perf_counter(), time.process_time()
        answer = fn()
        walls.append((time.perf_counter() - started) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
        assert answer.status_code == 200, answer.status_code
    return statistics.median(walls), statistics.median(cpus)


def load(app):
    """Two organizations, their contacts and a sent campaign each; the big one's campaign id."""
    from nudgeweb.auth.operations import add_user_to_organization

    with app.app_context():
        db.create_all()
        organizations = []
        for n, size in enumerate((RECIPIENTS, 1000)):
            with unit_of_work():
                membership = add_user_to_organization(f"bench{n}@example.com", "bench-password", f"Bench {n}")
                organizations.append(membership.organization_id)
            started = time.perf_counter()
            load_contacts(membership.organization_id, size, seed=n)
            print(f"{size:,} contacts in {time.perf_counter() - started:.1f} s (load {_load()})")
        for organization_id, recipients, events in ((organizations[0], RECIPIENTS, EVENTS),
                                                    (organizations[1], 1000, 10_000)):
            started = time.perf_counter()
            send_campaign(organization_id, recipients, events)
            written = time.perf_counter() - started
            started = time.perf_counter()
            rows = build_summaries(organization_id)
            print(f"{recipients:,} messages and their events written in {written:.1f} s; summaries rebuilt "
                  f"(flask analytics rebuild's code) in {time.perf_counter() - started:.1f} s, {rows:,} rows "
                  f"(load {_load()})")


def cached_database(tmp, url):
    """The URL of a copy of the loaded SQLite database, loaded once for these sizes, this schema and this loader
    (instance/bench-cache, git-ignored); PostgreSQL loads every run."""
    if not url.startswith("sqlite"):
        load(create_app(TestConfig(tmp, SQLALCHEMY_DATABASE_URI=url)))
        return url
    schema = "".join(str(CreateTable(table).compile(dialect=sqlite.dialect())) for table in db.metadata.sorted_tables)
    key = hashlib.sha1((schema + Path(__file__).read_text() + (ROOT / "bench/contacts_page.py").read_text()).encode())
    cached = ROOT / "instance" / "bench-cache" / f"campaign_report-{RECIPIENTS}-{EVENTS}-{key.hexdigest()[:12]}.db"
    if not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        building = Path(tmp) / "loading.db"
        load(create_app(TestConfig(tmp, SQLALCHEMY_DATABASE_URI=f"sqlite:///{building}")))
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
            key = create_api_key(membership, "bench", ["read", "write"])[1]
    print(f"{RECIPIENTS:,} recipients, {events:,} events (load {_load()})")
    client = app.test_client()
    assert client.post("/login", data={"email": "bench0@example.com", "password": "bench-password"}).status_code == 302
    headers = {"Authorization": f"Bearer {key}"}
    cases = {
        "report page GET /campaigns/<id>": lambda: client.get(f"/campaigns/{campaign_id}"),
        "report page, who clicked": lambda: client.get(f"/campaigns/{campaign_id}?people=clicked"),
        "campaign list GET /campaigns": lambda: client.get("/campaigns"),
        "GET /api/v1/campaigns/<id>/analytics": lambda: client.get(f"/api/v1/campaigns/{campaign_id}/analytics",
                                                                   headers=headers),
        "GET /api/v2/campaigns/<id>/analytics": lambda: client.get(f"/api/v2/campaigns/{campaign_id}/analytics",
                                                                   headers=headers),
        "GET /api/v1/campaigns/<id>/analytics?granularity=hour": lambda: client.get(
            f"/api/v1/campaigns/{campaign_id}/analytics?granularity=hour", headers=headers),
    }
    worst = worst_cpu = 0
    for name, call in cases.items():
        ms, cpu = timed(call)
        worst, worst_cpu = max(worst, ms), max(worst_cpu, cpu)
        print(f"{name}: {ms:.1f} ms, {cpu:.1f} ms of CPU  (median of 5, load {_load()})")
    ok = worst < TARGET_MS
    print(f"slowest: {worst:.1f} ms, {worst_cpu:.1f} ms of CPU (target {TARGET_MS} ms): {'PASS' if ok else 'FAIL'}"
          f" (load {_load()})")
    return 0 if ok else 1


def _load():
    return Path("/proc/loadavg").read_text().split()[0]


def main():
    with scratch_database() as (tmp, url):
        return run(tmp, url)


if __name__ == "__main__":
    sys.exit(main())
