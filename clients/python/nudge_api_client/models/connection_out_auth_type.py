from enum import StrEnum


class ConnectionOutAuthType(StrEnum):
    API_KEY = "api_key"
    JWT = "jwt"
    OAUTH = "oauth"

    def __str__(self) -> str:
        return str(self.value)
