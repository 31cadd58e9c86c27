from enum import StrEnum


class WebhooksResourceType(StrEnum):
    WEBHOOKS = "webhooks"

    def __str__(self) -> str:
        return str(self.value)
