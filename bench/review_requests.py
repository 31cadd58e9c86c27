"""10,000 review requests through the API (delay_hours=0), sent by a real Huey consumer to a local SMTP sink.

Prints how many requests the API accepted per second and how many messages went out per second
(from the first request to the last message received by the SMTP server). On a fresh SQLite
database and Huey on SQLite unless DATABASE_URL / HUEY_URL say otherwise. N=... changes the count.
"""
import os
import socket
import sys
import tempfile
import threading
import time

sys.path.insert(0, ".")

from aiosmtpd.controller import Controller  # noqa: E402

N = int(os.environ.get("N", 10_000))
WORKERS = int(os.environ.get("WORKERS", 4))
ACCEPT_BAR, SEND_BAR = 10, 10  # per second, on SQLite on this class of machine: below is a regression


class Sink:
    def __init__(self):
        self.count = 0
        self.last = None
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            self.last = time.perf_counter()
        return "250 2.0.0 Message accepted"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main():
    instance = tempfile.mkdtemp(prefix="nudge-bench-")
    sink, port = Sink(), free_port()
    smtp = Controller(sink, hostname="127.0.0.1", port=port)
    smtp.start()
    os.environ.update(INSTANCE_PATH=instance, MAIL_URL=f"smtp://127.0.0.1:{port}?starttls=off&timeout=5",
                      HUEY_NAME=f"bench-{os.getpid()}", LOG_LEVEL="WARNING")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{instance}/nudge.db")
    os.environ.setdefault("HUEY_URL", f"sqlite:///{instance}/huey.db")

    from config import Config
    from nudgeweb import create_app
    from nudgeweb.api.keys import create_api_key
    from nudgeweb.auth.operations import add_user_to_organization
    from nudgeweb.extensions import db, huey
    from nudgeweb.unit_of_work import unit_of_work

    config = Config()
    config.RATELIMIT_ENABLED = False  # the bench measures throughput, not the per-key limit
    app = create_app(config)
    with app.app_context():
        db.create_all()
        with unit_of_work():
            membership = add_user_to_organization("bench@example.com", "bench-password", "Bench Bakery", "owner")
            secret = create_api_key(membership, "bench", ["read", "write"])[1]
    huey.flush()
    consumer = huey.create_consumer(workers=WORKERS, worker_type="thread", periodic=False, initial_delay=0.01,
                                    max_delay=0.1, check_worker_health=False)
    consumer.start()
    client = app.test_client()
    headers = {"X-API-Key": secret}
    started = time.perf_counter()
    for number in range(N):
        response = client.post("/api/v1/review_requests", headers=headers, json={
            "first_name": f"Customer{number}", "email": f"customer{number}@example.com", "delay_hours": 0})
        if response.status_code != 201:
            raise SystemExit(f"request {number}: {response.status_code} {response.get_data(as_text=True)[:300]}")
    accepted = time.perf_counter() - started
    deadline = time.perf_counter() + max(600, N / 5)
    while sink.count < N and time.perf_counter() < deadline:
        time.sleep(0.2)
    consumer.stop(graceful=True)
    smtp.stop()
    sent_seconds = (sink.last or time.perf_counter()) - started
    accept_rate, send_rate = N / accepted, sink.count / sent_seconds
    print(f"review requests: {N:,} accepted by POST /api/v1/review_requests in {accepted:.1f}s = "
          f"{accept_rate:,.0f}/s; {sink.count:,} emails received by the SMTP sink in {sent_seconds:.1f}s = "
          f"{send_rate:,.0f}/s ({WORKERS} Huey workers, {app.config['SQLALCHEMY_DATABASE_URI'].split(':')[0]})")
    ok = sink.count == N and accept_rate >= ACCEPT_BAR and send_rate >= SEND_BAR
    print("PASS" if ok else "FAIL", f"(needs all {N:,} sent, >= {ACCEPT_BAR}/s accepted and >= {SEND_BAR}/s sent)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
