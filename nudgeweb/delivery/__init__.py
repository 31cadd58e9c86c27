"""The one send engine: every email and SMS of every area goes through here.

- ``queue_message(contact, channel, template, variables=None, *, purpose, purpose_id=None, send_at=None,
  track=True, marketing=True, context=None) -> Message`` renders, checks consent and quiet hours,
  stores the row and schedules its send (raises TemplateRenderError before storing anything).
- ``queue_messages(organization, contacts, ...)`` does the same for a list or a Select of contacts in
  batches (campaigns, bulk review requests); ``queue_direct(...)`` sends to an address that is not a
  contact (a test to yourself).
- ``cancel_queued(organization_id, purpose, purpose_id)`` cancels what of a purpose still waits to go
  (a cancelled review request's message held by quiet hours).
- ``signals.message_event`` tells other areas what happened (sender: the message's purpose).
- Models: ``nudgeweb.models.messages.Message`` / ``MessageEvent`` / ``SendingSettings``.
"""
from nudgeweb.delivery.operations import QueueResult, cancel_queued, queue_direct, queue_message, queue_messages  # noqa: F401
