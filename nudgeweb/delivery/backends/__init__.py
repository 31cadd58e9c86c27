"""Where messages go: the local outbox, an SMTP server, or Twilio.

A backend is used as a context manager around a batch (so an SMTP connection is opened once)
and its ``send(message)`` returns the provider's id for the message or raises ``SendError``.
"""


class SendError(Exception):
    """A send that did not happen. ``permanent``: retrying will not help; ``bounce``: the address is bad."""

    def __init__(self, reason, permanent=False, bounce=False):
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent or bounce
        self.bounce = bounce


class Backend:
    name = "base"
    # The message leaves the machine: its receipt is committed before the next one goes, so that a
    # crash later in the batch never sends it again (engine._Receipts).
    leaves_the_machine = True

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def close(self):
        pass

    def send(self, message, unsubscribe_url=None):
        raise NotImplementedError
