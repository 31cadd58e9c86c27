"""Huey tasks of the API: housekeeping."""
from huey import crontab

from nudgeweb.api.idempotency import forget_expired
from nudgeweb.extensions import huey


@huey.periodic_task(crontab(minute="17", hour="*"))
def forget_expired_idempotency_keys():
    """Idempotency records are kept for 24 hours (the replay window), then deleted."""
    return forget_expired()
