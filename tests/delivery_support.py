"""Stand-ins for the outside world of delivery: a real SMTP server (aiosmtpd) and a fake Twilio API
over real HTTP, both in the test process."""
import email
import email.policy
import json
import socket
import threading
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs
from zoneinfo import ZoneInfo

from aiosmtpd.controller import Controller

from nudgeweb.delivery.configuration import save_sending_settings
from nudgeweb.unit_of_work import unit_of_work


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpSink:
    """Keeps every message it receives; refuses recipients by their local part (bounce@, later@)."""

    def __init__(self):
        self.envelopes = []
        self.lock = threading.Lock()
        self.hold_after = None  # DATA of message number hold_after+1 waits (to catch a worker mid-send)
        self.holding = threading.Event()  # set once a message is held
        self.release = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("bounce"):
            return "550 5.1.1 No such user here"
        if address.startswith("later"):
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.hold_after is not None and len(self.envelopes) >= self.hold_after:
            import asyncio

            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.02)
            return "451 4.3.0 The client went away before we answered"  # nothing delivered
        ssl_object = server.transport.get_extra_info("ssl_object") if server.transport else None
        envelope.tls_version = ssl_object.version() if ssl_object else None  # how it travelled
        with self.lock:
            self.envelopes.append(envelope)
        return "250 2.0.0 Message accepted"

    @property
    def messages(self):
        with self.lock:
            return [email.message_from_bytes(e.original_content, policy=email.policy.default) for e in self.envelopes]

    def to(self, address):
        return [m for m in self.messages if m["To"] == address]


class SmtpServer:
    def __init__(self, **controller_options):
        self.sink = SmtpSink()
        self.port = free_port()
        self.controller = Controller(self.sink, hostname="127.0.0.1", port=self.port, **controller_options)

    @property
    def url(self):
        return f"smtp://127.0.0.1:{self.port}?starttls=off"

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


def parts_of(message):
    """(text, html) of a received multipart/alternative email."""
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    return (text.get_content() if text else None), (html.get_content() if html else None)


class FakeTwilio:
    """Answers Twilio's Messages API like Twilio does; ``answers`` queues special replies (status, json)."""

    def __init__(self):
        self.requests = []
        self.answers = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[-1] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                fake.requests.append({"path": self.path, "form": form, "auth": self.headers.get("Authorization")})
                if fake.answers:
                    status, body = fake.answers.pop(0)
                else:
                    sid = f"SM{len(fake.requests):032x}"
                    status, body = 201, {"sid": sid, "status": "queued", "to": form.get("To"), "from": form.get("From"),
                                         "body": form.get("Body"), "account_sid": self.path.split("/")[3]}
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


# --- fixtures (import them into a test module) ---------------------------------------------------
import pytest  # noqa: E402


@pytest.fixture
def smtp(app):
    """A real SMTP server on localhost that the app's MAIL_URL points at."""
    with SmtpServer() as server:
        old = app.config["MAIL_URL"]
        app.config["MAIL_URL"] = server.url
        yield server
        app.config["MAIL_URL"] = old


@pytest.fixture
def twilio(app):
    """A fake Twilio API over HTTP, and the app's Twilio account pointed at it."""
    with FakeTwilio() as fake:
        names = ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM_NUMBER", "TWILIO_API_URL")
        old = {name: app.config[name] for name in names}
        app.config.update(TWILIO_ACCOUNT_SID="AC" + "1" * 32, TWILIO_AUTH_TOKEN="twilio-secret-token",
                          TWILIO_FROM_NUMBER="+15550001111", TWILIO_API_URL=fake.url)
        yield fake
        app.config.update(old)


def email_template(organization, **fields):
    from nudgeweb.models import db
    from nudgeweb.models.templates import MessageTemplate

    values = dict(
        name="Spring offer", channel="email", subject="Hello {{ first_name }}, spring is here",
        html_content=('<html><head><style>p { color: #333; }</style></head><body>'
                      '<p>Hi {{ first_name }}, see <a href="https://shop.example/offer?a=1&amp;b=2">our offer</a>.</p>'
                      '<p><a href="{{ unsubscribe_link }}">Unsubscribe</a></p></body></html>'),
        text_content="Hi {{ first_name }}, see our offer: https://shop.example/offer",
    )
    values.update(fields)
    template = MessageTemplate(organization_id=organization.id, **values)
    db.session.add(template)
    db.session.commit()
    return template


def sms_template(organization, **fields):
    values = dict(name="Reminder", channel="sms", body="Hi {{ first_name }}, your table is ready at {{ business_name }}.")
    values.update(fields)
    return email_template(organization, **values)


def quiet_now(organization, channel):
    """Quiet hours for ``channel`` around the present moment in Asia/Tokyo (the test contacts' zone);
    returns when they end."""
    now = datetime.now(ZoneInfo("Asia/Tokyo"))
    start, end = (now - timedelta(hours=1)).time().replace(second=0, microsecond=0), \
        (now + timedelta(hours=2)).time().replace(second=0, microsecond=0)
    with unit_of_work(organization.id):
        save_sending_settings(organization.id, {f"{channel}_quiet_start": start, f"{channel}_quiet_end": end})
    return now.replace(hour=end.hour, minute=end.minute, second=0, microsecond=0) + \
        (timedelta(days=1) if end < now.time() else timedelta())
