"""Huey tasks of nudges: every few minutes, each organization with an active period queues its due
nudges (a second run, or two consumers at once, find the rows there and send nothing twice)."""
import uuid

from huey import crontab
from sqlalchemy import select

from nudgeweb import clock
from nudgeweb.models import db
from nudgeweb.models.employees import CampaignPeriod
from nudgeweb.nudges import imports, sending
from nudgeweb.nudges.signals import employee_import_due
from nudgeweb.unit_of_work import housekeeping_task, organization_task


@organization_task(retries=2, retry_delay=60)
def send_due_nudges(organization_id):
    return sending.queue_due_nudges(organization_id, clock.now())


@housekeeping_task(crontab(minute="*/5"))
def queue_nudges_everywhere():
    """One task per organization that has an active period (read across organizations: this is the sweep)."""
    organization_ids = db.session.scalars(
        select(CampaignPeriod.organization_id).where(CampaignPeriod.status == "active").distinct()).all()
    for organization_id in organization_ids:
        send_due_nudges(str(organization_id))
    return len(organization_ids)


@organization_task(retries=2, retry_delay=10)
def import_employees(organization_id, import_id):
    """An employee import, chunk by chunk; a retry carries on where it stopped."""
    return imports.run_import(uuid.UUID(import_id))


@employee_import_due.connect
def _queue_import(organization_id, import_id):
    import_employees(organization_id, import_id)
