from enum import StrEnum


class InvitationsResourceType(StrEnum):
    INVITATIONS = "invitations"

    def __str__(self) -> str:
        return str(self.value)
