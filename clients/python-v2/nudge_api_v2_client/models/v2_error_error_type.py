from enum import StrEnum


class V2ErrorErrorType(StrEnum):
    AUTHENTICATION_ERROR = "authentication_error"
    AUTHORIZATION_ERROR = "authorization_error"
    CONFLICT_ERROR = "conflict_error"
    NOT_FOUND_ERROR = "not_found_error"
    PAYMENT_ERROR = "payment_error"
    QUOTA_ERROR = "quota_error"
    RATE_LIMIT_ERROR = "rate_limit_error"
    SERVER_ERROR = "server_error"
    VALIDATION_ERROR = "validation_error"

    def __str__(self) -> str:
        return str(self.value)
