"""A real HTTP receiver of webhooks in the test process, checking each signature as an integrator would:
seed 001's ``X-NudgeCampaign-Signature`` (sha256=HMAC of the raw body, the secret text as key) and
Standard Webhooks (``webhook-signature: v1,<base64>`` of ``{id}.{timestamp}.{body}``, the key the
base64 after ``whsec_``)."""
import base64
import hashlib
import hmac
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from nudgeweb import clock
from nudgeweb.models import db
from nudgeweb.unit_of_work import unit_of_work
from nudgeweb.webhooks import operations


def seed_signature_ok(body, signature, secret):
    """Seed 001's verifyWebhook, in Python."""
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return f"sha256={expected}" == signature


def standard_signature_ok(body, headers, secret):
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(hmac.compare_digest(f"v1,{expected}", part) for part in headers["webhook-signature"].split())


class Receiver:
    """Answers each POST with the next of ``answers`` (a status, or ("sleep", seconds) then 200), then
    ``default``; ``hold_on`` (a request number) waits for ``release``."""

    def __init__(self):
        self.requests = []
        self.answers = []
        self.default = 200
        self.secret = None
        self.hold_on = None
        self.holding = threading.Event()
        self.release = threading.Event()
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with receiver.lock:
                    receiver.requests.append((self.path, dict(self.headers.items()), body))
                    number = len(receiver.requests)
                    answer = receiver.answers.pop(0) if receiver.answers else receiver.default
                if receiver.hold_on == number:
                    receiver.holding.set()
                    receiver.release.wait(30)
                if isinstance(answer, tuple):
                    time.sleep(answer[1])
                    answer = 200
                reply = b"OK" if answer < 300 else b"nope"
                self.send_response(answer)
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.handle_error = lambda request, address: None  # a killed worker's connection resets
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/nudge"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def events(self):
        return [json.loads(body) for _, _, body in self.requests]

    def all_signed(self, secret=None):
        secret = secret or self.secret
        return all(seed_signature_ok(body, headers["X-NudgeCampaign-Signature"], secret)
                   and standard_signature_ok(body, headers, secret) for _, headers, body in self.requests)

    def close(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def allow_private_webhooks(app):
    app.config["WEBHOOK_ALLOW_PRIVATE"] = True
    yield
    app.config["WEBHOOK_ALLOW_PRIVATE"] = False


@pytest.fixture
def receiver(allow_private_webhooks):
    receiver = Receiver()
    yield receiver
    receiver.close()


@pytest.fixture
def frozen_clock():
    """The webhooks' clock, moved by the test (retries, the day of failures)."""
    yield clock
    clock.travel_to(None)


def add_endpoint(organization, url, events=None, **data):
    """An endpoint of ``organization`` (committed), and its secret."""
    with unit_of_work(organization.id):
        endpoint, secret = operations.create_endpoint(organization.id, {"url": url, "events": events, **data})
    db.session.expire_all()
    return endpoint, secret


@pytest.fixture
def dns(monkeypatch):
    """The outside world's DNS: rebind.example.com answers 127.0.0.1, hooks.example.com a public address."""
    real = socket.getaddrinfo
    answers = {"rebind.example.com": "127.0.0.1", "hooks.example.com": "93.184.215.14"}

    def getaddrinfo(host, port, *args, **kwargs):
        if host in answers:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answers[host], port or 0))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answers
