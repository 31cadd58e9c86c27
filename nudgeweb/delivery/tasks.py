"""Huey tasks of delivery: they take ids and call the engine."""
import random
import uuid

from huey import crontab

from nudgeweb.delivery import engine
from nudgeweb.delivery.slots import organization_slot
from nudgeweb.delivery.transports import sending_settings, uses_own_transport
from nudgeweb.extensions import huey
from nudgeweb.scoping import enter_organization

SLOT_WAIT_SECONDS = (3, 8)  # a task that finds its organization's slots taken comes back this much later


@huey.task()
def send_messages(organization_id, message_ids):
    """Send these stored messages (one, or a batch over one connection); safe to run twice.
    Through an organization's own server, only a few of its tasks run at once (delivery.slots), so
    that a slow server holds its owner's sends and never every worker."""
    organization = uuid.UUID(organization_id)
    enter_organization(organization)
    ids = [uuid.UUID(message_id) for message_id in message_ids]
    if not uses_own_transport(sending_settings(organization)):
        return engine.send_claimed(organization, ids)
    with organization_slot(organization) as held:
        if not held:
            send_messages.schedule(args=(organization_id, message_ids), delay=random.uniform(*SLOT_WAIT_SECONDS))
            return 0
        return engine.send_claimed(organization, ids)


@huey.periodic_task(crontab(minute="*"))
def recover_stalled_sends():
    """Every minute: messages whose worker died go back in the queue."""
    return engine.recover_stalled()
