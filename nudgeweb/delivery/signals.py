"""``message_event``: what happened to a message, for the areas that sent it.

Sent with the message's ``purpose`` as sender (so ``message_event.connect(fn, sender="review_request")``
hears only its own messages) and the keywords ``message=`` (a ``Message``) and ``event=`` (one of
"sent", "delivered", "opened", "clicked", "bounced", "complained", "unsubscribed", "failed"); a click
also carries ``url=``, a failure or bounce ``reason=`` (also in ``message.error``). It is sent after the event is committed; receivers commit their own work.
"""
from blinker import Namespace

delivery_signals = Namespace()

message_event = delivery_signals.signal("message-event")
