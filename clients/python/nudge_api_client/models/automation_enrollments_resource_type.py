from enum import StrEnum


class AutomationEnrollmentsResourceType(StrEnum):
    AUTOMATION_ENROLLMENTS = "automation_enrollments"

    def __str__(self) -> str:
        return str(self.value)
