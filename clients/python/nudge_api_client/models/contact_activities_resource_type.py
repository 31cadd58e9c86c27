from enum import StrEnum


class ContactActivitiesResourceType(StrEnum):
    CONTACT_ACTIVITIES = "contact_activities"

    def __str__(self) -> str:
        return str(self.value)
