"""Huey tasks of campaigns: take ids, call sending. The receivers at the end queue them once the
transaction that asked for them has committed (campaigns.signals)."""
import uuid

from huey import crontab

from nudgeweb.campaigns import sending
from nudgeweb.campaigns.signals import campaign_batch_due, campaign_due
from nudgeweb.unit_of_work import housekeeping_task, organization_task


@organization_task()
def send_campaign_batches(organization_id, campaign_id):
    """The next batches of a sending campaign; safe to run twice (recipients are claimed)."""
    return sending.send_batches(uuid.UUID(campaign_id))


@organization_task()
def start_scheduled_campaign(organization_id, campaign_id):
    """A scheduled campaign's time came (does nothing if it was changed or cancelled meanwhile)."""
    return sending.start_when_due(uuid.UUID(campaign_id))


@housekeeping_task(crontab(minute="*"))
def resume_stalled_campaigns():
    """Every minute: a sending campaign whose batch task was lost (a worker killed) goes on."""
    stalled = sending.stalled_campaigns()
    for organization_id, campaign_id in stalled:
        send_campaign_batches(str(organization_id), str(campaign_id))
    return len(stalled)


@campaign_due.connect
def queue_start(organization_id, campaign_id, eta):
    start_scheduled_campaign.schedule(args=(str(organization_id), str(campaign_id)), eta=eta)


@campaign_batch_due.connect
def queue_batches(organization_id, campaign_id, eta=None):
    args = (str(organization_id), str(campaign_id))
    if eta is None:
        send_campaign_batches(*args)
    else:
        send_campaign_batches.schedule(args=args, eta=eta)
