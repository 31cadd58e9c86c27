"""Webhooks at volume: 10,000 events fanned out to three endpoints on a local receiver.

1. Throughput: the events are recorded (100 a transaction, as the send engine's batches record
   them), then a real consumer (`flask worker`, the default two worker processes, SQLite database and
   queue) delivers the 30,000 POSTs. Bar: >= 500 deliveries/s.
2. Failure and a crash: 10,000 more events; endpoint B answers 500 for --fail-seconds (60) and then
   recovers; the consumer is killed (SIGKILL, its whole process group) once a fifth of the POSTs
   have arrived, and started again. Bar: every endpoint gets every event (a repeat is only ever a
   retry of the same event id).

The receiver is a ThreadingHTTPServer in a process of its own that checks each
X-NudgeCampaign-Signature. The retries' first delay is 5 s here (WEBHOOK_RETRY_BASE_SECONDS; 30 s by
default) and a dead worker's claims come back after 15 s (WEBHOOK_LEASE_SECONDS), so that the run
takes minutes, not hours.

    .venv/bin/python bench/webhooks.py [--events 10000] [--fail-seconds 60]
"""
import argparse
import hashlib
import hmac
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ENDPOINTS = ("a", "b", "c")
BATCH = 100


class Receiver:
    """The endpoints' server, in its own process: /a, /b and /c; /b fails until ``fail_until``."""

    def __init__(self, secrets):
        self.secrets = secrets
        self.port = free_port()
        self.fail_until = multiprocessing.Value("d", 0.0)
        self._commands, self._answers = multiprocessing.Queue(), multiprocessing.Queue()
        self.process = multiprocessing.Process(target=self._serve, daemon=True)

    def _serve(self):
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        seen = {name: {} for name in ENDPOINTS}  # event id -> POSTs answered 2xx
        counts = {"posts": 0, "bad_signatures": 0}
        lock, receiver = threading.Lock(), self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                name = self.path.strip("/")
                expected = "sha256=" + hmac.new(receiver.secrets[name].encode(), body, hashlib.sha256).hexdigest()
                failing = name == "b" and time.time() < receiver.fail_until.value
                with lock:
                    counts["posts"] += 1
                    counts["bad_signatures"] += expected != self.headers["X-NudgeCampaign-Signature"]
                    if not failing:
                        event_id = json.loads(body)["id"]
                        seen[name][event_id] = seen[name].get(event_id, 0) + 1
                status = 500 if failing else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        server.daemon_threads = True
        server.handle_error = lambda request, address: None  # a killed consumer's connections reset
        threading.Thread(target=server.serve_forever, daemon=True).start()
        while (command := self._commands.get()) != "stop":
            with lock:
                if command == "count":
                    self._answers.put(sum(len(ids) for ids in seen.values()))
                elif command == "report":
                    self._answers.put(({name: len(ids) for name, ids in seen.items()},
                                       sum(n - 1 for ids in seen.values() for n in ids.values()), dict(counts)))
                elif command == "reset":
                    for ids in seen.values():
                        ids.clear()
                    counts.update(posts=0, bad_signatures=0)
                    self._answers.put(True)
        server.shutdown()

    def ask(self, command):
        self._commands.put(command)
        return self._answers.get(timeout=30)

    def url(self, name):
        return f"http://127.0.0.1:{self.port}/{name}"


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_consumer(env):
    worker = subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", "worker"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(1.5)  # its workers start and take their first look at the queue
    return worker


