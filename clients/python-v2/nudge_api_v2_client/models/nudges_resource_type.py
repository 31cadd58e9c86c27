from enum import StrEnum


class NudgesResourceType(StrEnum):
    NUDGES = "nudges"

    def __str__(self) -> str:
        return str(self.value)
