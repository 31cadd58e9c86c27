"""Devices and email clients from user agents (ua-parser's rules; no network), remembered per string."""
from functools import lru_cache

import phonenumbers
from ua_parser import parse

DEVICES = ("desktop", "mobile", "tablet")
EMAIL_CLIENTS = {"GmailImageProxy": "gmail", "Outlook": "outlook", "Apple Mail": "apple_mail",
                 "Thunderbird": "thunderbird", "Yahoo! Mail": "yahoo"}
TABLETS = ("iPad", "Tablet", "Kindle", "Nexus 7", "Nexus 9", "Nexus 10")


@lru_cache(maxsize=4096)
def _parsed(user_agent):
    return parse(user_agent)


def device_of(user_agent):
    """desktop, mobile or tablet."""
    result = _parsed(user_agent)
    device = result.device.family if result.device else ""
    os = result.os.family if result.os else ""
    if any(word in device for word in TABLETS) or "iPad" in user_agent:
        return "tablet"
    if os in ("iOS", "Android") or "Mobile" in user_agent:
        return "mobile"
    return "desktop"


def client_of(user_agent):
    """gmail, outlook, apple_mail, thunderbird, yahoo or other (a browser showing webmail, most often)."""
    result = _parsed(user_agent)
    family = result.user_agent.family if result.user_agent else ""
    if family in EMAIL_CLIENTS:
        return EMAIL_CLIENTS[family]
    os = result.os.family if result.os else ""
    if family in ("Mobile Safari UI/WKWebView", "Apple Mail") or (os == "Mac OS X" and "Safari" not in user_agent):
        return "apple_mail"
    return "other"


@lru_cache(maxsize=4096)
def country_of(phone):
    """The ISO country of an E.164 number ("US" for +1 ...), or None; no network lookups."""
    if not phone:
        return None
    try:
        number = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException:
        return None
    region = phonenumbers.region_code_for_number(number) or phonenumbers.region_code_for_country_code(number.country_code)
    return None if region in (None, "ZZ", "001") else region
