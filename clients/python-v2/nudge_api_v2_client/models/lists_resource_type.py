from enum import StrEnum


class ListsResourceType(StrEnum):
    LISTS = "lists"

    def __str__(self) -> str:
        return str(self.value)
