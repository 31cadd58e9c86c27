"""Messages (seed 003 "Messages API"): send one email or SMS with a template, then follow its status."""
import uuid
from datetime import datetime
from typing import Literal

from pydantic import Field

from nudgeweb.api import Attributes, Body, ListSpec, ResourceType, api_route, documents, iso, vocabulary
from nudgeweb.api.credentials import current_credential
from nudgeweb.api.errors import bad_parameter
from nudgeweb.delivery.api import message_events, messages_query, send_api_message
from nudgeweb.models import Message
from nudgeweb.models.messages import MESSAGE_CHANNELS, MESSAGE_STATUSES
from nudgeweb.scoping import get_or_404


class MessageAttributes(Attributes):
    channel: vocabulary("MessageChannel", MESSAGE_CHANNELS) | None = Field(None, examples=["sms"])
    to: str | None = Field(None, examples=["+254722000000"])
    status: vocabulary("MessageStatus", MESSAGE_STATUSES) | None = Field(None, examples=["sent"])
    purpose: str | None = Field(None, examples=["api"])
    purpose_id: str | None = None
    contact_id: str | None = None
    template_id: str | None = None
    subject: str | None = None
    text: str | None = Field(None, description="The email's text part, or the SMS body.")
    error: str | None = Field(None, description="Why the message failed, bounced or waits for a retry.")
    attempts: int | None = None
    provider_id: str | None = None
    send_at: datetime | None = None
    sent_at: datetime | None = None
    delivered_at: datetime | None = None
    opened_at: datetime | None = None
    clicked_at: datetime | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    events: list[dict] | None = Field(None, description="What happened to it (on GET of one message).")


class MessageIn(Body):
    channel: Literal["email", "sms"] = Field(examples=["sms"])
    to: str | None = Field(None, max_length=254, examples=["+254722000000"],
                           description="An email address or phone number; the contact is found or created.")
    contact_id: uuid.UUID | None = Field(None, description="Instead of `to`: an existing contact.")
    template: str = Field(min_length=1, max_length=200, examples=["order-confirmation"],
                          description="The template's id or name.")
    variables: dict = Field(default_factory=dict, examples=[{"name": "Ada", "order_id": "AC-1042"}])
    send_at: datetime | None = Field(None, examples=["2026-07-01T09:00:00Z"], description="Later, not now.")
    track: bool = Field(True, description="Open and click tracking (email).")
    marketing: bool = Field(True, description="False for transactional messages (no unsubscribe link).")


def _attributes(message):
    return {
        "channel": message.channel, "to": message.to, "status": message.status, "purpose": message.purpose,
        "purpose_id": str(message.purpose_id) if message.purpose_id else None,
        "contact_id": str(message.contact_id) if message.contact_id else None,
        "template_id": str(message.template_id) if message.template_id else None,
        "subject": message.subject, "text": message.text, "error": message.error, "attempts": message.attempts,
        "provider_id": message.provider_id, "send_at": iso(message.send_at), "sent_at": iso(message.sent_at),
        "delivered_at": iso(message.delivered_at), "opened_at": iso(message.opened_at),
        "clicked_at": iso(message.clicked_at), "created_at": iso(message.created_at),
        "updated_at": iso(message.updated_at),
    }


# Bodies hold customers' one-click unsubscribe links: read by the same people as the Outbox.
READ_NEEDS_ADMIN = ("For owners and admins, as the Outbox. Links that are credentials (an invitation to join the "
                    "team) are never in a stored body: `text` shows a placeholder where the email had the link.")
MESSAGES = ResourceType("messages", _attributes, MessageAttributes, path="/messages")
MESSAGE_LIST = ListSpec(
    filters={"status": "queued, sending, sent, delivered, failed, bounced or cancelled", "channel": "email or sms",
             "contact_id": "The contact's id", "purpose": "e.g. api, campaign, review_request",
             "created_after": "ISO 8601 time"},
    sorts={"created_at": Message.created_at}, id_column=Message.id,
)


@api_route("/messages", "POST", summary="Send a message", tags=["Messages"], scope="messages:write",
           body=MessageIn, response=MESSAGES, status=201,
           description="Renders the template for the contact and queues the message; the answer has its status "
                       "(`queued`, or `failed` with the reason when the contact may not be messaged).")
def send_message(body):
    message = send_api_message(current_credential().organization_id, body.model_dump())
    return documents.single(MESSAGES, message, status=201,
                            headers={"Location": f"{documents.api_root()}/messages/{message.id}"})


@api_route("/messages/<message_id>", "GET", summary="Get a message and its delivery status", tags=["Messages"],
           scope="messages:read", response=MESSAGES, role="admin",
           description=READ_NEEDS_ADMIN)
def get_message(message_id):
    message = get_or_404(Message, message_id)
    events = [{"type": e.type, "occurred_at": iso(e.occurred_at), "url": e.url, "detail": e.detail}
              for e in message_events(message)]
    return documents.single(MESSAGES, message, extra_attributes={"events": events})


@api_route("/messages", "GET", summary="List messages", tags=["Messages"], scope="messages:read",
           list_spec=MESSAGE_LIST, response=MESSAGES, many=True, role="admin",
           description=READ_NEEDS_ADMIN)
def list_messages(params):
    filters = dict(params.filters)
    if "contact_id" in filters:
        try:
            filters["contact_id"] = uuid.UUID(filters["contact_id"])
        except ValueError:
            raise bad_parameter("filter[contact_id]", "Give a contact's id (a UUID).") from None
    if "created_after" in filters:
        try:
            filters["created_after"] = datetime.fromisoformat(filters["created_after"].replace("Z", "+00:00"))
        except ValueError:
            raise bad_parameter("filter[created_after]", "Give an ISO 8601 time, like 2026-07-01T00:00:00Z.") from None
    statement = messages_query(current_credential().organization_id, filters)
    return documents.list_response(MESSAGES, statement.order_by(None), MESSAGE_LIST, params)
