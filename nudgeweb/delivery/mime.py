"""The bytes of an outgoing email: multipart/alternative (text, then HTML), headers, DKIM.

Built with the legacy ``email.mime`` classes: they make the same MIME as ``EmailMessage`` at
about twice the speed, which matters at tens of thousands of messages.
"""
from dataclasses import dataclass
from email.header import Header
from email.policy import compat32
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formatdate, parseaddr

import dkim

WIRE = compat32.clone(linesep="\r\n")  # SMTP wants CRLF; smtplib does not fix the line ends of bytes
DKIM_HEADERS = [b"from", b"to", b"subject", b"date", b"message-id", b"mime-version", b"content-type",
                b"reply-to", b"list-unsubscribe", b"list-unsubscribe-post"]


@dataclass(frozen=True)
class DkimKey:
    domain: str
    selector: str
    private_key: bytes


def _header(value):
    return value if value.isascii() else Header(value, "utf-8")


def address_domain(address):
    return parseaddr(address)[1].rpartition("@")[2] or "localhost"


def build_email(message, *, reply_to=None, unsubscribe_url=None, dkim_key=None):
    """The message as bytes ready for SMTP DATA."""
    mime = MIMEMultipart("alternative")
    mime["Subject"] = _header(message.subject or "")
    mime["From"] = _header(message.from_address)
    mime["To"] = message.to
    mime["Date"] = formatdate()
    mime["Message-ID"] = message_id_header(message)
    if reply_to:
        mime["Reply-To"] = reply_to
    if unsubscribe_url:
        mime["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        mime["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    mime.attach(MIMEText(message.text or "", "plain", "utf-8"))
    if message.html:
        mime.attach(MIMEText(message.html, "html", "utf-8"))
    data = mime.as_bytes(policy=WIRE)
    if dkim_key is not None:
        data = dkim_sign(data, dkim_key) + data
    return data


def message_id_header(message):
    return f"<{message.id.hex}@{address_domain(message.from_address)}>"


def dkim_sign(data, key):
    return dkim.sign(data, key.selector.encode(), key.domain.encode(), key.private_key,
                     include_headers=DKIM_HEADERS)
