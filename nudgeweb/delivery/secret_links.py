"""Links that are credentials (an invitation to join a team; later a password reset or an employee's
page) are never stored in a message: its body holds SECRET_LINK where the link goes, and the live link
is made from the message's purpose at the moment the message is handed to its backend, for its
recipient only. Everything that lists stored messages (the Outbox, the messages API) shows the
placeholder, so no one but the recipient can take the link.

To send a credential link: put SECRET_LINK in the text (or HTML) given to ``queue_direct``, and add
the purpose and the function that makes the link from the message to ``_link_makers``.
"""
from markupsafe import escape

SECRET_LINK = "[personal link: only in the email itself]"


def _link_makers():
    from nudgeweb.settings.invitations import link_for_message

    return {"invitation": link_for_message}


def as_sent(message):
    """The message as its recipient gets it: the live link in place of SECRET_LINK (the stored row
    is left as it is)."""
    make_link = _link_makers().get(message.purpose)
    if make_link is None:
        return message
    link = make_link(message)
    if link is None:
        return message
    return _Outgoing(message, link)


class _Outgoing:
    """A stored message with its secret link filled in, read by a backend in its place."""

    def __init__(self, message, link):
        self._message = message
        self.text = message.text.replace(SECRET_LINK, link) if message.text else message.text
        self.html = message.html.replace(SECRET_LINK, str(escape(link))) if message.html else message.html

    def __getattr__(self, name):
        return getattr(self._message, name)
