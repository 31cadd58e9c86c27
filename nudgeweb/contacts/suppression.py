"""The suppression rule every send respects: may we message this contact on this channel?"""

CHANNELS = ("email", "sms")
SUPPRESSED_STATUSES = {
    "unsubscribed": "The contact unsubscribed.",
    "bounced": "Messages to this contact bounced.",
    "complained": "The contact marked a message as spam.",
}


def may_message(contact, channel, purpose="marketing"):
    """(True, None) or (False, reason).

    Review requests count as marketing. Transactional messages (purpose other than "marketing")
    still need an address, and never go to an address that bounced or complained.
    """
    if channel not in CHANNELS:
        raise ValueError(f"channel must be one of {CHANNELS}, not {channel!r}")
    if channel == "email" and not contact.email:
        return False, "The contact has no email address."
    if channel == "sms" and not contact.phone:
        return False, "The contact has no mobile phone number."
    if contact.status in SUPPRESSED_STATUSES:
        if purpose == "marketing" or contact.status in ("bounced", "complained"):
            return False, SUPPRESSED_STATUSES[contact.status]
    return True, None
