"""The signal of automations, sent after the commit (``after_commit``) with the organization id as sender;
automations.tasks queues the Huey task.

- ``steps_due``: the automation's enrolments due at ``eta`` (None: now) run their steps (``automation_id=``).
"""
from blinker import Namespace

automation_signals = Namespace()

steps_due = automation_signals.signal("automation-steps-due")
