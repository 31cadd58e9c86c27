"""Huey tasks: thin wrappers that take ids and call an area's operations."""
from datetime import datetime, timezone

from huey import crontab

from nudgeweb.auth import tasks as auth_tasks  # noqa: F401  (email_password_reset)
from nudgeweb.contacts import tasks as contact_tasks  # noqa: F401  (act_on_matching)
from nudgeweb.extensions import huey
from nudgeweb.imports import tasks as import_tasks  # noqa: F401  (import_contact_chunk ...)
from nudgeweb.reviews import tasks as review_tasks  # noqa: F401  (send_review_step ...)

HEARTBEAT_KEY = "worker-heartbeat"


@huey.task()
def heartbeat():
    """Record that a consumer is alive and running tasks (shown by /healthz)."""
    now = datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")
    huey.put(HEARTBEAT_KEY, now)
    return now


@huey.periodic_task(crontab(minute="*"))
def heartbeat_every_minute():
    heartbeat.call_local()


import nudgeweb.delivery.tasks  # noqa: E402,F401  (sends, retries, recovery of stalled sends)
import nudgeweb.oauth.tasks  # noqa: E402,F401  (OAuth housekeeping)
import nudgeweb.api.tasks  # noqa: E402,F401  (idempotency housekeeping)
