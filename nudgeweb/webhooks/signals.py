"""The signal of webhooks: ``webhooks_due``, sent after the commit (``after_commit``) with the organization
id as sender and ``eta=`` (None: now); webhooks.tasks queues the delivery task."""
from blinker import Namespace

webhook_signals = Namespace()

webhooks_due = webhook_signals.signal("webhooks-due")
