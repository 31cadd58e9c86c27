"""Huey tasks: thin wrappers that take ids and call an area's operations.

Importing this module registers every area's tasks (create_app does, for the web server and the
consumer alike). Each task runs in a unit of work: ``organization_task`` or ``housekeeping_task``.
"""
from datetime import datetime, timezone

from huey import crontab

from nudgeweb import sqlite_writer
from nudgeweb.analytics import tasks as analytics_tasks  # noqa: F401  (rebuilding counts when a zone changes)
from nudgeweb.api import tasks as api_tasks  # noqa: F401  (idempotency, refresh token and export housekeeping)
from nudgeweb.auth import tasks as auth_tasks  # noqa: F401  (email_password_reset)
from nudgeweb.automations import tasks as automation_tasks  # noqa: F401  (steps, triggers, sweep; their receivers)
from nudgeweb.campaigns import tasks as campaign_tasks  # noqa: F401  (campaign batches, scheduled starts)
from nudgeweb.contacts import tasks as contact_tasks  # noqa: F401  (act_on_matching)
from nudgeweb.delivery import tasks as delivery_tasks  # noqa: F401  (sends, retries, recovery of stalled sends)
from nudgeweb.extensions import huey
from nudgeweb.imports import tasks as import_tasks  # noqa: F401  (import_contact_chunk ...)
from nudgeweb.nudges import tasks as nudge_tasks  # noqa: F401  (send_due_nudges, the sweep that queues them)
from nudgeweb.oauth import tasks as oauth_tasks  # noqa: F401  (OAuth housekeeping)
from nudgeweb.reviews import tasks as review_tasks  # noqa: F401  (send_review_step ...)
from nudgeweb.webhooks import tasks as webhook_tasks  # noqa: F401  (deliveries: written with events, sent, recovered)

HEARTBEAT_KEY = "worker-heartbeat"


@huey.task()
def heartbeat():
    """Record that a consumer is alive and running tasks (shown by /healthz). No database: no unit of work."""
    now = datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")
    huey.put(HEARTBEAT_KEY, now)
    return now


@huey.periodic_task(crontab(minute="*"))
def heartbeat_every_minute():
    heartbeat.call_local()


@huey.periodic_task(crontab(minute="*"))
def checkpoint_the_database():
    """The database's checkpoint (SQLite), when the consumer has written too little to make one: see sqlite_writer."""
    sqlite_writer.checkpoint_now()
