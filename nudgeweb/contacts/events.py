"""The contacts' domain events (contact.created, .updated, .deleted, .subscribed, .unsubscribed),
recorded from the contacts' signals in the transaction of the change: webhooks and automations read them."""
from nudgeweb.contacts import signals
from nudgeweb.domain_events import record_event, record_events
from nudgeweb.models import utcnow

FIELDS = ("id", "email", "phone", "first_name", "last_name", "status", "source")


def contact_data(contact, **metadata):
    """A contact as its events carry it (seed 001's shape: ids as strings, a timestamp, metadata)."""
    return _event_data({name: getattr(contact, name) for name in FIELDS}, contact.tags, metadata)


def record_created_in_bulk(organization_id, contacts, metadata=None):
    """contact.created for contacts inserted in bulk (an import): ``contacts`` are (row values, tags);
    ``metadata`` (the import's id, and whether it enters automations) goes in each event."""
    record_events("contact.created", [_event_data(values, tags, metadata or {}) for values, tags in contacts],
                  organization_id)


def _event_data(values, tags, metadata):
    return {
        "contact_id": str(values["id"]), "email": values["email"], "phone": values["phone"],
        "first_name": values["first_name"] or None, "last_name": values["last_name"] or None,
        "status": values["status"], "source": values["source"], "tags": sorted(tags or ()),
        "timestamp": utcnow().strftime("%Y-%m-%dT%H:%M:%SZ"),
        "metadata": {name: value for name, value in metadata.items() if value is not None},
    }


def on_created(contact, metadata=None):
    record_event("contact.created", contact_data(contact, **(metadata or {})), contact.organization_id)


def on_updated(contact, fields=()):
    record_event("contact.updated", contact_data(contact, fields=list(fields)), contact.organization_id)


def on_deleted(contact):
    data = {"contact_id": str(contact.id), "email": contact.email, "phone": contact.phone,
            "timestamp": utcnow().strftime("%Y-%m-%dT%H:%M:%SZ"), "metadata": {}}
    record_event("contact.deleted", data, contact.organization_id)


def on_subscribed(contact):
    record_event("contact.subscribed", contact_data(contact), contact.organization_id)


def on_unsubscribed(contact, reason=None, feedback=None):
    record_event("contact.unsubscribed", contact_data(contact, reason=reason, feedback=feedback),
                 contact.organization_id)


def connect():
    signals.contact_created.connect(on_created)
    signals.contact_updated.connect(on_updated)
    signals.contact_deleted.connect(on_deleted)
    signals.contact_subscribed.connect(on_subscribed)
    signals.contact_unsubscribed.connect(on_unsubscribed)
