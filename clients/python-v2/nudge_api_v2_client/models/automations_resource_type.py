from enum import StrEnum


class AutomationsResourceType(StrEnum):
    AUTOMATIONS = "automations"

    def __str__(self) -> str:
        return str(self.value)
