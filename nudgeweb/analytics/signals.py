"""Signals of analytics, so that automations react to contact events without being imported here.

- ``contact_events_recorded``: sent with the organization id as sender inside the transaction that
  stored contact events (``rows=``: the rows as dicts: id, contact_id, name, properties, occurred_at).
"""
from blinker import Namespace

analytics_signals = Namespace()

contact_events_recorded = analytics_signals.signal("contact-events-recorded")
