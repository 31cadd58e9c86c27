from enum import StrEnum


class AuthType(StrEnum):
    API_KEY = "api_key"
    JWT = "jwt"
    OAUTH = "oauth"

    def __str__(self) -> str:
        return str(self.value)
