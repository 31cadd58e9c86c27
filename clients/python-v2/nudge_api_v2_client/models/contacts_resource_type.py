from enum import StrEnum


class ContactsResourceType(StrEnum):
    CONTACTS = "contacts"

    def __str__(self) -> str:
        return str(self.value)
