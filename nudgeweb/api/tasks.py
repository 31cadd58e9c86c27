"""Huey tasks of the API: housekeeping, across every organization (each commits when it returns)."""
from huey import crontab

from nudgeweb.api.idempotency import forget_expired
from nudgeweb.api.tokens import forget_expired_refresh_tokens
from nudgeweb.contacts.export import forget_expired_exports
from nudgeweb.unit_of_work import housekeeping_task


@housekeeping_task(crontab(minute="17", hour="*"))
def forget_expired_idempotency_keys():
    """Idempotency records are kept for 24 hours (the replay window), then deleted."""
    return forget_expired()


@housekeeping_task(crontab(minute="23", hour="4"))
def forget_used_refresh_tokens():
    """A spent JWT refresh token's row is kept until the token expires, then deleted (daily)."""
    return forget_expired_refresh_tokens()


@housekeeping_task(crontab(minute="29", hour="4"))
def forget_expired_contact_exports():
    """An API export job can be downloaded for a day; then its row is deleted (daily)."""
    return forget_expired_exports()
