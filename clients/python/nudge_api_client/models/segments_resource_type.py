from enum import StrEnum


class SegmentsResourceType(StrEnum):
    SEGMENTS = "segments"

    def __str__(self) -> str:
        return str(self.value)
