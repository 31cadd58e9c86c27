"""Huey tasks of delivery: they take ids and call the engine; ``messages_due`` queues the sends."""
import random
import uuid

from huey import crontab

from nudgeweb.delivery import engine
from nudgeweb.delivery.signals import messages_due
from nudgeweb.delivery.slots import organization_slot
from nudgeweb.delivery.transports import sending_settings, uses_own_transport
from nudgeweb.models import utcnow
from nudgeweb.unit_of_work import housekeeping_task, organization_task

SLOT_WAIT_SECONDS = (3, 8)  # a task that finds its organization's slots taken comes back this much later


@organization_task()
def send_messages(organization_id, message_ids):
    """Send these stored messages (one, or a batch over one connection); safe to run twice.
    Through an organization's own server, only a few of its tasks run at once (delivery.slots), so
    that a slow server holds its owner's sends and never every worker."""
    ids = [uuid.UUID(message_id) for message_id in message_ids]
    if not engine.any_queued(organization_id, ids):
        return 0  # taken along by another task's batch: one read, not the settings too
    settings = sending_settings(organization_id)
    if not uses_own_transport(settings):
        return engine.send_claimed(organization_id, ids, settings)
    with organization_slot(organization_id) as held:
        if not held:
            send_messages.schedule(args=(str(organization_id), message_ids), delay=random.uniform(*SLOT_WAIT_SECONDS))
            return 0
        return engine.send_claimed(organization_id, ids, settings)


@housekeeping_task(crontab(minute="*"))
def recover_stalled_sends():
    """Every minute: messages whose worker died go back in the queue."""
    return engine.recover_stalled()


@messages_due.connect
def queue_send(organization_id, message_ids, send_at=None):
    """Stored messages are committed: one task sends them now, or at ``send_at``."""
    args = (organization_id.hex, [message_id.hex for message_id in message_ids])
    if send_at is None or send_at <= utcnow():
        send_messages(*args)
    else:
        send_messages.schedule(args=args, eta=send_at)
