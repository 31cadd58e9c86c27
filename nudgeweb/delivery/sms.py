"""What an SMS costs as it leaves: the text the engine sends and the segments the carrier bills.

``sms_as_sent(body, marketing)`` is the text that goes out (the opt-out line added to marketing
messages), ``sms_segments(text)`` its size, and ``sms_size_as_sent`` both at once: the one count the
template preview, the send form, the bulk confirmation and the outbox show.

A text is GSM-7 when every character is in the GSM 03.38 alphabet (the extension table's
characters cost two septets: an escape and the character), else UCS-2 (UTF-16 units: an emoji
costs two). One segment holds 160 septets or 70 units; a longer message is split into parts of
153 or 67 (the rest of each part carries the concatenation header), and a part never splits an
escape pair or a surrogate pair, so a part may hold one less.
"""
from dataclasses import dataclass

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")  # each costs two septets (escape + character)
SMS_OPT_OUT = "Reply STOP to opt out."
LIMITS = {"GSM-7": (160, 153), "UCS-2": (70, 67)}  # (one segment, each part of a longer message)


@dataclass(frozen=True)
class SmsSize:
    encoding: str  # "GSM-7" or "UCS-2"
    characters: int  # as the phone counts them: septets for GSM-7, UTF-16 units for UCS-2
    segments: int
    per_segment: int  # characters that fit in each segment at this length

    @property
    def remaining(self):
        """Characters left before the message needs another segment."""
        return self.segments * self.per_segment - self.characters if self.segments else self.per_segment


def sms_as_sent(body, marketing=True):
    """The text the engine sends for ``body``: a marketing message gets the opt-out line unless it says STOP."""
    body = body or ""
    if marketing and "STOP" not in body.upper():
        return f"{body.rstrip()} {SMS_OPT_OUT}".lstrip()
    return body


def sms_size_as_sent(body, marketing=True):
    return sms_segments(sms_as_sent(body, marketing))


def sms_segments(text):
    encoding = "GSM-7" if all(ch in GSM7_BASIC or ch in GSM7_EXTENSION for ch in text) else "UCS-2"
    costs = [_cost(ch, encoding) for ch in text]
    units = sum(costs)
    single, multi = LIMITS[encoding]
    if units == 0:
        return SmsSize(encoding, 0, 0, single)
    if units <= single:
        return SmsSize(encoding, units, 1, single)
    return SmsSize(encoding, units, _parts(costs, multi), multi)


def _cost(ch, encoding):
    if encoding == "GSM-7":
        return 2 if ch in GSM7_EXTENSION else 1
    return 2 if ord(ch) > 0xFFFF else 1


def _parts(costs, per_part):
    """How many parts of ``per_part`` units the characters fill, none split across two parts."""
    parts, used = 1, 0
    for cost in costs:
        if used + cost > per_part:
            parts, used = parts + 1, 0
        used += cost
    return parts
