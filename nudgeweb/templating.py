"""What every template can use."""
import re
from functools import lru_cache

from flask import g
from markupsafe import Markup, escape

from nudgeweb.models.contacts import CONTACT_SOURCE_LABELS
from nudgeweb.navigation import AREAS, SETTINGS_SECTIONS, area_endpoint, settings_groups

# Where a date is written month first ("Dec 5, 2026"); elsewhere the day comes first ("5 Dec 2026")
MONTH_FIRST_COUNTRIES = frozenset({"US", "CA", "PH", "PR", "GU", "VI", "AS", "MP", "UM", "FM", "MH", "PW"})


def localtime(value, organization=None, fmt="%b %-d, %Y %H:%M"):
    """A UTC datetime shown in the organization's time zone, its day and month in the order of its country."""
    from zoneinfo import ZoneInfo

    if value is None:
        return ""
    organization = organization or _current_organization()
    tz = ZoneInfo(organization.timezone) if organization else None
    return (value.astimezone(tz) if tz else value).strftime(_in_country_order(fmt, organization))


def localdate(value, fmt="%b %-d, %Y", organization=None):
    """A date (a day, no time zone) with its day and month in the order of the organization's country."""
    if value is None:
        return ""
    organization = organization or _current_organization()
    return value.strftime(_in_country_order(fmt, organization))


def _current_organization():
    """The organization of the member signed in, or None (a page of the public, a task)."""
    return g.membership.organization if g.get("membership") else None


def _in_country_order(fmt, organization):
    """``fmt`` (written month first, "%b %-d, %Y") with the day first outside North America ("%-d %b %Y")."""
    if organization is None or organization.default_country in MONTH_FIRST_COUNTRIES:
        return fmt
    for month in ("%b", "%B"):
        fmt = fmt.replace(f"{month} %-d, ", f"%-d {month} ").replace(f"{month} %-d", f"%-d {month}")
    return fmt


def phone_example(organization=None):
    """A phone field's placeholder: a mobile number of the business's country, as its people write it."""
    from nudgeweb.contacts.fields import phone_placeholder

    organization = organization or _current_organization()
    return phone_placeholder(organization.default_country if organization else "US")


def phone_number(value, organization=None):
    """An E.164 number as people of the business's country write it: national within it, else international."""
    import phonenumbers

    if not value:
        return ""
    organization = organization or _current_organization()
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return value
    home = organization.default_country if organization else None
    style = (phonenumbers.PhoneNumberFormat.NATIONAL if phonenumbers.region_code_for_number(number) == home
             else phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return phonenumbers.format_number(number, style)


def breakable(text):
    """An address that wraps after its @ and dots, not in the middle of a word, when its column is narrow."""
    if not text:
        return ""
    return Markup("<wbr>").join(escape(part) for part in re.split(r"(?<=[@.])", text))


def input_attrs(field, **attrs):
    """HTML attributes for a form input: the given ones, plus ARIA links to its error."""
    attrs = {name: value for name, value in attrs.items() if value not in (None, False)}
    if field.errors:
        attrs.update({"aria-invalid": "true", "aria-describedby": f"{field.id}-error"})
    return attrs


@lru_cache(maxsize=1)
def time_zones():
    """Every IANA time zone name, sorted, for the searchable lists of time zone fields."""
    from zoneinfo import available_timezones

    return sorted(zone for zone in available_timezones() if "/" in zone and not zone.startswith(("Etc/", "SystemV/")))


def register(app):
    app.jinja_env.filters["localtime"] = localtime
    app.jinja_env.filters["localdate"] = localdate
    app.jinja_env.filters["phone_number"] = phone_number
    app.jinja_env.filters["breakable"] = breakable
    app.jinja_env.filters["contact_source"] = lambda source: CONTACT_SOURCE_LABELS.get(source, source)
    app.jinja_env.globals["input_attrs"] = input_attrs
    app.jinja_env.globals["time_zones"] = time_zones
    app.jinja_env.globals["phone_example"] = phone_example

    @app.context_processor
    def navigation():
        membership = g.get("membership")
        return {
            "nav_areas": AREAS,
            "settings_sections": SETTINGS_SECTIONS,
            "settings_groups": settings_groups,
            "area_endpoint": area_endpoint,
            "membership": membership,
            "organization": membership.organization if membership else None,
        }
