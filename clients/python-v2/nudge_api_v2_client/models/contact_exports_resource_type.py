from enum import StrEnum


class ContactExportsResourceType(StrEnum):
    CONTACT_EXPORTS = "contact_exports"

    def __str__(self) -> str:
        return str(self.value)
