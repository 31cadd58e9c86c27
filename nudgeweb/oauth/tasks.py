"""Housekeeping for OAuth: old codes and dead tokens are deleted nightly."""
from huey import crontab

from nudgeweb.extensions import huey
from nudgeweb.oauth.tokens import purge_stale


@huey.periodic_task(crontab(hour="3", minute="17"))
def purge_stale_oauth_rows():
    return purge_stale()
