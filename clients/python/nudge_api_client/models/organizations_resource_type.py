from enum import StrEnum


class OrganizationsResourceType(StrEnum):
    ORGANIZATIONS = "organizations"

    def __str__(self) -> str:
        return str(self.value)
