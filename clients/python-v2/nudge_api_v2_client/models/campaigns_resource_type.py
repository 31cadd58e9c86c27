from enum import StrEnum


class CampaignsResourceType(StrEnum):
    CAMPAIGNS = "campaigns"

    def __str__(self) -> str:
        return str(self.value)
