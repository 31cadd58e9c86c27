"""How review requests hear about other areas: new organizations and delivery events. The receivers
flush, never commit: their work joins the transaction that sent the signal."""
import uuid

from nudgeweb.delivery.signals import message_event
from nudgeweb.models import db
from nudgeweb.models.reviews import ReviewRequest
from nudgeweb.reviews import operations
from nudgeweb.reviews.settings import give_defaults
from nudgeweb.signals import organization_created


def connect():
    organization_created.connect(give_defaults)
    message_event.connect(on_message_event, sender="review_request")


def on_message_event(sender=None, message=None, event=None, **extra):
    """A message of a review request was sent, failed, bounced ...: move the request on."""
    if message is None or getattr(message, "purpose", None) != "review_request" or not message.purpose_id:
        return
    request_id = message.purpose_id if isinstance(message.purpose_id, uuid.UUID) else uuid.UUID(str(message.purpose_id))
    request = _current(request_id)
    if request is None or request.organization_id != message.organization_id:
        return
    operations.on_message_event(request, event, reason=getattr(message, "error", None),
                                kept_in_outbox=getattr(message, "backend", None) == "outbox")


def _current(request_id):
    """The request as stored, unless this transaction changed it already (a batch announced without
    flushing in between, two of whose messages are this request's): then as changed."""
    known = db.session.identity_map.get(db.session.identity_key(ReviewRequest, request_id))
    if known is not None and db.session.is_modified(known):
        return known
    return db.session.get(ReviewRequest, request_id, populate_existing=True)
