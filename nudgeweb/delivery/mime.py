"""The bytes of an outgoing email: multipart/alternative (text, then HTML), headers, DKIM.

Written out directly rather than through ``email.mime`` / ``EmailMessage``: the message always has
the same simple shape (two base64 parts of UTF-8 text), and at tens of thousands of messages the
generic generator's header folding and boundary search cost more than the rest of the send.
``tests/test_delivery_email.py`` parses what a real SMTP server receives with the ``email`` package.
"""
import base64
from dataclasses import dataclass
from email.header import Header
from email.utils import formatdate, parseaddr
from functools import lru_cache

import dkim

DKIM_HEADERS = [b"from", b"to", b"subject", b"date", b"message-id", b"mime-version", b"content-type",
                b"reply-to", b"list-unsubscribe", b"list-unsubscribe-post"]
CRLF = "\r\n"


@dataclass(frozen=True)
class DkimKey:
    domain: str
    selector: str
    private_key: bytes


@lru_cache(maxsize=256)
def envelope_address(address):
    """The bare address of a header value such as ``Bluebird Bakery <hello@bluebird.example>``
    (parsed once per sender: a batch has one, and parsing costs as much as building the message)."""
    return parseaddr(address)[1]


def address_domain(address):
    return envelope_address(address).rpartition("@")[2] or "localhost"


def message_id_header(message):
    return f"<{message.id.hex}@{address_domain(message.from_address)}>"


def _header_value(value):
    """One line of printable ASCII, or RFC 2047 encoded words (never a line break from the value)."""
    value = " ".join(str(value).split())
    if value.isascii() and len(value) <= 900:
        return value
    return Header(value, "utf-8").encode(linesep=CRLF)


def _part(content_type, content):
    encoded = base64.encodebytes(content.encode("utf-8")).decode("ascii").replace("\n", CRLF)
    return (f'Content-Type: {content_type}; charset="utf-8"{CRLF}Content-Transfer-Encoding: base64{CRLF}{CRLF}'
            f"{encoded}")


def build_email(message, *, reply_to=None, unsubscribe_url=None, dkim_key=None):
    """The message as bytes ready for SMTP DATA (CRLF line ends)."""
    boundary = f"=_nudge_{message.id.hex}"  # base64 bodies never contain "-" or "_": no clash possible
    headers = [("Subject", message.subject or ""), ("From", message.from_address), ("To", message.to),
               ("Date", formatdate()), ("Message-ID", message_id_header(message))]
    if reply_to:
        headers.append(("Reply-To", reply_to))
    if unsubscribe_url:
        headers += [("List-Unsubscribe", f"<{unsubscribe_url}>"),
                    ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")]
    headers += [("MIME-Version", "1.0"), ("Content-Type", f'multipart/alternative; boundary="{boundary}"')]
    parts = [_part("text/plain", message.text or "")]
    if message.html:
        parts.append(_part("text/html", message.html))
    text = CRLF.join(f"{name}: {_header_value(value)}" for name, value in headers) + CRLF + CRLF
    text += "".join(f"--{boundary}{CRLF}{part}" for part in parts) + f"--{boundary}--{CRLF}"
    data = text.encode("ascii")
    if dkim_key is not None:
        data = dkim_sign(data, dkim_key) + data
    return data


def dkim_sign(data, key):
    return dkim.sign(data, key.selector.encode(), key.domain.encode(), key.private_key,
                     include_headers=DKIM_HEADERS)
