"""Send 20,000 personalised emails through a local SMTP sink: the real engine beside a plain script.

The engine: queue_messages() in this process (render, consent, tracking links, bulk insert, one
Huey task per batch) and a real Huey consumer (`flask worker`, SQLite database and queue, the
default configuration) claiming, sending and recording each message. The plain script: Jinja
renders the same template and one reused smtplib connection sends it. Both talk to the same
aiosmtpd sink, which runs in its own process. Bars: engine >= 50% of the plain script's rate and
>= 400 messages/s; memory of this process and of the consumer under 300 MB.

    .venv/bin/python bench/send_email.py [--messages 20000] [--workers 2]
"""
import argparse
import os
import resource
import signal
import smtplib
import subprocess
import sys
import tempfile
import time
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.policy import compat32
from email.utils import formatdate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SUBJECT = "{{ first_name }}, your spring offer from {{ business_name }}"
HTML = """<html><head><style>p { color: #374151; font-size: 15px; } a.button { background: #4f46e5; color: #fff; }</style></head>
<body><h1>Hello {{ first_name }} {{ last_name }}!</h1>
<p>Thanks for being a customer of {{ business_name }}. As a thank-you, here is 15% off your next visit.</p>
<p><a class="button" href="https://shop.example/offer?c={{ email }}">Claim your offer</a></p>
<p>See <a href="https://shop.example/hours">our opening hours</a> or reply to this email.</p>
<p><a href="{{ unsubscribe_link }}">Unsubscribe</a></p></body></html>"""
TEXT = """Hello {{ first_name }} {{ last_name }}!

Thanks for being a customer of {{ business_name }}. Here is 15% off your next visit:
https://shop.example/offer?c={{ email }}

Unsubscribe: {{ unsubscribe_link }}
"""

class CountingSink:
    """The aiosmtpd handler of the sink: it counts what it accepts."""

    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 OK"


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_sink(sink, expected, timeout=600):
    deadline = time.monotonic() + timeout
    while sink.count < expected and time.monotonic() < deadline:
        time.sleep(0.02)
    return sink.count


def plain_script(contacts, port, business_name):
    """What a developer would write by hand: render with Jinja, send over one connection."""
    from jinja2 import Environment

    env = Environment(autoescape=True)
    subject, html, text = env.from_string(SUBJECT), env.from_string(HTML), Environment().from_string(TEXT)
    wire = compat32.clone(linesep="\r\n")
    connection = smtplib.SMTP("127.0.0.1", port)
    started = time.perf_counter()
    for first_name, last_name, address in contacts:
        values = {"first_name": first_name, "last_name": last_name, "email": address,
                  "business_name": business_name, "unsubscribe_link": "https://example.com/u/x"}
        message = MIMEMultipart("alternative")
        message["Subject"] = subject.render(values)
        message["From"] = f"{business_name} <nudge@localhost>"
        message["To"] = address
        message["Date"] = formatdate()
        message.attach(MIMEText(text.render(values), "plain", "utf-8"))
        message.attach(MIMEText(html.render(values), "html", "utf-8"))
        connection.sendmail("nudge@localhost", [address], message.as_bytes(policy=wire))
    elapsed = time.perf_counter() - started
    connection.quit()
    return elapsed


def peak_rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="nudge-bench-send-"))
    from aiosmtpd.controller import Controller

    port, sink = free_port(), CountingSink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    env = {
        "DATABASE_URL": f"sqlite:///{tmp}/nudge.db", "HUEY_URL": f"sqlite:///{tmp}/huey.db", "INSTANCE_PATH": str(tmp),
        "SECRET_KEY": "bench-secret", "MAIL_URL": f"smtp://127.0.0.1:{port}?starttls=off", "BASE_URL": "https://nudge.example",
        "LOG_LEVEL": "WARNING", "HUEY_WORKERS": str(args.workers),
    }
    os.environ.update(env)
    worker = None
    try:
        from sqlalchemy import insert, select

        from config import Config
        from nudgeweb import create_app
        from nudgeweb.delivery import queue_messages
        from nudgeweb.models import Contact, Message, Organization, db, new_id, utcnow
        from nudgeweb.models.templates import MessageTemplate

        app = create_app(Config())
        with app.app_context():
            db.create_all()
            organization = Organization(name="Bluebird Bakery", timezone="America/New_York")
            db.session.add(organization)
            db.session.flush()
            now = utcnow()
            rows = [{"id": new_id(), "organization_id": organization.id, "email": f"customer{n}@example.net",
                     "first_name": f"First{n}", "last_name": f"Last{n}", "status": "subscribed", "source": "import",
                     "custom_fields": {}, "company_name": "", "search_text": "", "created_at": now, "updated_at": now}
                    for n in range(args.messages)]
            db.session.execute(insert(Contact), rows)
            template = MessageTemplate(organization_id=organization.id, name="Spring offer", channel="email",
                                       subject=SUBJECT, html_content=HTML, text_content=TEXT)
            db.session.add(template)
            db.session.commit()
            wait_for_sink(sink, 0)
            time.sleep(0.5)

            # 1. the plain script
            people = [(r["first_name"], r["last_name"], r["email"]) for r in rows]
            plain_seconds = plain_script(people, port, organization.name)
            assert wait_for_sink(sink, args.messages) >= args.messages
            plain_rate = args.messages / plain_seconds
            del people, rows

            # 2. the engine, with a real consumer
            worker = subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", "worker", "--workers",
                                       str(args.workers)], cwd=ROOT, env={**os.environ, **env})
            time.sleep(2.0)  # the consumer starts (imports the app) before the clock does
            started = time.perf_counter()
            result = queue_messages(organization, select(Contact).where(Contact.organization_id == organization.id),
                                    "email", template, purpose="campaign")
            queued_seconds = time.perf_counter() - started
            expected = 2 * args.messages
            got = wait_for_sink(sink, expected)
            engine_seconds = time.perf_counter() - started
            db.session.remove()
            sent = db.session.scalar(select(db.func.count()).select_from(Message).where(Message.status == "sent"))
            worker_mb = peak_rss_mb(worker.pid)
        bench_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    finally:
        if worker is not None:
            worker.send_signal(signal.SIGINT)
            try:
                worker.wait(20)
            except subprocess.TimeoutExpired:
                worker.kill()
        controller.stop()

    engine_rate = args.messages / engine_seconds
    ratio = engine_rate / plain_rate
    print(f"messages:              {args.messages}  (queued {result.queued}, received by the sink "
          f"{got - args.messages}, rows sent {sent})")
    print(f"plain script:          {plain_seconds:6.1f} s  {plain_rate:7.0f} messages/s  (Jinja + one smtplib connection)")
    print(f"engine:                {engine_seconds:6.1f} s  {engine_rate:7.0f} messages/s  (all queued after {queued_seconds:.1f} s; "
          f"{args.workers} worker threads)")
    print(f"engine / plain:        {ratio:6.0%}")
    print(f"peak memory:           this process {bench_mb:.0f} MB, consumer {worker_mb:.0f} MB")
    ok = ratio >= 0.5 and engine_rate >= 400 and sent == args.messages and max(bench_mb, worker_mb) < 300
    print("PASS" if ok else "FAIL", "(bars: >= 50% of plain, >= 400 messages/s, every message once, < 300 MB)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
