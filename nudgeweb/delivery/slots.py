"""At most SEND_CONCURRENCY_PER_ORGANIZATION send tasks of one organization run at once.

A slot is a key in Huey's storage (SQLite or Redis, shared by every consumer), taken with
``put_if_empty``. Its value says until when it is held, so that the slot of a worker that died
is taken over once SEND_LEASE_SECONDS have passed.
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
        lease = (uuid.uuid4().hex, time.time() + config["SEND_LEASE_SECONDS"])
        if huey.put_if_empty(key, lease) or _took_over_expired(key, lease):
            held = key, lease
            break
    try:
        yield held is not None
    finally:
        if held is not None and huey.get(held[0], peek=True) == held[1]:
            huey.delete(held[0])


def _took_over_expired(key, lease):
    current = huey.get(key, peek=True)
    if current is None or current[1] > time.time():
        return False
    taken = huey.get(key)  # removes it
    if taken is not None and taken != current:  # another worker took it over meanwhile: give it back
        huey.put_if_empty(key, taken)
        return False
    return huey.put_if_empty(key, lease)
