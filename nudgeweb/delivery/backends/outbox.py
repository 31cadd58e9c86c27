"""The default backend: nothing leaves the machine; the message is kept and shown on /outbox."""
from nudgeweb.delivery.backends import Backend


class OutboxBackend(Backend):
    name = "outbox"

    def send(self, message, unsubscribe_url=None):
        return f"outbox-{message.id.hex}"
