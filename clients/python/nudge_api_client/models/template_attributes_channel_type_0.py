from enum import StrEnum


class TemplateAttributesChannelType0(StrEnum):
    EMAIL = "email"
    SMS = "sms"

    def __str__(self) -> str:
        return str(self.value)
