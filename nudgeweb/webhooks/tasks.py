"""Huey tasks of webhooks, and the receivers that write and queue deliveries."""
from datetime import timezone

from huey import crontab

from nudgeweb.domain_events import domain_events_written
from nudgeweb.unit_of_work import housekeeping_task, organization_task
from nudgeweb.webhooks import dispatch
from nudgeweb.webhooks.signals import webhooks_due


@organization_task()
def deliver_webhooks(organization_id):
    """POST a batch of the organization's due deliveries; safe to run twice (claims are exclusive)."""
    return dispatch.deliver_due(organization_id)


@housekeeping_task(crontab(minute="*"))
def recover_webhook_deliveries():
    """Every minute: deliveries whose worker died, or whose task was lost, go out again."""
    return dispatch.recover()


@housekeeping_task(crontab(minute="17", hour="3"))
def forget_old_webhook_deliveries():
    return dispatch.forget_old()


domain_events_written.connect(dispatch.fan_out)


@webhooks_due.connect
def queue_deliveries(organization_id, eta=None):
    if eta is None:
        deliver_webhooks(organization_id.hex)
    else:
        deliver_webhooks.schedule(args=(organization_id.hex,), eta=eta.astimezone(timezone.utc).replace(tzinfo=None))
