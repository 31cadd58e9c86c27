from enum import StrEnum


class ContactAttributesStatusType0(StrEnum):
    BOUNCED = "bounced"
    COMPLAINED = "complained"
    SUBSCRIBED = "subscribed"
    UNSUBSCRIBED = "unsubscribed"

    def __str__(self) -> str:
        return str(self.value)
