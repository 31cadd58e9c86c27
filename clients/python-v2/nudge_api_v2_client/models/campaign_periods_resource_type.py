from enum import StrEnum


class CampaignPeriodsResourceType(StrEnum):
    CAMPAIGN_PERIODS = "campaign_periods"

    def __str__(self) -> str:
        return str(self.value)
