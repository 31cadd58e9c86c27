"""Email over SMTP, to the install's server (MAIL_URL) or to an organization's own (Settings → Sending).

MAIL_URL is ``smtp://user:pass@host:587`` (STARTTLS when offered) or ``smtps://…:465`` (TLS), with
query options ``starttls=required`` (refuse to send without STARTTLS), ``starttls=off`` (never try
it) and ``cafile=/path.pem`` (trust a private certificate authority). An organization's server comes
from validated fields instead, never from a URL, and gets none of these options: Nudge connects only
to its public addresses (nudgeweb.outbound) and tells the organization no more than "could not
connect" (the detail goes to the log). SMTP_TIMEOUT_SECONDS bounds every connect and every command.
One connection is opened for a batch and reused for each of its messages.
"""
import logging
import re
import smtplib
import socket
import ssl
from dataclasses import dataclass
from email.utils import parseaddr
from urllib.parse import parse_qs, unquote, urlsplit

from nudgeweb import outbound
from nudgeweb.delivery.backends import Backend, SendError
from nudgeweb.delivery.mime import build_email, envelope_address, message_id_header

log = logging.getLogger(__name__)
TENANT_CONNECT_ERROR = "Could not connect to the mail server."
_PLAIN_ADDRESS = re.compile(r"[^\s<>()\[\]\\,;:\"@]+@[^\s<>()\[\]\\,;:\"@]+")


class MailUrlError(ValueError):
    pass


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    timeout: float
    username: str | None = None
    password: str | None = None
    implicit_tls: bool = False
    starttls: str = "auto"  # auto | required | off
    cafile: str | None = None
    tenant: bool = False  # an organization's own server: public addresses only, errors kept generic

    def describe(self):
        return f"{'smtps' if self.implicit_tls else 'smtp'}://{self.host}:{self.port}"


