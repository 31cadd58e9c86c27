"""Signed links in outgoing messages: the open pixel, click redirects and the unsubscribe page.

Every token is signed with SECRET_KEY (itsdangerous), so nobody can forge a click, unsubscribe
someone else, or use Nudge as an open redirect: the target URL of a click lives inside the
signature, never in a query string.
"""
import base64
import hashlib
import hmac
import html as htmllib
import re
from functools import lru_cache

from flask import current_app
from itsdangerous import BadSignature, Signer
from itsdangerous.encoding import base64_encode, want_bytes

OPEN, CLICK, UNSUBSCRIBE = "open", "click", "unsubscribe"
TRACKABLE_SCHEMES = ("http://", "https://")
_LINK = re.compile(r"""(<a\b[^>]*?\bhref\s*=\s*)(["'])(https?://[^"'\s>]+)\2""", re.IGNORECASE)
_BODY_END = re.compile(r"</body\s*>", re.IGNORECASE)


class InvalidToken(Exception):
    """A token that was not made by us (or was changed)."""


class _Signer(Signer):
    """itsdangerous' Signer, keyed once: the key derivation and the HMAC's key schedule are done
    when it is made, not for each of the four links of every message (same tokens, same checks)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._keyed_mac = hmac.new(self.derive_key(), digestmod=self.digest_method)

    def get_signature(self, value):
        mac = self._keyed_mac.copy()
        mac.update(want_bytes(value))
        return base64_encode(mac.digest())


@lru_cache(maxsize=16)
def _signer(secret_key, purpose):
    return _Signer(secret_key, salt=f"nudge.{purpose}", digest_method=hashlib.sha256)


def _b64(text):
    return base64.urlsafe_b64encode(text.encode()).rstrip(b"=").decode()


def _unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()


def make_token(purpose, *payload):
    """``payload`` (strings) signed for ``purpose``: compact enough for a link, fast enough for 100,000."""
    value = ".".join(_b64(part) for part in payload)
    return _signer(current_app.config["SECRET_KEY"], purpose).sign(value).decode()


def read_token(purpose, token):
    """The payload of a token made by make_token for ``purpose``; InvalidToken when it was not."""
    try:
        value = _signer(current_app.config["SECRET_KEY"], purpose).unsign(token).decode()
        return [_unb64(part) for part in value.split(".")]
    except (BadSignature, ValueError, UnicodeDecodeError) as error:
        raise InvalidToken(str(error)) from None


def public_url(path):
    return f"{current_app.config['BASE_URL']}{path}"


def open_url(message_id):
    return public_url(f"/t/o/{make_token(OPEN, message_id.hex)}.gif")


def click_url(message_id, target):
    return public_url(f"/t/c/{make_token(CLICK, message_id.hex, target)}")


def unsubscribe_url(message_id):
    return public_url(f"/u/{make_token(UNSUBSCRIBE, message_id.hex)}")


def track_clicks(html, message_id, keep=()):
    """Every http(s) link of ``html`` through a signed click redirect, except those in ``keep``."""

    def rewrite(match):
        target = htmllib.unescape(match.group(3))
        if target in keep:
            return match.group(0)
        return f"{match.group(1)}{match.group(2)}{click_url(message_id, target)}{match.group(2)}"

    return _LINK.sub(rewrite, html)


def add_open_pixel(html, message_id):
    pixel = (f'<img src="{open_url(message_id)}" width="1" height="1" alt="" '
             'style="display:block;border:0;width:1px;height:1px">')
    return _insert_before_body_end(html, pixel)


def add_unsubscribe_footer(html, text, url):
    """The unsubscribe link, added to both parts unless the template already shows it."""
    if url not in html:
        footer = (f'<p style="font-size:12px;color:#6b7280;margin-top:24px">'
                  f'Don\'t want these emails? <a href="{url}">Unsubscribe</a>.</p>')
        html = _insert_before_body_end(html, footer)
    if url not in text:
        text = f"{text.rstrip()}\n\nUnsubscribe: {url}\n"
    return html, text


def add_postal_address(html, text, address):
    """The business's postal address (Settings -> Business profile), at the foot of a marketing email."""
    if not address or address in text:
        return html, text
    footer = f'<p style="font-size:12px;color:#6b7280;margin-top:8px">{htmllib.escape(address)}</p>'
    return _insert_before_body_end(html, footer), f"{text.rstrip()}\n\n{address}\n"


def _insert_before_body_end(html, snippet):
    match = None
    for match in _BODY_END.finditer(html):
        pass
    if match is None:
        return html + snippet
    return html[: match.start()] + snippet + html[match.start():]


def safe_redirect_target(url):
    """Only http(s) URLs are followed (the token is signed, this is a second lock)."""
    return url if isinstance(url, str) and url.lower().startswith(TRACKABLE_SCHEMES) else None
