from enum import StrEnum


class ApiKeysResourceType(StrEnum):
    API_KEYS = "api_keys"

    def __str__(self) -> str:
        return str(self.value)
