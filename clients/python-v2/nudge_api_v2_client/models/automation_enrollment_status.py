from enum import StrEnum


class AutomationEnrollmentStatus(StrEnum):
    ACTIVE = "active"
    COMPLETED = "completed"
    EXITED = "exited"
    STOPPED = "stopped"

    def __str__(self) -> str:
        return str(self.value)
