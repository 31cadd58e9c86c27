"""A campaign to N contacts (default 100,000) through a local SMTP sink with the real consumer, beside the
plain script of bench/send_email.py (render, build, send over one connection) in the same run.

Pressing send is ``sending.start`` (fix the audience, commit, queue the first batch task); everything after
runs in `flask worker` with its default workers: the campaign's batch tasks hand recipients to the delivery
engine, whose send tasks deliver. Then the report's queries run at that size, with opens and clicks added
until the campaign has about ten events a recipient. Bars: first message within 2 s of pressing send;
>= 90% of the plain script's rate; every recipient exactly once; < 150 MB in every process; the report's
queries (= the analytics endpoint's server time) under 100 ms.

    .venv/bin/python bench/campaign_send.py [--messages 100000] [--workers 2] [--events-per-recipient 10]
"""
import argparse
import os
import random
import resource
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import send_email as shared  # noqa: E402  (the sink, the plain script, the consumer and /proc helpers)

AGENTS = ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
          "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)",
          "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17328; Pro)"]


def add_engagement(organization_id, campaign_id, per_recipient):
    """Opens and clicks (with user agents and links) until the campaign has about ``per_recipient`` events
    a recipient, spread over two weeks, inserted in bulk."""
    from sqlalchemy import select

    from nudgeweb.bulk import insert_rows
    from nudgeweb.models import Message, MessageEvent, db, new_id

    rng = random.Random(1)
    rows = db.session.execute(select(Message.id, Message.contact_id, Message.sent_at).where(
        Message.purpose == "campaign", Message.purpose_id == campaign_id)).all()
    events = []
    for message_id, contact_id, sent_at in rows:
        for _ in range(per_recipient - 1):
            kind = "clicked" if rng.random() < .2 else "opened"
            events.append({"id": new_id(), "organization_id": organization_id, "message_id": message_id,
                           "contact_id": contact_id, "type": kind, "ip": None, "detail": None,
                           "url": f"https://shop.example/p/{rng.randint(1, 30)}" if kind == "clicked" else None,
                           "user_agent": rng.choice(AGENTS),
                           "occurred_at": sent_at + timedelta(minutes=rng.randint(1, 20_000))})
            if len(events) == 20_000:
                insert_rows(MessageEvent.__table__, events)
                events = []
    insert_rows(MessageEvent.__table__, events)
    db.session.execute(Message.__table__.update().where(Message.purpose_id == campaign_id)
                       .values(opened_at=Message.sent_at, clicked_at=Message.sent_at))


