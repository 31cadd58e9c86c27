"""Huey tasks of contact imports: thin wrappers that take ids."""
import uuid

from huey import crontab

from nudgeweb.imports import operations
from nudgeweb.imports.signals import chunk_due
from nudgeweb.unit_of_work import housekeeping_task, organization_task


@organization_task()
def import_contact_chunk(organization_id, import_id, index, from_row):
    """One chunk of a large import; the workers run an import's chunks side by side."""
    return operations.import_chunk(uuid.UUID(import_id), index, from_row)


@chunk_due.connect
def _queue_chunk(organization_id, import_id, index, from_row):
    import_contact_chunk(organization_id, import_id, index, from_row)


@housekeeping_task(crontab(minute="*"))
def resume_stalled_imports():
    operations.resume_stalled_imports()


@housekeeping_task(crontab(minute="17"))
def discard_abandoned_drafts():
    operations.discard_abandoned_drafts()
