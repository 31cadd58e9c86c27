"""The default backend: nothing leaves the machine; the message is kept and shown on /outbox."""
from nudgeweb.delivery.backends import Backend


class OutboxBackend(Backend):
    name = "outbox"
    # Kept, not sent: after a crash, "sending" it again changes nothing. Its receipt is recorded
    # with the batch's other sends, in the batch's one transaction (no commit per message).
    leaves_the_machine = False

    def send(self, message, unsubscribe_url=None):
        return f"outbox-{message.id.hex}"
