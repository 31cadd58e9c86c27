"""Settings → Sending cannot be turned against Nudge or its other tenants (issue 16, items 2 and 3).

An admin of a business attacks through the settings form and the test email: options smuggled into
the host, servers on Nudge's own network or the cloud's metadata address, a name whose DNS answer
points inside, error texts that tell closed from filtered ports; and, with a real Huey consumer, an
SMTP server that accepts connections and never answers, which must not hold another business's mail.
"""
import html
import ipaddress
import logging
import re
import socket
import threading
import time

import pytest

from nudgeweb.delivery import queue_direct
from nudgeweb.delivery.configuration import save_sending_settings
from nudgeweb.models import Message, Organization, SendingSettings, db
from nudgeweb.unit_of_work import unit_of_work
from tests.consumer_process import wait_until
from tests.delivery_support import SmtpServer, free_port, smtp  # noqa: F401

GENERIC = "Could not connect to the mail server."


class Tarpit:
    """A mail server that accepts every connection and never says a word."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.accepted = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                self.accepted.append(self.listener.accept()[0])
            except OSError:
                return

    def close(self):
        self.listener.close()
        for connection in self.accepted:
            connection.close()


@pytest.fixture
def tarpit():
    server = Tarpit()
    yield server
    server.close()


@pytest.fixture
def fake_dns(monkeypatch):
    """DNS answers for names under .example (the outside world); every lookup is counted."""
    answers, lookups, real = {}, [], socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if not (isinstance(host, str) and host.endswith(".example")):
            return real(host, port, *args, **kwargs)
        lookups.append(host)
        addresses = answers.get(host)
        if callable(addresses):
            addresses = addresses()
        if not addresses:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET6 if ipaddress.ip_address(a).version == 6 else socket.AF_INET, socket.SOCK_STREAM, 6,
                 "", (a, port, 0, 0) if ipaddress.ip_address(a).version == 6 else (a, port)) for a in addresses]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    answers["lookups"] = lookups
    return answers


@pytest.fixture
def smtp_timeout(app):
    def set_to(seconds):
        app.config["SMTP_TIMEOUT_SECONDS"] = seconds

    old = app.config["SMTP_TIMEOUT_SECONDS"]
    yield set_to
    app.config["SMTP_TIMEOUT_SECONDS"] = old


def save(client, **fields):
    data = {"email_backend": "smtp", "smtp_host": "mail.acme.example", "smtp_port": "587", "smtp_security": "starttls",
            "from_email": "hello@acme.example", "sms_backend": "default"}
    data.update(fields)
    return client.post("/settings/sending", data=data)


def field_error(answer, name):
    found = re.search(rf'id="{name}-error">([^<]*)<', answer.text)
    return html.unescape(found.group(1)) if found else None


def saved_server():
    settings = db.session.scalar(db.select(SendingSettings))
    return settings and settings.smtp_host


def send_test_email(client):
    answer = client.post("/settings/sending/test", follow_redirects=True)
    flashed = re.search(r"The test email [^<]*", answer.text)
    return html.unescape(flashed.group(0)) if flashed else answer.text


@pytest.mark.parametrize("host", [
    "mail.example.com?timeout=100",
    "mail.example.com/?cafile=/etc/passwd",
    "mail.example.com&cafile=/etc/hosts",
    "mail.example.com:2525",
    "attacker:secret@mail.example.com",
    "smtp://mail.example.com",
    "mail.example.com#?timeout=100",
    "mail.example.com%3Ftimeout%3D100",
    "mail.example.com\r\nRCPT TO:<x@example.com>",
    "mail example.com",
    "-mail.example.com",
    "mail..example.com",
])
def test_options_smuggled_into_the_host_are_refused_at_the_field(owner_client, host):
    answer = save(owner_client, smtp_host=host)
    assert answer.status_code == 422
    assert field_error(answer, "smtp_host").startswith("Give only the server's name")
    assert saved_server() is None


@pytest.mark.parametrize("port", ["587?timeout=100", "587&cafile=/etc/passwd", "0", "65536", "-25", "25.5"])
def test_a_port_is_a_number_from_1_to_65535_and_nothing_else(owner_client, port):
    answer = save(owner_client, smtp_port=port)
    assert answer.status_code == 422
    assert field_error(answer, "smtp_port")
    assert saved_server() is None


def test_a_tenant_has_no_way_to_name_a_certificate_file_or_a_timeout(owner_client):
    page = owner_client.get("/settings/sending").text
    assert "cafile" not in page and "timeout" not in page
    answer = save(owner_client, smtp_host="mail.acme.example", cafile="/etc/passwd", timeout="100")
    assert answer.status_code == 302
    settings = db.session.scalar(db.select(SendingSettings))
    stored = db.session.execute(db.text("SELECT * FROM sending_settings")).mappings().one()
    assert settings.smtp_host == "mail.acme.example"
    assert not any("/etc/passwd" in str(value) or "100" == str(value) for value in stored.values())


@pytest.mark.parametrize("host", [
    "127.0.0.1", "127.9.9.9", "10.0.0.8", "172.16.5.4", "192.168.1.1", "100.100.100.200",  # loopback, private, shared
    "169.254.169.254", "fd00:ec2::254", "fe80::1",  # the clouds' metadata, link-local
    "0.0.0.0", "224.0.0.1", "255.255.255.255", "240.0.0.1", "::", "::1", "[::1]", "::ffff:127.0.0.1", "64:ff9b::a00:1",
    "localhost", "mail.localhost", "metadata.google.internal", "printer.local", "router.home.arpa",
])
def test_loopback_private_link_local_and_metadata_hosts_are_refused(owner_client, host):
    answer = save(owner_client, smtp_host=host)
    assert answer.status_code == 422
    assert field_error(answer, "smtp_host").startswith("Nudge does not connect to private, loopback or link-local")
    assert saved_server() is None


@pytest.mark.parametrize("host", ["2130706433", "0x7f000001", "017700000001", "127.1", "0177.0.0.1"])
def test_loopback_in_disguise_is_no_host_name(owner_client, host):
    answer = save(owner_client, smtp_host=host)
    assert answer.status_code == 422 and field_error(answer, "smtp_host")
    assert saved_server() is None


def test_an_operator_can_allow_servers_on_private_networks(owner_client, allow_private_outbound):
    assert save(owner_client, smtp_host="127.0.0.1").status_code == 302
    assert saved_server() == "127.0.0.1"


@pytest.mark.parametrize("answers", [["127.0.0.1"], ["93.184.216.34", "127.0.0.1"], ["169.254.169.254"],
                                     ["::ffff:127.0.0.1"], ["10.1.2.3"]])
def test_a_name_that_resolves_inside_is_never_connected_to(owner_client, fake_dns, tarpit, caplog, answers):
    """The name passes the form (no DNS there); at send time every address is checked, and one
    address inside is enough to refuse: nothing is connected to, the tenant hears nothing more."""
    fake_dns["mail.sneaky.example"] = answers
    assert save(owner_client, smtp_host="mail.sneaky.example", smtp_port=str(tarpit.port),
                smtp_security="off").status_code == 302
    with caplog.at_level(logging.WARNING):
        flashed = send_test_email(owner_client)
    assert flashed == f"The test email is not sent yet: {GENERIC} Nudge will try again."
    time.sleep(0.2)
    assert tarpit.accepted == []
    assert "mail.sneaky.example resolves to an address Nudge does not connect to" in caplog.text
    message = db.session.scalar(db.select(Message))
    assert message.error == GENERIC


def test_the_connection_goes_to_the_address_checked_not_to_a_second_answer(owner_client, owner, fake_dns,
                                                                           allow_private_outbound):
    """DNS rebinding: the name is looked up once per connection, and that answer is connected to;
    a second answer (here an address that would hang) is never asked for."""
    with SmtpServer() as server:
        answers = iter([["127.0.0.1"]])
        fake_dns["mail.rebind.example"] = lambda: next(answers, ["10.255.255.1"])
        save(owner_client, smtp_host="mail.rebind.example", smtp_port=str(server.port), smtp_security="off")
        assert send_test_email(owner_client).startswith("The test email") is False  # no failure was flashed
        assert len(server.sink.to(owner.user.email)) == 1
    assert fake_dns["lookups"] == ["mail.rebind.example"]


@pytest.mark.parametrize("server", ["closed port", "never answers", "unknown name"])
def test_the_tenant_hears_only_that_the_server_could_not_be_reached(owner_client, app, fake_dns, tarpit, caplog,
                                                                    smtp_timeout, allow_private_outbound, server):
    """Refused, silent or unknown: one sentence for the tenant (no port scan through the error text);
    what happened is in the server's log."""
    smtp_timeout(1)
    host, port, detail = {
        "closed port": ("127.0.0.1", free_port(), "Connection refused"),
        "never answers": ("127.0.0.1", tarpit.port, "timed out"),
        "unknown name": ("nowhere.example", 25, "Name or service not known"),
    }[server]
    save(owner_client, smtp_host=host, smtp_port=str(port), smtp_security="off")
    with caplog.at_level(logging.WARNING):
        flashed = send_test_email(owner_client)
    assert flashed == f"The test email is not sent yet: {GENERIC} Nudge will try again."
    message = db.session.scalar(db.select(Message))
    outbox_page = owner_client.get(f"/outbox/{message.id}").text
    api_view = owner_client.get("/outbox").text
    for text in (message.error, outbox_page, api_view):
        assert detail not in text and "Errno" not in text and str(port) not in (message.error or "")
    assert detail in caplog.text


