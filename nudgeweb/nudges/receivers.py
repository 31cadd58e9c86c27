"""How nudges hear about other areas: the delivery engine's events on their messages, and STOP/START
replies by SMS. Receivers flush, never commit: their work joins the transaction that sent the signal."""
from sqlalchemy import select

from nudgeweb.delivery.signals import message_event, messages_event
from nudgeweb.models import db
from nudgeweb.models.employees import Nudge
from nudgeweb.nudges.sending import on_nudge_message


def connect():
    message_event.connect(on_message_event, sender="nudge")
    messages_event.connect(on_messages_event, sender="nudge")


def on_message_event(sender=None, message=None, event=None, **extra):
    if message is None or not message.purpose_id:
        return
    nudge = db.session.get(Nudge, message.purpose_id)
    if nudge is None or nudge.organization_id != message.organization_id:
        return
    on_nudge_message(nudge, event, message.error, message.sent_at)


def on_messages_event(sender=None, messages=(), event=None, **extra):
    """A batch of nudges' messages (the engine's sends): their nudges read at once."""
    ids = {message.purpose_id for message in messages if message.purpose_id}
    nudges = {nudge.id: nudge for nudge in db.session.scalars(select(Nudge).where(
        Nudge.id.in_(ids), Nudge.organization_id.in_({message.organization_id for message in messages})))}
    for message in messages:
        nudge = nudges.get(message.purpose_id)
        if nudge is not None and nudge.organization_id == message.organization_id:
            on_nudge_message(nudge, event, message.error, message.sent_at)
