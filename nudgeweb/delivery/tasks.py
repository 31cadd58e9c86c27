"""Huey tasks of delivery: they take ids and call the engine; ``messages_due`` queues the sends.

One task sends an organization's messages that are due, a batch at a time: messages stored one by one
(an integration's review requests, each in a request of its own) go out in batches over one connection,
not a task each. A message due now asks for that task only when none is queued yet: a flag in Huey's
storage (``send-due.<organization>``) says one is. The task clears the flag *before* it claims, so a
message committed after the claim finds no flag and queues the next task, and a message that found the
flag was committed before the flag was cleared, so the claim that follows sees it. A task due now waits
SEND_GATHER_SECONDS first, its flag up, so that a burst goes out as one batch. A message due later
gets a task of its own at its time.
"""
import random
import time

from flask import current_app
from huey import crontab

from nudgeweb.delivery import engine, slots
from nudgeweb.delivery.signals import messages_due
from nudgeweb.delivery.transports import sending_settings, uses_own_transport
from nudgeweb.models import utcnow
from nudgeweb.unit_of_work import housekeeping_task, organization_task

SLOT_WAIT_SECONDS = (3, 8)  # a task that finds its organization's slots taken comes back this much later
QUEUED_FLAG_SECONDS = 60  # a flag this old lost its task (its web process died before queueing it): taken over


@organization_task()
def send_due_messages(organization_id, due_by=None):
    """Send a batch of the organization's messages due now (or by ``due_by``: the task queued for a
    later moment); another task follows while more are due. Safe to run twice. Through an
    organization's own server, only a few of its tasks run at once (delivery.slots), so that a slow
    server holds its owner's sends and never every worker."""
    gather = current_app.config["SEND_GATHER_SECONDS"]
    if due_by is None and gather:
        time.sleep(gather)  # the flag still up: the messages of a burst committed meanwhile join this batch
    slots.release(slots.queued_flag(organization_id))  # first: what is committed from now on queues another task
    if not engine.any_due(organization_id, due_by):
        return 0  # sent by another task: one read, not the settings too
    settings = sending_settings(organization_id)
    if not uses_own_transport(settings):
        return _send_a_batch(organization_id, due_by, settings)
    with slots.organization_slot(organization_id) as held:
        if not held:
            send_due_messages.schedule(args=(organization_id.hex, due_by), delay=random.uniform(*SLOT_WAIT_SECONDS))
            return 0
        return _send_a_batch(organization_id, due_by, settings)


def _send_a_batch(organization_id, due_by, settings):
    claimed = engine.claim(organization_id, due_by=due_by)
    sent = engine.send_batch(organization_id, claimed, settings)
    if len(claimed) >= current_app.config["SEND_BATCH_SIZE"]:  # more may be due: after the tasks queued meanwhile
        queue_send(organization_id, due_by)
    return sent


@housekeeping_task(crontab(minute="*"))
def recover_stalled_sends():
    """Every minute: messages whose worker died go back in the queue."""
    return engine.recover_stalled()


@messages_due.connect
def queue_send(organization_id, send_at=None):
    """Messages of the organization are committed: the task that sends them, now unless one is queued
    already, or at ``send_at``."""
    if send_at is not None and send_at > utcnow():
        send_due_messages.schedule(args=(organization_id.hex, send_at), eta=send_at)
        return
    flag = slots.queued_flag(organization_id)
    if not slots.held(flag) and slots.take(flag, QUEUED_FLAG_SECONDS) is not None:
        send_due_messages(organization_id.hex)
