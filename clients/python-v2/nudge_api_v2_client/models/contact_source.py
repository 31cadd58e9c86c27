from enum import StrEnum


class ContactSource(StrEnum):
    API = "api"
    EMPLOYEE = "employee"
    IMPORT = "import"
    MANUAL = "manual"
    REVIEW_REQUEST = "review_request"

    def __str__(self) -> str:
        return str(self.value)
