from enum import StrEnum


class MessageStatus(StrEnum):
    BOUNCED = "bounced"
    CANCELLED = "cancelled"
    DELIVERED = "delivered"
    FAILED = "failed"
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"

    def __str__(self) -> str:
        return str(self.value)
