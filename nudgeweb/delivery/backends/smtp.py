"""Email over SMTP: ``smtp://user:pass@host:587`` (STARTTLS when offered) or ``smtps://…:465`` (TLS).

Query options: ``starttls=required`` refuses to send without STARTTLS, ``starttls=off`` never
tries it, ``cafile=/path.pem`` trusts a private certificate authority, ``timeout=30`` (seconds).
One connection is opened for a batch and reused for each of its messages.
"""
import smtplib
import ssl
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from nudgeweb.delivery.backends import Backend, SendError
from nudgeweb.delivery.mime import build_email, envelope_address, message_id_header


class MailUrlError(ValueError):
    pass


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    username: str | None = None
    password: str | None = None
    implicit_tls: bool = False
    starttls: str = "auto"  # auto | required | off
    cafile: str | None = None
    timeout: float = 30.0

    def describe(self):
        return f"{'smtps' if self.implicit_tls else 'smtp'}://{self.host}:{self.port}"


def parse_mail_url(url):
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
        timeout = float(query.get("timeout", 30))
    except ValueError:
        raise MailUrlError("The port and timeout must be numbers.") from None
    return SmtpServer(
        host=parts.hostname,
        port=port,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        implicit_tls=parts.scheme == "smtps",
        starttls=starttls,
        cafile=query.get("cafile"),
        timeout=timeout,
    )


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

    def _tls_context(self):
        return ssl.create_default_context(cafile=self.server.cafile)

    def connect(self):
        server = self.server
        try:
            if server.implicit_tls:
                connection = smtplib.SMTP_SSL(server.host, server.port, timeout=server.timeout,
                                              context=self._tls_context())
            else:
                connection = smtplib.SMTP(server.host, server.port, timeout=server.timeout)
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
        except (OSError, smtplib.SMTPException) as error:
            raise SendError(f"Could not connect to {server.describe()}: {error}") from None
        self.connection = connection

    def close(self):
        if self.connection is not None:
            try:
                self.connection.quit()
            except (OSError, smtplib.SMTPException):
                self.connection.close()
            self.connection = None

    def send(self, message, unsubscribe_url=None):
        data = build_email(message, reply_to=self.reply_to, unsubscribe_url=unsubscribe_url, dkim_key=self.dkim_key)
        envelope_from = envelope_address(message.from_address)
        if self.connection is None:
            self.connect()
        try:
            self.connection.sendmail(envelope_from, [message.to], data)
        except smtplib.SMTPRecipientsRefused as error:
            code, text = next(iter(error.recipients.values()))
            reason, permanent = _classify(code, text)
            raise SendError(f"The mail server refused {message.to}: {reason}", bounce=permanent) from None
        except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as error:
            reason, permanent = _classify(error.smtp_code, error.smtp_error)
            raise SendError(f"The mail server refused the message: {reason}", permanent=permanent) from None
        except (OSError, smtplib.SMTPException) as error:
            self.connection = None  # broken: the next message reconnects
            raise SendError(f"The connection to {self.server.describe()} failed: {error}") from None
        return message_id_header(message)
