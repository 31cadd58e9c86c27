from enum import StrEnum


class EventsResourceType(StrEnum):
    EVENTS = "events"

    def __str__(self) -> str:
        return str(self.value)
