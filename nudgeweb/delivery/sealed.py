"""Messages that carry a credential of one person (a password-reset or an email-verification link).

Every stored message can be listed by the organization's admins (the Outbox, GET /api/v1/messages), so
the stored row keeps a placeholder where the link goes; the live link is made at the moment of sending
by the purpose's link maker and exists only in the email that leaves. A person's own credential (a
password reset) goes through the install's own transport (MAIL_URL, else the local outbox), never an
organization's own SMTP server, whose operator could read the link, and from the install's sender.

An area registers ``@link_made_at_send("purpose")`` on a function(message) -> link, or None when the
link may no longer be made (the message then fails rather than go out without it); or
``@links_made_at_send("purpose")`` on a function(messages) -> {message id: link or None}, which makes
a batch's links at once (one read for a thousand nudges, not one each).
``install_transport=False`` is for a link the business itself hands out (an employee's page, which
the owner sees and renews): the message goes through the business's own server and sender.
"""
from email.utils import formataddr, parseaddr

from flask import current_app

from nudgeweb.models.messages import SendingSettings

LINK_PLACEHOLDER = "[a link sent only to the recipient]"

_link_makers = {}
_business_links = set()  # purposes whose link the business hands out itself


def link_made_at_send(purpose, install_transport=True):
    def register(make_link):
        links_made_at_send(purpose, install_transport)(
            lambda messages: {message.id: make_link(message) for message in messages})
        return make_link

    return register


def links_made_at_send(purpose, install_transport=True):
    def register(make_links):
        _link_makers[purpose] = make_links
        if not install_transport:
            _business_links.add(purpose)
        return make_links

    return register


def is_sealed(purpose):
    return purpose in _link_makers


def uses_install_transport(purpose):
    """Whether a message of this purpose must leave through the install's transport and sender."""
    return is_sealed(purpose) and purpose not in _business_links


def install_sender():
    """The install's sender, MAIL_FROM, named Nudge (the message is from Nudge, not a business)."""
    return formataddr(("Nudge", parseaddr(current_app.config["MAIL_FROM"])[1]))


def install_settings(organization_id):
    """Sending settings that choose the install's transport: no organization's own server."""
    return SendingSettings(organization_id=organization_id, email_backend="default", sms_backend="default")


def links_for(messages):
    """The live links of a batch's sealed messages, {message id: link, or None when it may no longer be
    made}, each purpose's made at once (just before the batch goes out)."""
    by_purpose = {}
    for message in messages:
        if is_sealed(message.purpose):
            by_purpose.setdefault(message.purpose, []).append(message)
    links = {}
    for purpose, group in by_purpose.items():
        links.update(_link_makers[purpose](group))
    return links


def unsealed(message, link):
    """A copy of ``message`` with the live ``link`` in place of the placeholder, kept out of the session
    (so that nothing of it is ever written back); None when there is no link (it may no longer be made)."""
    if link is None:
        return None
    columns = {attribute.key: getattr(message, attribute.key) for attribute in message.__mapper__.column_attrs}
    copy = type(message)(**columns)
    copy.text = (message.text or "").replace(LINK_PLACEHOLDER, link)
    copy.html = message.html.replace(LINK_PLACEHOLDER, link) if message.html else None
    return copy
