"""How many SMS segments a text costs: GSM-7 when every character allows it, else UCS-2."""
from dataclasses import dataclass

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")  # each costs two septets (escape + character)


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


def sms_segments(text):
    if all(ch in GSM7_BASIC or ch in GSM7_EXTENSION for ch in text):
        units = sum(2 if ch in GSM7_EXTENSION else 1 for ch in text)
        single, multi, encoding = 160, 153, "GSM-7"
    else:
        units = len(text.encode("utf-16-le")) // 2
        single, multi, encoding = 70, 67, "UCS-2"
    if units == 0:
        return SmsSize(encoding, 0, 0, single)
    if units <= single:
        return SmsSize(encoding, units, 1, single)
    return SmsSize(encoding, units, -(-units // multi), multi)
