from enum import StrEnum


class ContactImportsResourceType(StrEnum):
    CONTACT_IMPORTS = "contact_imports"

    def __str__(self) -> str:
        return str(self.value)
