"""Email over an encrypted connection: STARTTLS and SMTPS against a real TLS SMTP server (aiosmtpd)
with a certificate made for the test; an untrusted certificate or a server without STARTTLS sends nothing."""
import datetime
import ipaddress
import ssl

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from nudgeweb.delivery import queue_direct
from nudgeweb.unit_of_work import unit_of_work
from tests.delivery_support import SmtpServer


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1: (certificate file, server-side TLS context)."""
    folder = tmp_path_factory.mktemp("tls")
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Nudge test mail server")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                    x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_file, key_file)
    return cert_file, context


@pytest.fixture
def mail_url(app):
    """Point the app's MAIL_URL somewhere for one test."""
    old = app.config["MAIL_URL"]

    def point(url):
        app.config["MAIL_URL"] = url

    yield point
    app.config["MAIL_URL"] = old


def send_test(organization, to="owner@acme.example"):
    with unit_of_work(organization.id):
        return queue_direct(organization, "email", to, subject="Over TLS", text="Encrypted, we hope.", purpose="test")


def test_starttls_required_upgrades_the_connection_and_delivers(certificate, mail_url, organization):
    cert_file, context = certificate
    with SmtpServer(tls_context=context, require_starttls=True) as server:  # refuses mail before STARTTLS
        mail_url(f"smtp://127.0.0.1:{server.port}?starttls=required&cafile={cert_file}")
        message = send_test(organization)
        assert (message.status, message.error) == ("sent", None)
        [envelope] = server.sink.envelopes
        assert envelope.tls_version.startswith("TLSv1")
        assert server.sink.to("owner@acme.example")[0]["Subject"] == "Over TLS"


def test_smtps_speaks_tls_from_the_first_byte(certificate, mail_url, organization):
    cert_file, context = certificate
    with SmtpServer(ssl_context=context) as server:
        mail_url(f"smtps://127.0.0.1:{server.port}?cafile={cert_file}")
        message = send_test(organization)
        assert (message.status, message.error) == ("sent", None)
        [envelope] = server.sink.envelopes
        assert envelope.tls_version.startswith("TLSv1")


def test_a_certificate_nobody_vouches_for_sends_nothing(certificate, mail_url, organization):
    _, context = certificate
    with SmtpServer(tls_context=context, require_starttls=True) as server:
        mail_url(f"smtp://127.0.0.1:{server.port}?starttls=required")  # no cafile: not trusted
        message = send_test(organization)
        assert message.status == "queued" and "CERTIFICATE_VERIFY_FAILED" in message.error  # retried later
        assert server.sink.envelopes == []


def test_starttls_required_but_not_offered_fails_without_sending(mail_url, organization):
    with SmtpServer() as server:  # no TLS at all
        mail_url(f"smtp://127.0.0.1:{server.port}?starttls=required")
        message = send_test(organization)
        assert message.status == "failed" and "does not offer STARTTLS" in message.error
        assert server.sink.envelopes == []
