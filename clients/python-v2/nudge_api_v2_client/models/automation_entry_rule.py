from enum import StrEnum


class AutomationEntryRule(StrEnum):
    EVERY_TIME = "every_time"
    ONCE = "once"
    ONE_AT_A_TIME = "one_at_a_time"

    def __str__(self) -> str:
        return str(self.value)
