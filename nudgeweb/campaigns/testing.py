"""A test of a campaign to yourself and your team: the message as a contact with the given details would
get it (links, footer and all), to a few addresses; nothing counts in the campaign's figures."""
from nudgeweb.campaigns.operations import CampaignError
from nudgeweb.campaigns.sending import sendable_template
from nudgeweb.contacts.fields import normalize_email, normalize_phone
from nudgeweb.delivery import queue_direct
from nudgeweb.delivery.tracking import public_url
from nudgeweb.message_templates.operations import preview
from nudgeweb.message_templates.rendering import TemplateRenderError

TEST_PURPOSE = "campaign_test"
MAX_TEST_RECIPIENTS = 10


def rendered_for(campaign, organization, contact=None, personalization=None):
    """The campaign as ``contact`` (or a sample contact, or ``personalization``) gets it; CampaignError at the
    field a rendering mistake is in."""
    try:
        return preview(sendable_template(campaign, organization), contact if contact is not None else (
            personalization or None), context={"footer_address": organization.footer_address or "",
                                               "unsubscribe_link": public_url("/u/test")})
    except TemplateRenderError as error:
        raise CampaignError({error.field or "html_content": str(error)}) from None


def send_test(campaign, organization, recipients, personalization=None):
    """Queue the test to each address (email) or number (SMS); returns them as they were read."""
    addresses = _addresses(campaign.channel, recipients, organization.default_country)
    rendered = rendered_for(campaign, organization, personalization=personalization or {})
    for address in addresses:
        if campaign.channel == "email":
            queue_direct(organization, "email", address, subject=f"[Test] {rendered.subject}", html=rendered.html,
                         text=rendered.text, purpose=TEST_PURPOSE, purpose_id=campaign.id)
        else:
            queue_direct(organization, "sms", address, text=rendered.body, purpose=TEST_PURPOSE, purpose_id=campaign.id)
    return addresses


def _addresses(channel, recipients, country):
    if not recipients or len(recipients) > MAX_TEST_RECIPIENTS:
        raise CampaignError({"recipients": f"Give 1 to {MAX_TEST_RECIPIENTS} addresses to send the test to."})
    read = []
    for value in recipients:
        address, error = normalize_email(str(value).strip()) if channel == "email" \
            else normalize_phone(str(value).strip(), country)
        if error:
            raise CampaignError({"recipients": f"{str(value)[:60]}: {error}"})
        read.append(address)
    return list(dict.fromkeys(read))
