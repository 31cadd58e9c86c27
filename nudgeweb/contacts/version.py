"""Each organization's contacts version: it changes in the same transaction as any write to the
organization's contacts or their tags, so that what is worked out from them (a list's
total_records) can be kept under (organization, version) and is never stale.

Writes through the ORM (a Contact or a Tag added, changed or deleted) are noticed when the
session flushes; a Core or bulk write calls ``contacts_changed(organization_id)``. Either way
the version goes up once per transaction, as its last statement before the commit, so a bulk
import costs one UPDATE a chunk and the row lock is held only for the commit.
"""
from sqlalchemy import event, update
from sqlalchemy.orm import Session

from nudgeweb.models import Contact, Organization, Tag

_CHANGED = "contacts_changed"  # key in Session.info: the organizations whose contacts this transaction wrote


def contacts_changed(organization_id, session=None):
    """Say that this transaction wrote the organization's contacts or tags outside the ORM."""
    from nudgeweb.models import db

    (session or db.session()).info.setdefault(_CHANGED, set()).add(organization_id)


def _note(session, rows):
    for row in rows:
        if isinstance(row, (Contact, Tag)):
            session.info.setdefault(_CHANGED, set()).add(row.organization_id)


@event.listens_for(Session, "before_flush")
def _note_deletes(session, _context, _instances):
    _note(session, session.deleted)  # before the flush: a deleted row's attributes can still be loaded


@event.listens_for(Session, "after_flush")
def _note_inserts_and_updates(session, _context):
    _note(session, session.new)  # after the flush: a new contact's organization_id is set
    _note(session, session.dirty)


@event.listens_for(Session, "before_commit")
def _bump_versions(session):
    if session.in_nested_transaction():  # a savepoint: the outer transaction bumps when it commits
        return
    session.flush()  # the commit's own flush would come after this hook
    changed = session.info.pop(_CHANGED, None)
    if changed:
        # On the session's connection, not session.execute: a Core UPDATE of organizations there
        # would make the API forget its cached credentials (api/credentials.py).
        session.connection().execute(
            update(Organization).where(Organization.id.in_(sorted(changed, key=str)))
            .values(contacts_version=Organization.contacts_version + 1)
        )
