"""Send 20,000 personalised emails through a local SMTP sink: the real engine beside a plain script.

The engine: queue_messages() in this process (render, consent, tracking links, bulk insert, one
Huey task per batch) and a real Huey consumer (`flask worker` as `make run` starts it: the default
configuration, SQLite database and queue, worker processes) claiming, sending and recording each
message. The plain script: Jinja renders the same template and one reused smtplib connection
sends it. Both talk to the same aiosmtpd sink, which runs in a process of its own. Bars: engine >= 50% of the plain script's rate and >= 400
messages/s; every message received and recorded once; memory of every process under 300 MB.

    .venv/bin/python bench/send_email.py [--messages 20000] [--workers 2]
"""
import argparse
import multiprocessing
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
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

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
    """The aiosmtpd handler of the sink: it counts what it accepts, and how often each recipient got mail."""

    def __init__(self, count):
        self.count = count  # shared with the bench process
        self.recipients = {}

    async def handle_DATA(self, server, session, envelope):
        for address in envelope.rcpt_tos:
            self.recipients[address] = self.recipients.get(address, 0) + 1
        with self.count.get_lock():
            self.count.value += 1
        return "250 OK"


class Sink:
    """The SMTP server, in a process of its own as a real one would be (sharing this process's
    interpreter lock, it would answer late whenever the engine's queueing holds it)."""

    def __init__(self):
        self.port = free_port()
        self._count = multiprocessing.Value("q", 0)
        self._commands, self._answers = multiprocessing.Queue(), multiprocessing.Queue()
        self.process = multiprocessing.Process(target=self._serve, daemon=True)

    def _serve(self):
        from aiosmtpd.controller import Controller

        handler = CountingSink(self._count)
        controller = Controller(handler, hostname="127.0.0.1", port=self.port)
        controller.start()
        while (command := self._commands.get()) != "stop":
            if command == "recipients":  # how many addresses got mail, and how many of them more than once
                counts = handler.recipients.values()
                self._answers.put((len(handler.recipients), sum(1 for n in counts if n > 1)))
                handler.recipients.clear()
        controller.stop()

    def start(self):
        self.process.start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                smtplib.SMTP("127.0.0.1", self.port).quit()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the SMTP sink did not start")

    @property
    def count(self):
        return self._count.value

    def recipients(self):
        """(addresses that got mail, addresses that got more than one) since the last call."""
        self._commands.put("recipients")
        return self._answers.get(timeout=30)

    def stop(self):
        self._commands.put("stop")
        self.process.join(10)


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


def contact(n):
    return f"First{n}", f"Last{n}", f"customer{n}@example.net"


def plain_script(count, port, business_name):
    """What a developer would write by hand: render with Jinja, send over one connection."""
    from jinja2 import Environment

    env = Environment(autoescape=True)
    subject, html, text = env.from_string(SUBJECT), env.from_string(HTML), Environment().from_string(TEXT)
    wire = compat32.clone(linesep="\r\n")
    connection = smtplib.SMTP("127.0.0.1", port)
    started = time.perf_counter()
    for n in range(count):
        first_name, last_name, address = contact(n)
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


# --- what /proc says about the consumer's processes ----------------------------------------------

def children_of(pid):
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime


def peak_rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def own_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def start_consumer(env, workers, timeout=30):
    """`flask worker` as `make run` starts it; returns once its processes (the workers and the
    scheduler) are up."""
    log = tempfile.TemporaryFile()
    worker = subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", "worker", "--workers", str(workers)],
                              cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + timeout
    while len(children_of(worker.pid)) < workers + 1 and time.monotonic() < deadline and worker.poll() is None:
        time.sleep(0.05)
    time.sleep(0.5)  # the workers' first look at the queue
    return worker, log


def stop_consumer(worker, log):
    """Stop it; returns what it logged (warnings and errors only, LOG_LEVEL=WARNING)."""
    worker.send_signal(signal.SIGINT)
    try:
        worker.wait(20)
    except subprocess.TimeoutExpired:
        worker.kill()
    log.seek(0)
    return log.read().decode(errors="replace").strip()


def bench_environment(tmp, port, workers):
    """The settings of a bench run (files in ``tmp``, mail to the sink on ``port``), put in os.environ
    over the defaults whatever the shell says; returns them for the consumer's environment."""
    env = {
        "DATABASE_URL": f"sqlite:///{tmp}/nudge.db", "HUEY_URL": f"sqlite:///{tmp}/huey.db", "INSTANCE_PATH": str(tmp),
        "SECRET_KEY": "bench-secret", "MAIL_URL": f"smtp://127.0.0.1:{port}?starttls=off", "BASE_URL": "https://nudge.example",
        "LOG_LEVEL": "WARNING", "HUEY_WORKERS": str(workers),
    }
    for name in ("HUEY_WORKER_TYPE", "HUEY_IMMEDIATE", "SEND_BATCH_SIZE", "CAMPAIGN_EMAIL_RATE"):
        os.environ.pop(name, None)
    os.environ.update(env)
    return env


