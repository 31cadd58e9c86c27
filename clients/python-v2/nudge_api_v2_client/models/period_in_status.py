from enum import StrEnum


class PeriodInStatus(StrEnum):
    ACTIVE = "active"
    ENDED = "ended"

    def __str__(self) -> str:
        return str(self.value)
