from enum import StrEnum


class WebhookLogsResourceType(StrEnum):
    WEBHOOK_LOGS = "webhook_logs"

    def __str__(self) -> str:
        return str(self.value)
