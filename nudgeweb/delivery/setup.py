"""Whether a business's messages reach anyone: a mail server or Twilio, or the local outbox on purpose."""

from nudgeweb.delivery.transports import email_stays_local, sending_settings, twilio_account
from nudgeweb.models import utcnow


def sending_is_set_up(organization_id):
    """Whether email or SMS leaves this machine (the business's own server or account, or the install's)."""
    settings = sending_settings(organization_id)
    return not email_stays_local(settings) or twilio_account(settings) is not None


def sent_word(organization_id):
    """How a page says "sent": what the local outbox kept reached no one."""
    return "sent" if sending_is_set_up(organization_id) else "kept in the Outbox"


def outbox_only_warning(organization):
    """Whether to tell the team that nothing it sends reaches anyone (until set up, or the outbox is chosen)."""
    return organization.outbox_on_purpose_at is None and not sending_is_set_up(organization.id)


def keep_using_the_outbox(organization):
    """The business keeps its messages in the local outbox on purpose: no more warning."""
    organization.outbox_on_purpose_at = organization.outbox_on_purpose_at or utcnow()


def messages_go_out(organization):
    """The set-up step "how messages go out": a provider, or the outbox chosen on purpose."""
    return organization.outbox_on_purpose_at is not None or sending_is_set_up(organization.id)
