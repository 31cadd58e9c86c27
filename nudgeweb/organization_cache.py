"""What an organization's settings say, kept a moment in each process: the checks that every
request and every message makes (may it send to customers, is an automation listening) read their
rows once every ORGANIZATION_CACHE_SECONDS, not once a request. (Not for rows that others point at:
a webhook endpoint deleted a second ago must not get a delivery, whose foreign key would fail.)

    listening = organization_cache.cached(organization_id, "automations", read)  # read() -> plain values

A value is kept per process and organization, for ORGANIZATION_CACHE_SECONDS (config.py; 0 turns
the cache off). A write through the session to a watched model (``watch(Model, ...)``, by the area
that owns the model) forgets its organization's values in this process once the write commits;
the transaction that writes reads its own rows, uncached. The other processes see the change when
their copy expires, within the same seconds. So cache plain values (tuples, frozen dataclasses), never
ORM objects, and only what such a delay cannot harm. A watched model without an organization (a user)
forgets every organization's values. ``organization(id)`` gives the organization's row as an object of
the current session, made from such values (the organization itself is watched).
"""
import threading
import time

from flask import current_app
from sqlalchemy import event

from nudgeweb.bulk import as_loaded
from nudgeweb.extensions import db
from nudgeweb.models.accounts import Organization

_watched = {Organization}
_entries = {}  # {(app id, organization id, name): (expires, value)}
_lock = threading.Lock()
_WROTE = "organization_cache_wrote"  # session.info: the organizations whose watched rows the transaction wrote
ALL = "all"


def watch(*models):
    """Writes to these models (each with an ``organization_id``) change what is cached."""
    _watched.update(models)


def cached(organization_id, name, read):
    """``read()``'s value for ``organization_id``, read again once it is older than the cache's seconds."""
    seconds = current_app.config["ORGANIZATION_CACHE_SECONDS"]
    if seconds <= 0 or db.session().info.get(_WROTE, set()) & {organization_id, ALL}:
        return read()
    key, now = (id(current_app._get_current_object()), organization_id, name), time.monotonic()
    entry = _entries.get(key)
    if entry is not None and entry[0] > now:
        return entry[1]
    value = read()
    with _lock:
        _entries[key] = (now + seconds, value)
    return value


def organization(organization_id):
    """The organization as an object of this transaction's session (None when there is none), made from its
    values kept a moment rather than read: its counters (contacts_version, nudges_version) and updated_at,
    which other transactions bump, stay unloaded and are read when asked."""
    session = db.session()
    key = session.identity_key(Organization, organization_id)
    found = session.identity_map.get(key)
    if found is None:
        values = cached(organization_id, "organization", lambda: _kept_values(session.get(Organization, organization_id)))
        found = session.identity_map.get(key) or (values and as_loaded(Organization, values))
    return found


_BUMPED = {"contacts_version", "nudges_version", "updated_at"}


def _kept_values(organization):
    if organization is None:
        return None
    return {column.key: getattr(organization, column.key) for column in Organization.__table__.columns
            if column.key not in _BUMPED}


def forget(organization_id):
    """Drop this process's values of ``organization_id`` (a watched row of it was written)."""
    with _lock:
        for key in [key for key in _entries if organization_id in (key[1], ALL)]:
            del _entries[key]


@event.listens_for(db.session, "before_flush")
def _note_written(session, _flush_context, _instances):
    organizations = {getattr(instance, "organization_id", ALL)
                     for instance in (*session.new, *session.dirty, *session.deleted) if type(instance) in _watched}
    if organizations:
        session.info.setdefault(_WROTE, set()).update(organizations)


@event.listens_for(db.session, "after_commit")
def _forget_written(session):
    for organization_id in session.info.pop(_WROTE, ()):
        forget(organization_id)


@event.listens_for(db.session, "after_rollback")
def _nothing_written(session):
    session.info.pop(_WROTE, None)
