"""The signals of delivery.

``message_event``: what happened to a message, for the areas that sent it. Sent with the message's
``purpose`` as sender (so ``message_event.connect(fn, sender="review_request")`` hears only its own
messages) and the keywords ``message=`` (a ``Message``) and ``event=`` (one of "sent", "delivered",
"opened", "clicked", "bounced", "complained", "unsubscribed", "failed"); a click also carries ``url=``,
a failure or bounce ``reason=`` (also in ``message.error``). It is sent in the transaction that records
the event: receivers change their rows and flush, never commit, and their work commits with it.

``messages_event``: the same for a batch of messages of one purpose that had the same event (the send
engine's sends), with ``messages=`` (a list) and ``event=``. A purpose that connects to it hears of its
sent batches this way (one read for the batch's rows), and of everything else through ``message_event``.

``messages_due``: stored messages wait to be sent. Sent after the commit (``after_commit_together``:
once per transaction and moment) with the organization id as sender and ``send_at=`` (None: now);
delivery.tasks queues the task that sends the organization's due messages.
"""
from blinker import Namespace

delivery_signals = Namespace()

message_event = delivery_signals.signal("message-event")
messages_event = delivery_signals.signal("messages-event")
messages_due = delivery_signals.signal("messages-due")