def seed(organization, count):
    """``count`` contacts in chunks (this process's memory is the engine's, not the set-up's)."""
    from nudgeweb.bulk import insert_rows
    from nudgeweb.models import Contact, db, new_id, utcnow

    now = utcnow()
    for start in range(0, count, 5000):
        rows = []
        for n in range(start, min(count, start + 5000)):
            first_name, last_name, address = contact(n)
            rows.append({"id": new_id(), "organization_id": organization.id, "email": address,
                         "first_name": first_name, "last_name": last_name, "status": "subscribed",
                         "source": "import", "custom_fields": {}, "company_name": "", "search_text": "",
                         "created_at": now, "updated_at": now})
        insert_rows(Contact.__table__, rows)
    db.session.commit()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="nudge-bench-send-"))
    sink = Sink()
    sink.start()
    port = sink.port
    env = bench_environment(tmp, port, args.workers)
    worker = log = None
    consumer_log = ""
    try:
        from sqlalchemy import func, select

        from config import Config
        from nudgeweb import create_app
        from nudgeweb.delivery import queue_messages
        from nudgeweb.models import Contact, Message, MessageEvent, Organization, db
        from nudgeweb.models.templates import MessageTemplate
        from nudgeweb.unit_of_work import unit_of_work

        app = create_app(Config())
        with app.app_context():
            db.create_all()
            organization = Organization(name="Bluebird Bakery", timezone="America/New_York")
            db.session.add(organization)
            db.session.flush()
            seed(organization, args.messages)
            template = MessageTemplate(organization_id=organization.id, name="Spring offer", channel="email",
                                       subject=SUBJECT, html_content=HTML, text_content=TEXT)
            db.session.add(template)
            db.session.commit()
            time.sleep(0.5)

            # 1. the plain script
            plain_seconds = plain_script(args.messages, port, organization.name)
            assert wait_for_sink(sink, args.messages) >= args.messages
            plain_rate = args.messages / plain_seconds
            sink.recipients()  # forget the plain script's

            # 2. the engine, with a real consumer
            worker, log = start_consumer({**os.environ, **env}, args.workers)
            pids = [worker.pid, *children_of(worker.pid)]
            cpu_before = own_cpu_seconds(), [cpu_seconds(pid) for pid in pids], cpu_seconds(sink.process.pid)
            started = time.perf_counter()
            with unit_of_work(organization.id):  # commits each batch as it goes, and the last at the end
                result = queue_messages(organization, select(Contact).where(Contact.organization_id == organization.id),
                                        "email", template, purpose="campaign")
            queued_seconds = time.perf_counter() - started
            sent_while_queueing = sink.count - args.messages
            got = wait_for_sink(sink, 2 * args.messages) - args.messages
            engine_seconds = time.perf_counter() - started
            own_cpu = own_cpu_seconds() - cpu_before[0]
            consumer_cpu = [cpu_seconds(pid) - before for pid, before in zip(pids, cpu_before[1])]
            consumer_mb = [peak_rss_mb(pid) for pid in pids]
            sink_cpu = cpu_seconds(sink.process.pid) - cpu_before[2]
            addresses, repeated = sink.recipients()
            deadline = time.monotonic() + 30  # the last batch's sent events are written after its last send
            with unit_of_work(organization.id):
                while True:
                    db.session.remove()
                    sent = db.session.scalar(select(func.count()).select_from(Message).where(Message.status == "sent"))
                    events = db.session.scalar(select(func.count()).select_from(MessageEvent)
                                               .where(MessageEvent.type == "sent"))
                    if (sent, events) == (args.messages, args.messages) or time.monotonic() > deadline:
                        break
                    time.sleep(0.1)
        bench_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    finally:
        if worker is not None:
            consumer_log = stop_consumer(worker, log)
        sink.stop()

    engine_rate = args.messages / engine_seconds
    ratio = engine_rate / plain_rate
    once = addresses == args.messages and repeated == 0
    print(f"messages:        {args.messages}  (queued {result.queued}; the sink got {got}, "
          f"{addresses} addresses, {repeated} of them more than once; rows sent {sent}, "
          f"sent events {events})")
    print(f"plain script:    {plain_seconds:6.1f} s  {plain_rate:5.0f} messages/s  (Jinja + one smtplib connection)")
    print(f"engine:          {engine_seconds:6.1f} s  {engine_rate:5.0f} messages/s  (all queued after "
          f"{queued_seconds:.1f} s, {sent_while_queueing} sent by then; {args.workers} worker processes)")
    print(f"engine / plain:  {ratio:6.0%}")
    print(f"CPU seconds:     this process (queueing) {own_cpu:.1f}, the sink {sink_cpu:.1f}, the consumer's processes "
          f"{' + '.join(f'{s:.1f}' for s in consumer_cpu)}")
    print(f"peak memory:     this process {bench_mb:.0f} MB; the consumer's processes "
          f"{' / '.join(f'{mb:.0f}' for mb in consumer_mb)} MB")
    if consumer_log:
        print("consumer log (warnings and errors):\n  " + "\n  ".join(consumer_log.splitlines()[-20:]))
    ok = (ratio >= 0.5 and engine_rate >= 400 and once and sent == events == args.messages
          and max(bench_mb, *consumer_mb) < 300)
    print("PASS" if ok else "FAIL", "(bars: >= 50% of plain, >= 400 messages/s, every message once, < 300 MB each)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
