"""How review requests hear about other areas: new organizations and delivery events. The receivers
flush, never commit: their work joins the transaction that sent the signal."""
from nudgeweb.delivery.events import told_by_purpose
from nudgeweb.delivery.signals import message_event, messages_event
from nudgeweb.models import db
from nudgeweb.models.reviews import ReviewRequest
from nudgeweb.reviews import operations
from nudgeweb.reviews.settings import give_defaults
from nudgeweb.signals import organization_created


def connect():
    organization_created.connect(give_defaults)
    told_by_purpose("review_request", ("sent", "failed", "bounced"))  # (operations.on_message_event's lines)
    message_event.connect(on_message_event, sender="review_request")
    messages_event.connect(on_messages_event, sender="review_request")


def on_messages_event(sender=None, messages=(), event=None, **extra):
    """A batch of the send engine's messages, the session flushed (delivery.events.announce_all): "sent" is
    recorded in bulk (operations.messages_sent), then the requests this session holds are read again when next
    used; any other event one message at a time."""
    messages = [message for message in messages if message.purpose_id]
    if event != "sent":
        for message in messages:
            on_message_event(message=message, event=event)
        return
    for organization_id in {message.organization_id for message in messages}:
        operations.messages_sent(organization_id, [m for m in messages if m.organization_id == organization_id])
    for request_id in {operations.request_id_of(message) for message in messages}:
        if (request := _held(request_id)) is not None:
            db.session.expire(request)


def on_message_event(sender=None, message=None, event=None, **extra):
    """A message of a review request was sent, failed, bounced ...: move the request on."""
    if message is None or getattr(message, "purpose", None) != "review_request" or not message.purpose_id:
        return
    request = _current(operations.request_id_of(message))
    if request is None or request.organization_id != message.organization_id:
        return
    operations.on_message_event(request, event, reason=getattr(message, "error", None),
                                kept_in_outbox=getattr(message, "backend", None) == "outbox")


def _held(request_id):
    return db.session.identity_map.get(db.session.identity_key(ReviewRequest, request_id))


def _current(request_id):
    """The request as stored, unless this transaction changed it already (two messages of one request announced
    without a flush in between): then as changed."""
    known = _held(request_id)
    if known is not None and db.session.is_modified(known):
        return known
    return db.session.get(ReviewRequest, request_id, populate_existing=True)
