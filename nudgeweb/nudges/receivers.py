"""How nudges hear about other areas: the delivery engine's events on their messages, and STOP/START
replies by SMS. Receivers flush, never commit: their work joins the transaction that sent the signal."""
from nudgeweb.delivery.signals import message_event
from nudgeweb.models import db
from nudgeweb.models.employees import Nudge
from nudgeweb.nudges.sending import on_nudge_message


def connect():
    message_event.connect(on_message_event, sender="nudge")


def on_message_event(sender=None, message=None, event=None, **extra):
    if message is None or not message.purpose_id:
        return
    nudge = db.session.get(Nudge, message.purpose_id)
    if nudge is None or nudge.organization_id != message.organization_id:
        return
    on_nudge_message(nudge, event, message.error, message.sent_at)
