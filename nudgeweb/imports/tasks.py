"""Huey tasks of contact imports: thin wrappers that take ids."""
import uuid

from huey import crontab

from nudgeweb.extensions import huey
from nudgeweb.imports import operations

RETRIES = 3


@huey.task(retries=RETRIES, retry_delay=5, context=True)
def run_contact_import(import_id, task=None):
    final = task is None or task.retries == 0
    operations.run_import(uuid.UUID(import_id), final_attempt=final)


@huey.periodic_task(crontab(minute="*"))
def resume_stalled_imports():
    operations.resume_stalled_imports()
