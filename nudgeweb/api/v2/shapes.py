"""The resources seed 001 shows in a shape of its own at /api/v2 (all others need nothing here)."""
from flask import g
from sqlalchemy import func, select

from nudgeweb.api.documents import iso
from nudgeweb.api.v2.documents import shape
from nudgeweb.extensions import db
from nudgeweb.models import Message


def contact_stats(contact_id):
    """Seed 001's contact stats, from the contact's messages: campaigns received, opened and clicked, and
    when they last opened or clicked anything."""
    campaign = Message.purpose == "campaign"
    row = db.session.execute(select(
        func.count().filter(campaign), func.count(Message.opened_at).filter(campaign),
        func.count(Message.clicked_at).filter(campaign), func.max(Message.opened_at), func.max(Message.clicked_at),
    ).where(Message.organization_id == g.credential.organization_id, Message.contact_id == contact_id)).one()
    received, opened, clicked, last_opened, last_clicked = row
    return {"campaigns_received": received, "campaigns_opened": opened, "campaigns_clicked": clicked,
            "last_opened_at": iso(last_opened), "last_clicked_at": iso(last_clicked)}


def contact_organization():
    # (``lists`` is one of the contact's own attributes, in both versions)
    return {"organization_id": str(g.credential.organization_id)}


def contact_extras(contact):
    return {"stats": contact_stats(contact.id)}


def activity_item(resource, activity):
    """Seed 001's activity item: {type: "email_sent", campaign_id, timestamp, metadata}."""
    data = activity.data or {}
    kind = activity.kind
    if kind.startswith("message.") and data.get("channel") in ("email", "sms"):
        kind = f"{data['channel']}_{kind.removeprefix('message.')}"
    return {
        "id": resource["id"], "type": kind.replace(".", "_"),
        "campaign_id": data.get("purpose_id") if data.get("purpose") == "campaign" else None,
        "timestamp": resource["attributes"]["occurred_at"],
        "metadata": {"summary": activity.summary, **data},
    }


def import_item(resource, _row):
    attributes = resource["attributes"]
    return {"id": resource["id"], **attributes, "total_rows": attributes.get("total")}


CONTACT_EXTRAS = {"type": "object", "properties": {
    "organization_id": {"type": "string"},
    "stats": {"type": "object", "description": "On a single contact, not in lists.", "properties": {
        "campaigns_received": {"type": "integer"}, "campaigns_opened": {"type": "integer"},
        "campaigns_clicked": {"type": "integer"}, "last_opened_at": {"type": ["string", "null"]},
        "last_clicked_at": {"type": ["string", "null"]}}}}}

shape("contacts", common=contact_organization, more=contact_extras, more_schema=CONTACT_EXTRAS)
shape("contact_activities", item=activity_item)
shape("contact_imports", item=import_item)
shape("api_keys", flat=True)
shape("users", flat=True)
