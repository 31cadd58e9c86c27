"""Huey tasks of contact imports: thin wrappers that take ids."""
import uuid

from huey import crontab

from nudgeweb.extensions import huey
from nudgeweb.imports import operations


@huey.task()
def import_contact_chunk(import_id, index, from_row):
    """One chunk of a large import; the workers run an import's chunks side by side."""
    operations.import_chunk(uuid.UUID(import_id), index, from_row)


@huey.periodic_task(crontab(minute="*"))
def resume_stalled_imports():
    operations.resume_stalled_imports()


@huey.periodic_task(crontab(minute="17"))
def discard_abandoned_drafts():
    operations.discard_abandoned_drafts()
