"""Leases in Huey's storage (SQLite or Redis, shared by every process): a send slot of an
organization, and the flag that says a "send what is due" task of an organization is queued.

A lease is a key taken with ``put_if_empty``. Its value says until when it holds, so that the key
of a process that died (a slot's worker, a web process stopped between taking the flag and
queueing its task) is taken over once that time has passed.

At most SEND_CONCURRENCY_PER_ORGANIZATION send tasks of one organization run at once through its
own server: each holds one of its slots.
"""
import time
import uuid
from contextlib import contextmanager

from flask import current_app

from nudgeweb.extensions import huey


@contextmanager
def organization_slot(organization_id):
    """Yields True with one of the organization's slots held (released on leaving), False when all are taken."""
    config = current_app.config
    held = None
    for number in range(config["SEND_CONCURRENCY_PER_ORGANIZATION"]):
        key = f"send-slot.{organization_id.hex}.{number}"
        lease = take(key, config["SEND_LEASE_SECONDS"])
        if lease is not None:
            held = key, lease
            break
    try:
        yield held is not None
    finally:
        if held is not None and huey.get(held[0], peek=True) == held[1]:
            huey.delete(held[0])


def take(key, seconds):
    """Our lease on ``key`` for ``seconds`` if it was free (unset, or its lease ran out), else None."""
    lease = (uuid.uuid4().hex, time.time() + seconds)
    return lease if huey.put_if_empty(key, lease) or _took_over_expired(key, lease) else None


def queued_flag(organization_id):
    """The key that says a send task of the organization is queued (delivery.tasks)."""
    return f"send-due.{organization_id.hex}"


def release(key):
    huey.delete(key)


def held(key):
    """Whether ``key`` is taken and its lease still runs (one read)."""
    current = huey.get(key, peek=True)
    return current is not None and current[1] > time.time()


def _took_over_expired(key, lease):
    current = huey.get(key, peek=True)
    if current is None or current[1] > time.time():
        return False
    taken = huey.get(key)  # removes it
    if taken is not None and taken != current:  # another worker took it over meanwhile: give it back
        huey.put_if_empty(key, taken)
        return False
    return huey.put_if_empty(key, lease)
