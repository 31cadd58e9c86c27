from enum import StrEnum


class TemplateCategory(StrEnum):
    ANNOUNCEMENT = "announcement"
    EMPLOYEE_NUDGE = "employee_nudge"
    FOLLOW_UP = "follow_up"
    GENERAL = "general"
    NEWSLETTER = "newsletter"
    REVIEW_REQUEST = "review_request"
    TRANSACTIONAL = "transactional"

    def __str__(self) -> str:
        return str(self.value)
