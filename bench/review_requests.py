"""Review requests as production runs them: gunicorn (2 workers), 8 concurrent API clients, a Huey
consumer in its own process, SQLite and Huey on SQLite, messages to a local SMTP sink; the clients are wrk's
(8 connections) and the sink is bench/smtp_sink.py, so that what stands for the integrations and the mail
server, elsewhere in production, takes little of the machine the server runs on.

Two measures:
1. N review requests (delay_hours=0) posted to POST /api/v1/review_requests over 8 connections:
   accepted per second (first post to last answer) and sent per second (first post to the last
   message the SMTP sink received); every request must be sent exactly once.
2. A bulk ask of BULK contacts (the task the bulk send page queues): seconds until every request is
   scheduled (delay_hours=1, so that the measure is the scheduling, not the sending). BULK_SEND=1
   asks with delay_hours=0 and also prints how fast the bulk's messages went out.

Also prints the CPU seconds the web server and the consumer spent per 1,000 requests (less sensitive
to a loaded machine than the wall clock), and PASS/FAIL against the targets.

    .venv/bin/python bench/review_requests.py          # N=2000 BULK=10000 CLIENTS=8 WEB_WORKERS=2
"""
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, ".")

from bench.smtp_sink import Sink  # noqa: E402

N = int(os.environ.get("N", 2_000))
BULK = int(os.environ.get("BULK", 10_000))
CLIENTS = int(os.environ.get("CLIENTS", 8))
WEB_WORKERS = int(os.environ.get("WEB_WORKERS", 2))
CONSUMER_WORKERS = int(os.environ.get("HUEY_WORKERS", 2))
BULK_SEND = os.environ.get("BULK_SEND") == "1"
ACCEPT_TARGET, SEND_TARGET, BULK_TARGET_SECONDS = 300, 300, 10


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cpu_seconds(pid):
    """User + system CPU seconds of ``pid`` and every process below it (from /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for child in [pid, *descendants(pid)]:
        try:
            with open(f"/proc/{child}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
        except (FileNotFoundError, ProcessLookupError):
            pass
    return total


def descendants(pid):
    found = []
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as children:
            for child in map(int, children.read().split()):
                found += [child, *descendants(child)]
    except FileNotFoundError:
        pass
    return found


def busy_ticks():
    """(busy, all) CPU ticks of the whole machine so far (/proc/stat): how much of it the run kept busy."""
    with open("/proc/stat") as stat:
        ticks = list(map(int, stat.readline().split()[1:]))
    idle = ticks[3] + ticks[4]  # idle, and waiting for the disk
    return sum(ticks) - idle, sum(ticks)


def wait_for_http(url, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the web server did not answer at {url}")


def setup(environment):
    """The organization, its API key (with a rate limit the bench does not reach) and BULK contacts."""
    os.environ.update(environment)
    from nudgeweb import create_app
    from nudgeweb.api.keys import create_api_key
    from nudgeweb.api.ratelimit import set_rate_limit
    from nudgeweb.auth.operations import add_user_to_organization
    from nudgeweb.bulk import insert_rows
    from nudgeweb.extensions import db
    from nudgeweb.models import new_id, utcnow
    from nudgeweb.models.contacts import Contact
    from nudgeweb.reviews.settings import review_settings_for
    from nudgeweb.unit_of_work import unit_of_work

    app = create_app()
    with app.app_context():
        db.create_all()
        with unit_of_work():
            membership = add_user_to_organization("bench@example.com", "bench-password", "Bench Bakery", "owner")
            organization = membership.organization
            secret = create_api_key(membership, "bench", ["read", "write"])[1]
            set_rate_limit(organization, 10_000_000)
            review_settings_for(organization).review_sites = [  # the API asks for nothing until one is set
                {"kind": "google", "name": "Google", "url": "https://g.page/r/bench-bakery/review"}]
            organization_id, user_id = organization.id, membership.user_id
        with unit_of_work(organization_id):
            now = utcnow()
            rows = [{"id": new_id(), "organization_id": organization_id, "email": f"bulk{number}@example.com",
                     "first_name": f"Bulk{number}", "last_name": "Customer", "status": "subscribed",
                     "source": "bench", "custom_fields": {}, "company_name": "", "search_text": "",
                     "created_at": now, "updated_at": now} for number in range(BULK)]
            for start in range(0, len(rows), 5000):
                insert_rows(Contact.__table__, rows[start: start + 5000])
    return app, organization_id, secret, user_id


WRK_SCRIPT = """
wrk.method = "POST"
wrk.path = "/api/v1/review_requests"
wrk.headers["X-API-Key"] = "%(secret)s"
wrk.headers["Content-Type"] = "application/json"
local total, issued, answered, refused, checked = %(total)d, 0, 0, 0, false
request = function()
  -- wrk calls this once to check it before it sends anything; once all are out, the connections
  -- ask for a page that changes nothing until the last answers arrive
  if not checked or issued >= total then
    checked = true
    return wrk.format("GET", "/healthz")
  end
  issued = issued + 1
  return wrk.format(nil, nil, nil, string.format(
    '{"first_name": "Customer%%d", "email": "customer%%d@example.com", "delay_hours": 0}', issued, issued))
