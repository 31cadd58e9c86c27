"""Signals sent when contacts change, so that webhooks and automations react without being imported here.

Each is sent with the contact as sender, inside the transaction that made the change:
contact_created (metadata= what its event carries, or None), contact_updated (fields=[...]), contact_subscribed, contact_unsubscribed
(reason=, feedback=), contact_tagged (tag=name, lower-cased), contact_deleted (before the delete).
"""
from blinker import Namespace

contact_signals = Namespace()

contact_created = contact_signals.signal("contact-created")
contact_updated = contact_signals.signal("contact-updated")
contact_subscribed = contact_signals.signal("contact-subscribed")
contact_unsubscribed = contact_signals.signal("contact-unsubscribed")
contact_tagged = contact_signals.signal("contact-tagged")
contact_deleted = contact_signals.signal("contact-deleted")
