"""Webhooks: an organization's endpoints receive its domain events, signed, retried for days, logged.

- ``operations``: endpoints (create, change, delete, rotate the secret, turn back on), a test, a
  redelivery, and the checks of a URL (http/https, never a private address).
- ``dispatch``: one delivery per event and endpoint, written in the event's own transaction
  (``domain_events_written``); claimed and POSTed by Huey (``tasks``), retried with backoff, and
  recovered by a sweep when a worker died.
- ``signing``: the secret and the two signatures (``X-NudgeCampaign-Signature`` and Standard Webhooks).
- ``transport``: the POST itself, to a checked address, with no redirects and a time limit.
"""
