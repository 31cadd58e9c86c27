"""The time webhooks see: real UTC time, or one a test sets (retries and the day of failures)."""
from datetime import timezone

from nudgeweb.models.base import utcnow

_frozen = None


def now():
    return _frozen or utcnow()


def travel_to(moment):
    """Freeze the clock at ``moment`` (an aware datetime); None goes back to real time."""
    global _frozen
    _frozen = moment.astimezone(timezone.utc) if moment is not None else None
