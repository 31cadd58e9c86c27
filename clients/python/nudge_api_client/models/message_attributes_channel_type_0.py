from enum import StrEnum


class MessageAttributesChannelType0(StrEnum):
    EMAIL = "email"
    SMS = "sms"

    def __str__(self) -> str:
        return str(self.value)