def test_a_silent_server_of_one_business_does_not_delay_another_business(
        app, organization, other_owner, huey_consumer, smtp, tarpit, smtp_timeout, allow_private_outbound):
    """Business A's own server accepts and never answers; A has several sends queued. Business B's
    receipt, sent through Nudge's server, still leaves within seconds: A's sends hold at most one of
    the consumer's two workers, the others wait for A's turn instead of a worker."""
    smtp_timeout(12)
    other_id = other_owner.organization_id
    with unit_of_work(organization.id):  # the sends are queued when this commits
        save_sending_settings(organization.id, {"email_backend": "smtp", "smtp_host": "127.0.0.1",
                                                "smtp_port": tarpit.port, "smtp_security": "off",
                                                "from_email": "hello@acme.example"})
        for number in range(3):
            queue_direct(organization, "email", f"customer{number}@example.net", subject="Held", text="Held",
                         purpose="test")
    assert wait_until(lambda: len(tarpit.accepted) == 1, timeout=5)
    time.sleep(0.5)  # time for A's other tasks to reach the workers
    started = time.monotonic()
    with unit_of_work(other_id):
        queue_direct(db.session.get(Organization, other_id), "email", "buyer@example.net", subject="Your receipt",
                     text="Thanks", purpose="test")
    assert wait_until(lambda: smtp.sink.to("buyer@example.net"), timeout=4), "B's message waited for A's server"
    assert time.monotonic() - started < 4
    assert len(tarpit.accepted) == 1  # A's other sends wait their turn: one connection at a time
