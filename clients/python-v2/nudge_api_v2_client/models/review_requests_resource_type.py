from enum import StrEnum


class ReviewRequestsResourceType(StrEnum):
    REVIEW_REQUESTS = "review_requests"

    def __str__(self) -> str:
        return str(self.value)
