"""What the Messages API does, apart from documents: find the template and the contact, queue the message."""
import uuid

from sqlalchemy import or_, select

from nudgeweb.delivery.operations import queue_message
from nudgeweb.delivery.queries import events_of, messages_query  # noqa: F401  (the API's list)
from nudgeweb.field_errors import FieldErrors
from nudgeweb.models import Contact, Organization, db


class MessageRequestError(FieldErrors):
    """A message that cannot be sent as asked; ``errors`` maps each bad field to its message."""


def find_template(organization_id, id_or_name):
    from nudgeweb.models.templates import MessageTemplate

    condition = MessageTemplate.name == id_or_name
    try:
        condition = or_(condition, MessageTemplate.id == uuid.UUID(id_or_name))
    except ValueError:
        pass
    return db.session.scalar(select(MessageTemplate).where(MessageTemplate.organization_id == organization_id, condition))


def send_api_message(organization_id, data):
    """Queue the message an API client asked for; the contact of ``to`` is found or created (source api).

    Raises MessageRequestError: the request's answer is then an error, and its unit of work rolls
    back whatever was written (a contact made for ``to``)."""
    from nudgeweb.contacts.operations import ContactValidationError, upsert_contact
    from nudgeweb.message_templates.rendering import TemplateRenderError, render_message

    organization = db.session.get(Organization, organization_id)
    channel, errors = data["channel"], {}
    template = find_template(organization_id, data["template"])
    if template is None:
        errors["template"] = "No template has this id or name."
    elif template.channel != channel:
        errors["template"] = f"This is an {template.channel} template; the message is an {channel}."
    contact = None
    if data.get("contact_id"):
        contact = db.session.scalar(select(Contact).where(Contact.organization_id == organization_id,
                                                          Contact.id == data["contact_id"]))
        if contact is None:
            errors["contact_id"] = "No contact has this id."
    elif not data.get("to"):
        errors["to"] = "Give `to` (an email address or a phone number) or `contact_id`."
    if template is not None and "template" not in errors:
        try:  # before a contact is created for ``to``: a template that cannot render changes nothing
            render_message(template, contact or {}, data.get("variables") or {}, context={"unsubscribe_link": ""})
        except TemplateRenderError as error:
            errors["variables"] = str(error)
    if not errors and contact is None and data.get("to"):
        field = "email" if channel == "email" else "phone"
        try:
            contact, _ = upsert_contact(organization, {field: data["to"]}, source="api")
        except ContactValidationError as error:
            errors["to"] = error.errors.get(field) or str(error)
    if errors:
        raise MessageRequestError(errors)
    try:
        return queue_message(contact, channel, template, data.get("variables") or {}, purpose="api",
                             send_at=data.get("send_at"), track=data.get("track", True),
                             marketing=data.get("marketing", True))
    except TemplateRenderError as error:
        raise MessageRequestError({"variables": str(error)}) from None


def message_events(message):
    return db.session.scalars(events_of(message)).all()