end
response = function(status, headers, body)
  if status == 201 then answered = answered + 1 elseif status ~= 200 then refused = refused + 1 end
  if answered + refused == total then
    io.write(string.format("answered %%d refused %%d\\n", answered, refused))
    io.flush()
    os.exit(0)  -- wrk would otherwise run its full duration
  end
end
"""


def post_requests(base, secret):
    """wrk (one thread, CLIENTS connections) posts N review requests, each to a new customer: the load
    generator is C, so that the clients, which in production are elsewhere, take little of this machine."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(WRK_SCRIPT % {"secret": secret, "total": N})
        script.flush()
        run = subprocess.run(["wrk", "-t", "1", "-c", str(CLIENTS), "-d", "600s", "--timeout", "60s", "-s", script.name,
                              base], capture_output=True, text=True)
    finished = re.search(r"answered (\d+) refused (\d+)", run.stdout)
    if finished is None or int(finished.group(1)) != N:
        raise SystemExit(f"wrk: {run.stdout}{run.stderr}")


def count_requests(app, organization_id, source):
    from sqlalchemy import func, select

    from nudgeweb.extensions import db
    from nudgeweb.models.reviews import ReviewRequest
    from nudgeweb.unit_of_work import unit_of_work

    with app.app_context(), unit_of_work(organization_id):
        return db.session.scalar(select(func.count()).select_from(ReviewRequest).where(
            ReviewRequest.organization_id == organization_id, ReviewRequest.source == source))


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is needed (make bench installs it)")
    instance = tempfile.mkdtemp(prefix="nudge-bench-")
    smtp_port, web_port = free_port(), free_port()
    sink = Sink(smtp_port)
    sink.start()
    environment = {
        "INSTANCE_PATH": instance, "MAIL_URL": f"smtp://127.0.0.1:{smtp_port}?starttls=off&timeout=5",
        "HUEY_NAME": f"bench-{os.getpid()}", "LOG_LEVEL": "WARNING", "SECRET_KEY": "bench-secret-key-" + "x" * 32,
        "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{instance}/nudge.db"),
        "HUEY_URL": os.environ.get("HUEY_URL", f"sqlite:///{instance}/huey.db"),
    }
    app, organization_id, secret, user_id = setup(environment)
    python = sys.executable
    web = subprocess.Popen([python, "-m", "gunicorn", "-w", str(WEB_WORKERS), "-b", f"127.0.0.1:{web_port}",
                            "--log-level", "warning", "app:app"], start_new_session=True)
    consumer = subprocess.Popen([python, "-m", "flask", "--app", "app", "worker", "--workers",
                                 str(CONSUMER_WORKERS), "--worker-type", "thread"], start_new_session=True)
    try:
        base = f"http://127.0.0.1:{web_port}"
        wait_for_http(f"{base}/healthz")
        time.sleep(1)
        web_cpu, consumer_cpu = cpu_seconds(web.pid), cpu_seconds(consumer.pid)
        own_cpu = sum(os.times()[:4])  # with wrk's, once it has ended
        load_before, machine = os.getloadavg()[0], busy_ticks()
        started = time.perf_counter()
        post_requests(base, secret)
        accepted = time.perf_counter() - started
        machine = [now - before for now, before in zip(busy_ticks(), machine)]
        deadline = time.perf_counter() + max(300, N / 5)
        while sink.count < N and time.perf_counter() < deadline:
            time.sleep(0.1)
        time.sleep(1)  # a duplicate send would arrive now
        sent_seconds = (sink.last or time.perf_counter()) - started
        web_cpu, consumer_cpu = cpu_seconds(web.pid) - web_cpu, cpu_seconds(consumer.pid) - consumer_cpu
        own_cpu = sum(os.times()[:4]) - own_cpu
        received, recipients = sink.count, set(sink.recipients)
        bulk_started = time.perf_counter()
        bulk_seconds = bulk_ask(app, organization_id, user_id)
        if BULK_SEND:
            while sink.count < N + BULK and time.perf_counter() < bulk_started + 600:
                time.sleep(0.1)
            distinct_bulk = len(set(sink.recipients)) - len(recipients)
            print(f"bulk ask: {sink.count - N:,} of {BULK:,} ({distinct_bulk:,} distinct) sent in "
                  f"{sink.last - bulk_started:.1f}s = "
                  f"{(sink.count - N) / (sink.last - bulk_started):,.0f}/s")
        load_after = os.getloadavg()[0]
    finally:
        for process in (web, consumer):
            os.killpg(process.pid, signal.SIGTERM)
        for process in (web, consumer):
            process.wait(timeout=30)
        sink.stop()
    distinct = len(recipients)
    accept_rate, send_rate = N / accepted, received / sent_seconds
    print(f"review requests: {N:,} accepted in {accepted:.1f}s = {accept_rate:,.0f}/s; {received:,} emails "
          f"({distinct:,} distinct recipients) received in {sent_seconds:.1f}s = {send_rate:,.0f}/s")
    print(f"CPU per 1,000 requests: web {web_cpu / N * 1000:.1f}s, consumer {consumer_cpu / N * 1000:.1f}s "
          f"(gunicorn -w {WEB_WORKERS}, {CLIENTS} clients, consumer {CONSUMER_WORKERS} threads, SQLite); "
          f"the clients (wrk) and the SMTP sink {own_cpu / N * 1000:.1f}s")
    print(f"the machine's {os.cpu_count()} cores were {machine[0] / machine[1]:.0%} busy while the requests came in")
    print(f"bulk ask of {BULK:,} contacts scheduled in {bulk_seconds:.1f}s")
    print(f"load average (1 min) {load_before:.1f} before, {load_after:.1f} after, on {os.cpu_count()} cores")
    checks = {
        f"every request sent once ({received:,} of {N:,}, {distinct:,} distinct)": received == N == distinct,
        f"accepted >= {ACCEPT_TARGET}/s": accept_rate >= ACCEPT_TARGET,
        f"sent >= {SEND_TARGET}/s": send_rate >= SEND_TARGET,
        f"bulk ask < {BULK_TARGET_SECONDS}s": bulk_seconds < BULK_TARGET_SECONDS,
    }
    for label, ok in checks.items():
        print("PASS" if ok else "FAIL", label)
    return 0 if all(checks.values()) else 1


def bulk_ask(app, organization_id, user_id):
    """Queue the bulk send task for every contact (as the bulk page does); seconds until all are scheduled."""
    from nudgeweb.reviews.tasks import bulk_send_review_requests

    with app.app_context():
        started = time.perf_counter()
        result = bulk_send_review_requests(str(organization_id), {"source": "bench"}, 0 if BULK_SEND else 1, False,
                                           str(user_id))
        counts = result.get(blocking=True, timeout=600)  # the task returns once its last batch is queued
        seconds = time.perf_counter() - started
    if counts["asked"] != BULK or count_requests(app, organization_id, "bulk") != BULK:
        raise SystemExit(f"bulk ask: {counts}")
    return seconds


if __name__ == "__main__":
    sys.exit(main())
