from enum import StrEnum


class TemplatePreviewsResourceType(StrEnum):
    TEMPLATE_PREVIEWS = "template_previews"

    def __str__(self) -> str:
        return str(self.value)
