"""Huey tasks of delivery: they take ids and call the engine."""
import uuid

from huey import crontab

from nudgeweb.delivery import engine
from nudgeweb.extensions import huey
from nudgeweb.unit_of_work import enter_organization


@huey.task()
def send_messages(organization_id, message_ids):
    """Send these stored messages (one, or a batch over one connection); safe to run twice."""
    organization_id = uuid.UUID(organization_id)
    enter_organization(organization_id)
    return engine.send_claimed(organization_id, [uuid.UUID(message_id) for message_id in message_ids])


@huey.periodic_task(crontab(minute="*"))
def recover_stalled_sends():
    """Every minute: messages whose worker died go back in the queue."""
    return engine.recover_stalled()