def time_report(campaign):
    """Milliseconds of each report query (the best of three) at this size."""
    from nudgeweb.campaigns import report

    timings = {}
    for name, query in (("metrics", report.metrics), ("timeline", report.timeline), ("links", report.top_links),
                        ("devices", report.devices_and_clients),
                        ("people", lambda c: report.people(c, "clicked"))):
        best = None
        for _ in range(3):
            started = time.perf_counter()
            query(campaign)
            elapsed = (time.perf_counter() - started) * 1000
            best = elapsed if best is None else min(best, elapsed)
        timings[name] = best
    return timings


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--events-per-recipient", type=int, default=10)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="nudge-bench-campaign-"))
    sink = shared.Sink()
    sink.start()
    env = shared.bench_environment(tmp, sink.port, args.workers)
    worker = log = None
    consumer_log = ""
    try:
        from sqlalchemy import func, select

        from config import Config
        from nudgeweb import create_app
        from nudgeweb.campaigns import operations, sending
        from nudgeweb.models import Campaign, Message, Organization, db
        from nudgeweb.unit_of_work import unit_of_work

        app = create_app(Config())
        with app.app_context():
            db.create_all()
            organization = Organization(name="Bluebird Bakery", timezone="America/New_York",
                                        footer_address="41 Larkspur Lane, Burlington, VT 05401")
            db.session.add(organization)
            db.session.flush()
            shared.seed(organization, args.messages)
            with unit_of_work(organization.id):
                campaign = operations.create_campaign(organization, {
                    "name": "Spring offer", "subject": shared.SUBJECT, "html_content": shared.HTML,
                    "text_content": shared.TEXT, "send_to_all": True})
                organization_id, campaign_id, business_name = organization.id, campaign.id, organization.name
            time.sleep(0.5)

            plain_seconds = shared.plain_script(args.messages, sink.port, business_name)
            assert shared.wait_for_sink(sink, args.messages) >= args.messages
            plain_rate = args.messages / plain_seconds
            sink.recipients()

            worker, log = shared.start_consumer({**os.environ, **env}, args.workers)
            pids = [worker.pid, *shared.children_of(worker.pid)]
            cpu_before = [shared.cpu_seconds(pid) for pid in pids], shared.cpu_seconds(sink.process.pid)
            started = time.perf_counter()
            with unit_of_work(organization_id):  # pressing send: the audience fixed, the first batch asked for
                sending.start(db.session.get(Campaign, campaign_id), db.session.get(Organization, organization_id))
            pressed = time.perf_counter() - started
            first = None
            while sink.count == args.messages and time.perf_counter() - started < 60:
                time.sleep(0.005)
            first = time.perf_counter() - started
            got = shared.wait_for_sink(sink, 2 * args.messages, timeout=3600) - args.messages
            engine_seconds = time.perf_counter() - started
            consumer_cpu = [shared.cpu_seconds(pid) - before for pid, before in zip(pids, cpu_before[0])]
            sink_cpu = shared.cpu_seconds(sink.process.pid) - cpu_before[1]
            consumer_mb = [shared.peak_rss_mb(pid) for pid in pids]
            addresses, repeated = sink.recipients()
            deadline = time.monotonic() + 60
            with unit_of_work(organization_id):
                while True:
                    db.session.remove()
                    status = db.session.scalar(select(Campaign.status).where(Campaign.id == campaign_id))
                    sent = db.session.scalar(select(func.count()).select_from(Message).where(Message.status == "sent"))
                    if (status == "sent" and sent == args.messages) or time.monotonic() > deadline:
                        break
                    time.sleep(0.2)
            consumer_log = shared.stop_consumer(worker, log)
            worker = None
            engine_rate = args.messages / engine_seconds
            print(f"sending:         {got} received ({addresses} addresses, {repeated} more than once), rows sent "
                  f"{sent}, campaign {status}; first message after {first:.2f} s; {engine_rate:.0f}/s against the "
                  f"plain script's {plain_rate:.0f}/s; consumer memory {max(consumer_mb):.0f} MB", flush=True)
            with unit_of_work(organization_id):
                add_engagement(organization_id, campaign_id, args.events_per_recipient)
            with unit_of_work(organization_id):
                timings = time_report(db.session.get(Campaign, campaign_id))
        bench_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    finally:
        if worker is not None:
            consumer_log = shared.stop_consumer(worker, log)
        sink.stop()

    ratio = engine_rate / plain_rate
    once = addresses == args.messages and repeated == 0
    print(f"recipients:      {args.messages}  (the sink got {got}, {addresses} addresses, {repeated} more than once; "
          f"rows sent {sent}; campaign {status})")
    print(f"pressing send:   {pressed * 1000:6.0f} ms (audience fixed); first message after {first:.2f} s")
    print(f"plain script:    {plain_seconds:6.1f} s  {plain_rate:5.0f} messages/s")
    print(f"campaign:        {engine_seconds:6.1f} s  {engine_rate:5.0f} messages/s  ({args.workers} worker processes)")
    print(f"campaign/plain:  {ratio:6.0%}")
    print(f"CPU seconds:     the consumer's processes {' + '.join(f'{s:.1f}' for s in consumer_cpu)} "
          f"({1000 * sum(consumer_cpu) / args.messages:.2f} s per 1,000 messages), the sink {sink_cpu:.1f}")
    print(f"peak memory:     this process {bench_mb:.0f} MB (set-up and report included); the consumer's "
          f"{' / '.join(f'{mb:.0f}' for mb in consumer_mb)} MB")
    print("report queries:  " + ", ".join(f"{name} {ms:.0f} ms" for name, ms in timings.items())
          + f"  (~{args.events_per_recipient} events a recipient)")
    if consumer_log:
        print("consumer log (warnings and errors):\n  " + "\n  ".join(consumer_log.splitlines()[-20:]))
    ok = (first <= 2 and ratio >= 0.9 and once and status == "sent" and max(consumer_mb) < 150
          and sum(timings.values()) < 100)
    print("PASS" if ok else "FAIL", "(bars: first message <= 2 s, >= 90% of plain, everyone once, < 150 MB a "
          "consumer process, the report's queries together < 100 ms)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
