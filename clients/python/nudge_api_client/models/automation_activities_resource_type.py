from enum import StrEnum


class AutomationActivitiesResourceType(StrEnum):
    AUTOMATION_ACTIVITIES = "automation_activities"

    def __str__(self) -> str:
        return str(self.value)
