"""Huey tasks of the API: housekeeping."""
from huey import crontab

from nudgeweb.api.idempotency import forget_expired
from nudgeweb.api.tokens import forget_expired_refresh_tokens
from nudgeweb.contacts.export import forget_expired_exports
from nudgeweb.extensions import huey


@huey.periodic_task(crontab(minute="17", hour="*"))
def forget_expired_idempotency_keys():
    """Idempotency records are kept for 24 hours (the replay window), then deleted."""
    return forget_expired()


@huey.periodic_task(crontab(minute="23", hour="4"))
def forget_used_refresh_tokens():
    """A spent JWT refresh token's row is kept until the token expires, then deleted (daily)."""
    return forget_expired_refresh_tokens()


@huey.periodic_task(crontab(minute="29", hour="4"))
def forget_expired_contact_exports():
    """An API export job can be downloaded for a day; then its row is deleted (daily)."""
    return forget_expired_exports()
