from enum import StrEnum


class MessagesResourceType(StrEnum):
    MESSAGES = "messages"

    def __str__(self) -> str:
        return str(self.value)
