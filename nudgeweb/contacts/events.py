"""The contacts' domain events (contact.created, .updated, .deleted, .subscribed, .unsubscribed),
recorded from the contacts' signals in the transaction of the change: webhooks and automations read them."""
from nudgeweb.contacts import signals
from nudgeweb.domain_events import record_event
from nudgeweb.models import utcnow


def contact_data(contact, **metadata):
    """A contact as its events carry it (seed 001's shape: ids as strings, a timestamp, metadata)."""
    return {
        "contact_id": str(contact.id), "email": contact.email, "phone": contact.phone,
        "first_name": contact.first_name or None, "last_name": contact.last_name or None,
        "status": contact.status, "source": contact.source, "tags": contact.tags,
        "timestamp": utcnow().strftime("%Y-%m-%dT%H:%M:%SZ"),
        "metadata": {name: value for name, value in metadata.items() if value is not None},
    }


def on_created(contact):
    record_event("contact.created", contact_data(contact), contact.organization_id)


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
