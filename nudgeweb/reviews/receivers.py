"""How review requests hear about other areas: new organizations and delivery events. The receivers
flush, never commit: their work joins the transaction that sent the signal."""
import uuid

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from nudgeweb.delivery.events import told_by_purpose
from nudgeweb.delivery.signals import message_event, message_events_coming
from nudgeweb.models import db
from nudgeweb.models.contacts import Contact
from nudgeweb.models.reviews import ReviewRequest
from nudgeweb.reviews import operations
from nudgeweb.reviews.settings import give_defaults
from nudgeweb.signals import organization_created
from nudgeweb.unit_of_work import once_per_transaction


def connect():
    organization_created.connect(give_defaults)
    told_by_purpose("review_request", ("sent", "failed", "bounced"))  # (operations.on_message_event's lines)
    message_event.connect(on_message_event, sender="review_request")
    message_events_coming.connect(read_requests_of, sender="review_request")


def read_requests_of(sender=None, messages=()):
    """The send engine's batch is about to be announced: its requests (with their contacts) as stored,
    in one query; on_message_event takes them from here rather than reading each again."""
    ids = {_request_id(message) for message in messages if message.purpose_id}
    fresh = _fresh_requests()
    fresh.update({request.id: request for request in db.session.scalars(
        select(ReviewRequest).where(ReviewRequest.id.in_(ids - fresh.keys()))
        .options(selectinload(ReviewRequest.contact).lazyload(Contact.tag_rows))  # (their tags are not needed here)
        .execution_options(populate_existing=True))})


def _fresh_requests():
    """{id: request} read as stored in this transaction (read_requests_of), forgotten at its commit."""
    return once_per_transaction("review_requests_read_for_events", dict)


def _request_id(message):
    return message.purpose_id if isinstance(message.purpose_id, uuid.UUID) else uuid.UUID(str(message.purpose_id))


def on_message_event(sender=None, message=None, event=None, **extra):
    """A message of a review request was sent, failed, bounced ...: move the request on."""
    if message is None or getattr(message, "purpose", None) != "review_request" or not message.purpose_id:
        return
    request = _current(_request_id(message))
    if request is None or request.organization_id != message.organization_id:
        return
    operations.on_message_event(request, event, reason=getattr(message, "error", None),
                                kept_in_outbox=getattr(message, "backend", None) == "outbox")


def _current(request_id):
    """The request as stored (read by read_requests_of for this batch, else now), unless this transaction
    changed it already (a batch announced without flushing in between, two of whose messages are this
    request's): then as changed."""
    known = db.session.identity_map.get(db.session.identity_key(ReviewRequest, request_id))
    if known is not None and (db.session.is_modified(known) or _fresh_requests().get(request_id) is known):
        return known
    return db.session.get(ReviewRequest, request_id, populate_existing=True)
