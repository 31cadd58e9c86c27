"""The data of bench/campaign_report.py: contacts, a sent campaign with its messages and events, written by the
database itself (INSERT … SELECT), and the campaign's summaries built by ``flask analytics rebuild``'s code.

A million events take seconds, not a Python loop over each. Every "random" choice is a hash of the message's
number and the event's, the same on SQLite and PostgreSQL and from one run to the next; ids are time-ordered (as
new_id's), in the order of sending. A change here changes the key of the cached database.
"""
import time
from datetime import timedelta
from pathlib import Path

from contacts_page import load_contacts
from sqlalchemy import Uuid, bindparam, func, select, text

from nudgeweb.campaigns import summaries
from nudgeweb.extensions import db
from nudgeweb.models import Campaign, Message, utcnow
from nudgeweb.unit_of_work import unit_of_work

AGENTS = ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
          "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)",
          "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17328; Pro)",
          "Mozilla/5.0 (iPad; CPU OS 16_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)",
          "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"]

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
KINDS = f"""CASE WHEN i = 0 THEN 'sent' WHEN i = 1 AND e >= 98 THEN 'bounced' WHEN i = 1 THEN 'delivered'
               WHEN i = 2 AND e = {ENGAGED - 1} THEN 'unsubscribed'
               WHEN i = 2 AND e = {ENGAGED - 2} AND n % 10 = 0 THEN 'complained'
               WHEN e < {CLICKERS} AND r < 30 THEN 'clicked' ELSE 'opened' END"""


def _hash(salt, event="i"):
    """A number from 0 to 65,535 that looks random, of the message (n), the ``event`` (i) and ``salt``."""
    return f"(((n * 31 + {event} * 1000003 + {salt}) * 2654435761 % 4294967296) / 65536)"


def send_campaign(organization_id, recipients, events, name="Spring offer"):
    """A sent campaign to the organization's first ``recipients`` contacts, with ``events`` events in all over
    two weeks (a ``sent`` each, then deliveries, opens, clicks, bounces and unsubscribes); the messages' own
    columns as the events left them (delivery.events would have set them); no summaries (build_summaries)."""
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


def load(app, recipients, events):
    """Two organizations ("Bench 0" of ``recipients`` contacts, "Bench 1" of 1,000), a sent campaign each."""
    from nudgeweb.auth.operations import add_user_to_organization

    with app.app_context():
        db.create_all()
        organizations = []
        for n, size in enumerate((recipients, 1000)):
            with unit_of_work():
                membership = add_user_to_organization(f"bench{n}@example.com", "bench-password", f"Bench {n}")
                organizations.append(membership.organization_id)
            started = time.perf_counter()
            load_contacts(membership.organization_id, size, seed=n)
            print(f"{size:,} contacts in {time.perf_counter() - started:.1f} s (load {load_average()})")
        for organization_id, recipients, events in ((organizations[0], recipients, events),
                                                    (organizations[1], 1000, 10_000)):
            started = time.perf_counter()
            send_campaign(organization_id, recipients, events)
            if db.engine.dialect.name == "postgresql":  # what autovacuum does after a bulk write: without it the
                with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                    connection.execute(text("ANALYZE"))  # planner guesses 77 messages and loops over the events
            written = time.perf_counter() - started
            started = time.perf_counter()
            rows = build_summaries(organization_id)
            print(f"{recipients:,} messages and their events written in {written:.1f} s; summaries rebuilt "
                  f"(flask analytics rebuild's code) in {time.perf_counter() - started:.1f} s, {rows:,} rows "
                  f"(load {load_average()})")


def load_average():
    return Path("/proc/loadavg").read_text().split()[0]
