from enum import StrEnum


class ImportStatus(StrEnum):
    COMPLETED = "completed"
    DRAFT = "draft"
    FAILED = "failed"
    PROCESSING = "processing"

    def __str__(self) -> str:
        return str(self.value)