def kill(worker):
    try:
        os.killpg(worker.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    worker.wait(10)


def stop(worker):
    try:
        os.killpg(worker.pid, signal.SIGINT)
        worker.wait(20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        kill(worker)


def record(app, organization_id, count, offset):
    from nudgeweb.domain_events import record_events
    from nudgeweb.unit_of_work import unit_of_work

    with app.app_context():
        for start in range(offset, offset + count, BATCH):
            with unit_of_work(organization_id):
                record_events("email.opened", [
                    {"contact_id": f"contact-{n}", "email": f"customer{n}@example.net", "campaign_id": None,
                     "timestamp": "2026-01-15T10:30:00Z", "metadata": {"ip_address": "203.0.113.9"}}
                    for n in range(start, min(offset + count, start + BATCH))])


def wait_for(receiver, expected, timeout):
    deadline = time.monotonic() + timeout
    while (got := receiver.ask("count")) < expected and time.monotonic() < deadline:
        time.sleep(0.2)
    return got


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--fail-seconds", type=float, default=60)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="nudge-bench-webhooks-"))
    env = {"DATABASE_URL": f"sqlite:///{tmp}/nudge.db", "HUEY_URL": f"sqlite:///{tmp}/huey.db",
           "INSTANCE_PATH": str(tmp), "SECRET_KEY": "bench-secret", "LOG_LEVEL": "WARNING",
           "WEBHOOK_ALLOW_PRIVATE": "true", "WEBHOOK_RETRY_BASE_SECONDS": "5", "WEBHOOK_LEASE_SECONDS": "15"}
    for name in ("HUEY_WORKERS", "HUEY_WORKER_TYPE", "HUEY_IMMEDIATE", "WEBHOOK_BATCH_SIZE"):
        os.environ.pop(name, None)  # the defaults, whatever the shell says
    os.environ.update(env)

    from config import Config
    from nudgeweb import create_app
    from nudgeweb.models import Organization, db
    from nudgeweb.unit_of_work import unit_of_work
    from nudgeweb.webhooks.operations import create_endpoint

    app = create_app(Config())
    with app.app_context():
        db.create_all()
        organization = Organization(name="Bluebird Bakery", timezone="America/New_York")
        db.session.add(organization)
        db.session.commit()
        organization_id = organization.id
    receiver = Receiver({})
    with app.app_context(), unit_of_work(organization_id):
        for name in ENDPOINTS:
            receiver.secrets[name] = create_endpoint(organization_id, {"url": receiver.url(name)})[1]
    receiver.process.start()
    expected = args.events * len(ENDPOINTS)
    worker = None
    try:
        # 1. throughput
        started = time.perf_counter()
        record(app, organization_id, args.events, 0)
        recorded_in = time.perf_counter() - started
        worker = start_consumer({**os.environ, **env})
        started = time.perf_counter()
        got = wait_for(receiver, expected, 600)
        seconds = time.perf_counter() - started
        per_endpoint, repeats, counts = receiver.ask("report")
        rate = got / seconds
        print(f"1. throughput:  {args.events} events x 3 endpoints recorded in {recorded_in:.1f} s; "
              f"{got}/{expected} delivered in {seconds:.1f} s = {rate:.0f} deliveries/s "
              f"({repeats} repeats, {counts['bad_signatures']} bad signatures)")
        first_ok = got == expected and counts["bad_signatures"] == 0

        # 2. B fails for a while; the consumer is killed and restarted during the run
        receiver.ask("reset")
        stop(worker)
        receiver.fail_until.value = time.time() + args.fail_seconds
        record(app, organization_id, args.events, args.events)
        worker = start_consumer({**os.environ, **env})
        started = time.perf_counter()
        wait_for(receiver, expected // 5, 600)
        kill(worker)
        killed_at = time.perf_counter() - started
        worker = start_consumer({**os.environ, **env})
        got = wait_for(receiver, expected, 900)
        seconds = time.perf_counter() - started
        per_endpoint, repeats, counts = receiver.ask("report")
        print(f"2. B failed for {args.fail_seconds:.0f} s, consumer killed at {killed_at:.1f} s and restarted: "
              f"{got}/{expected} delivered in {seconds:.1f} s {per_endpoint}; {counts['posts']} POSTs, "
              f"{repeats} repeats of an event already received (retries of its id), "
              f"{counts['bad_signatures']} bad signatures")
        second_ok = got == expected and counts["bad_signatures"] == 0
    finally:
        if worker is not None:
            stop(worker)
        receiver._commands.put("stop")
    ok = first_ok and rate >= 500 and second_ok
    print("PASS" if ok else "FAIL", "(bars: >= 500 deliveries/s; every event to every endpoint, after a failure and a crash)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
