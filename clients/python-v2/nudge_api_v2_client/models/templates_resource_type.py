from enum import StrEnum


class TemplatesResourceType(StrEnum):
    TEMPLATES = "templates"

    def __str__(self) -> str:
        return str(self.value)