def parse_mail_url(url, timeout):
    """The install's server, from MAIL_URL (the operator's setting)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("smtp", "smtps"):
        raise MailUrlError("Use an address like smtp://user:password@mail.example.com:587 (or smtps://… for port 465).")
    if not parts.hostname:
        raise MailUrlError("The address needs the mail server's host name.")
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    starttls = query.get("starttls", "auto")
    if starttls not in ("auto", "required", "off"):
        raise MailUrlError("starttls must be auto, required or off.")
    try:
        port = parts.port or (465 if parts.scheme == "smtps" else 587)
    except ValueError:
        raise MailUrlError("The port must be a number.") from None
    return SmtpServer(
        host=parts.hostname,
        port=port,
        timeout=timeout,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        implicit_tls=parts.scheme == "smtps",
        starttls=starttls,
        cafile=query.get("cafile"),
    )


class _CheckedSMTP(smtplib.SMTP):
    """Connects to a checked address of the host, not to the name again (TLS still verifies the name)."""

    def _get_socket(self, host, port, timeout):
        return outbound.connect(host, port, timeout)


class _CheckedSMTP_SSL(smtplib.SMTP_SSL, _CheckedSMTP):  # SMTP_SSL wraps the socket _CheckedSMTP opens
    pass


def _classify(code, text):
    reason = f"{code} {text.decode(errors='replace') if isinstance(text, bytes) else text}".strip()
    return reason, code >= 500


class SmtpBackend(Backend):
    name = "smtp"

    def __init__(self, server, dkim_key=None, reply_to=None):
        self.server = server
        self.dkim_key = dkim_key
        self.reply_to = reply_to
        self.connection = None
        self.unreachable = None  # the SendError of a failed connect: the batch's other messages wait too

    def _tls_context(self):
        return ssl.create_default_context(cafile=self.server.cafile)

    def _open(self):
        server = self.server
        plain, tls = (_CheckedSMTP, _CheckedSMTP_SSL) if server.tenant else (smtplib.SMTP, smtplib.SMTP_SSL)
        if server.implicit_tls:
            return tls(server.host, server.port, timeout=server.timeout, context=self._tls_context())
        return plain(server.host, server.port, timeout=server.timeout)

    def connect(self):
        server = self.server
        if self.unreachable is not None:
            raise self.unreachable
        connection = None
        try:
            connection = self._open()
            connection.ehlo()
            if not server.implicit_tls and server.starttls != "off":
                if connection.has_extn("starttls"):
                    connection.starttls(context=self._tls_context())
                    connection.ehlo()
                elif server.starttls == "required":
                    connection.close()
                    raise SendError(f"{server.describe()} does not offer STARTTLS.", permanent=True)
            if server.username:
                connection.login(server.username, server.password or "")
        except smtplib.SMTPAuthenticationError as error:
            raise SendError(f"{server.describe()} refused the login: {_classify(error.smtp_code, error.smtp_error)[0]}",
                            permanent=True) from None
        except (OSError, smtplib.SMTPException, outbound.OutboundAddressError) as error:
            if connection is not None:
                connection.close()
            self.unreachable = self._failure(f"Could not connect to {server.describe()}", error)
            raise self.unreachable from None
        self.connection = connection

    def _failure(self, what, error):
        """The SendError for a connection that failed: the detail for the install's own server; for an
        organization's server, which could point anywhere, the detail goes to the log only."""
        if not self.server.tenant:
            return SendError(f"{what}: {error}")
        log.warning("%s (an organization's server): %s", what, error)
        return SendError(TENANT_CONNECT_ERROR)

    def close(self):
        if self.connection is not None:
            try:
                self.connection.quit()
            except (OSError, smtplib.SMTPException):
                self.connection.close()
            self.connection = None

    def send(self, message, unsubscribe_url=None):
        data = build_email(message, reply_to=getattr(message, "reply_to", None) or self.reply_to,
                           unsubscribe_url=unsubscribe_url, dkim_key=self.dkim_key)
        envelope_from = envelope_address(message.from_address)
        if self.connection is None:
            self.connect()
        try:
            _sendmail(self.connection, envelope_from, _bare(message.to), data)
        except smtplib.SMTPRecipientsRefused as error:
            code, text = next(iter(error.recipients.values()))
            reason, permanent = _classify(code, text)
            raise SendError(f"The mail server refused {message.to}: {reason}", bounce=permanent) from None
        except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as error:
            reason, permanent = _classify(error.smtp_code, error.smtp_error)
            raise SendError(f"The mail server refused the message: {reason}", permanent=permanent) from None
        except (OSError, smtplib.SMTPException) as error:
            self.connection = None  # broken: the next message reconnects
            failure = self._failure(f"The connection to {self.server.describe()} failed", error)
            if isinstance(error, socket.timeout):  # a server this slow holds the worker: try again later
                self.unreachable = failure
            raise failure from None
        return message_id_header(message)


def _bare(address):
    """The address as the envelope takes it: a plain one as it is, anything else parsed."""
    return address if _PLAIN_ADDRESS.fullmatch(address) else parseaddr(address)[1]


def _sendmail(connection, sender, recipient, data):
    """smtplib's ``sendmail`` for one bare address: the same commands, answers and errors, without
    parsing both addresses again for each message (``quoteaddr``: a tenth of a campaign's CPU)."""
    options = f" size={len(data)}" if connection.does_esmtp and connection.has_extn("size") else ""
    code, answer = connection.docmd("mail", f"FROM:<{sender}>{options}")
    if code != 250:
        _abandon(connection, code)
        raise smtplib.SMTPSenderRefused(code, answer, sender)
    code, answer = connection.docmd("rcpt", f"TO:<{recipient}>")
    if code not in (250, 251):
        _abandon(connection, code)
        raise smtplib.SMTPRecipientsRefused({recipient: (code, answer)})
    code, answer = connection.data(data)
    if code != 250:
        _abandon(connection, code)
        raise smtplib.SMTPDataError(code, answer)


def _abandon(connection, code):
    """After a refusal: 421 means the server is closing; otherwise reset for the next message."""
    if code == 421:
        connection.close()
    else:
        connection._rset()
