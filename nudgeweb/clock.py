"""The time Nudge's schedules see (review steps, nudges, webhook retries): real UTC time, or a time a test sets.

Huey's schedule runs on real time; a test that moves this clock forward runs the due tasks with
``huey.read_schedule(clock.now())`` and ``huey.execute(task, clock.now())``.
"""
from datetime import timezone

from nudgeweb.models.base import utcnow

_frozen = None


def now():
    return _frozen or utcnow()


def travel_to(moment):
    """Freeze the clock at ``moment`` (an aware datetime); None goes back to real time."""
    global _frozen
    _frozen = moment.astimezone(timezone.utc) if moment is not None else None


def huey_timestamp(moment=None):
    """``moment`` (default now()) as Huey counts time: naive UTC."""
    return (moment or now()).astimezone(timezone.utc).replace(tzinfo=None)
