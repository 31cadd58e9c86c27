"""Signals that let areas react to each other without importing each other.

``organization_created(organization)`` is sent when a new organization has been flushed (and put
in force), before the commit, so that areas can give it their defaults (starter templates, review
settings ...) in the same transaction: one sign-up is one transaction. Receivers flush, never commit.

``credentials_changed()`` is sent after the commit of a change to what a credential grants (an API
key, an OAuth token or app, a membership, a user, an organization's API settings): the operation
asks for it with ``after_commit(credentials_changed.send)``, and the API's cache of verified
credentials forgets them all (nudgeweb/api/credentials.py), so this process honours a revocation at once.
"""
from blinker import Namespace

nudge_signals = Namespace()

organization_created = nudge_signals.signal("organization-created")
credentials_changed = nudge_signals.signal("credentials-changed")
