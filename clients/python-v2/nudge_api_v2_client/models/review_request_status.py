from enum import StrEnum


class ReviewRequestStatus(StrEnum):
    CANCELLED = "cancelled"
    CLICKED = "clicked"
    FAILED = "failed"
    OPENED = "opened"
    REVIEWED = "reviewed"
    SCHEDULED = "scheduled"
    SENT = "sent"

    def __str__(self) -> str:
        return str(self.value)
