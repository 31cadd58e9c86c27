"""Runs automations: enrols contacts, runs each enrolment's steps on time and exactly once.

(The interface the API and pages call; the engine issue fills it in.)
"""


def enroll(automation, contact, *, data=None, source="trigger"):
    """Enrol ``contact`` if the automation's entry rule allows; the enrolment, or None when it may not enter."""
    raise NotImplementedError


def started(automation):
    """The automation was started (or started again after a pause): schedule every held enrolment."""
    raise NotImplementedError


def paused(automation):
    """The automation was paused: hold every enrolment where it is."""
    raise NotImplementedError


def steps_changed(automation, old_steps):
    """The steps were edited: enrolments on a removed step move to the step after it."""
    raise NotImplementedError


def stats(automation):
    """Seed 001's stats: total_enrolled, currently_active, completed, stopped."""
    raise NotImplementedError


def step_counts(automation):
    """{step_id: {"waiting": n, "passed": n, "left": n}}."""
    raise NotImplementedError


def dry_run(automation, contact, start_at=None):
    """What would happen to ``contact`` and when, as a list of {"at", "step_id", "text"}; changes nothing."""
    raise NotImplementedError
