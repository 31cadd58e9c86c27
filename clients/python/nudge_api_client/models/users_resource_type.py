from enum import StrEnum


class UsersResourceType(StrEnum):
    USERS = "users"

    def __str__(self) -> str:
        return str(self.value)
