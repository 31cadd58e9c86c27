"""Housekeeping for OAuth: old codes and dead tokens are deleted nightly, across every organization."""
from huey import crontab

from nudgeweb.oauth.tokens import purge_stale
from nudgeweb.unit_of_work import housekeeping_task


@housekeeping_task(crontab(hour="3", minute="17"))
def purge_stale_oauth_rows():
    return purge_stale()
