"""Signals that let areas react to each other without importing each other.

``organization_created(organization)`` is sent once a new organization is committed, so that
areas can give it their defaults (starter templates, review settings ...). Receivers commit
their own work.
"""
from blinker import Namespace

nudge_signals = Namespace()

organization_created = nudge_signals.signal("organization-created")
