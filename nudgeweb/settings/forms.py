from zoneinfo import available_timezones

import phonenumbers
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, URLField
from wtforms.validators import URL, AnyOf, DataRequired, Length, Optional, Regexp

from nudgeweb.models import ROLES

TIMEZONES = sorted(available_timezones())
_ZONES_BY_LOWER = {zone.lower(): zone for zone in TIMEZONES}


def _zones_by_city():
    """{"london": "Europe/London", "new york": "America/New_York", …}: a city that names one zone of the list."""
    cities = {}
    for zone in TIMEZONES:
        if "/" in zone and not zone.startswith("Etc/"):
            cities.setdefault(zone.rsplit("/", 1)[1].replace("_", " ").lower(), []).append(zone)
    return {city: zones[0] for city, zones in cities.items() if len(zones) == 1}


_ZONES_BY_CITY = _zones_by_city()


def known_zone(value):
    """The IANA name as spelled in the list, whatever the case typed ("europe/london" is Europe/London), or the
    zone of a city typed alone ("Dublin" is Europe/Dublin: the error message tells to type a city)."""
    value = (value or "").strip()
    lower = value.lower()
    return _ZONES_BY_LOWER.get(lower) or _ZONES_BY_CITY.get(lower.replace("_", " ")) or value


def time_zone_field(label="Time zone", **kwargs):
    """A typed time zone (its page lists the IANA names with components/_time_zones.html): any case, a name of the list."""
    return StringField(label, filters=[known_zone], validators=[
        DataRequired("Choose a time zone."),
        AnyOf(TIMEZONES, message="Choose a time zone from the list: type a city, like London or Chicago.")], **kwargs)


COUNTRIES = sorted(phonenumbers.SUPPORTED_REGIONS)


class OrganizationForm(FlaskForm):
    name = StringField("Business name", validators=[DataRequired("Your business needs a name."), Length(max=200)])
    website = URLField("Website", validators=[Optional(), URL(message="Enter a full address, like https://example.com."), Length(max=500)])
    timezone = time_zone_field()
    default_country = SelectField(
        "Country for phone numbers",
        choices=COUNTRIES,
        description="Phone numbers written without a +country code are read as numbers of this country; the "
                    "dashboard and Analytics total your revenue in its currency.",
        render_kw={"data-region-names": ""},  # (app.js shows each code's name)
    )
    brand_color = StringField(
        "Brand colour",
        validators=[DataRequired(), Regexp(r"^#[0-9a-fA-F]{6}$", message="Use a colour like #4f46e5.")],
    )
    # (both only in the API's organization document, settings/operations.py slug_of, api/resources/organization.py)
    slug = StringField("Short name", validators=[Optional(), Length(max=63)],
                       description="Names your business to your own systems through Nudge's API (customers never see "
                                   "it), unique on this Nudge: lower-case letters, digits and hyphens, like acme-plumbing.")
    domain = StringField("Domain", validators=[Optional(), Length(max=253)], render_kw={"placeholder": "acme.com"},
                         description="Your web domain, as Nudge's API gives it to your own systems (customers never "
                                     "see it); left empty, your website's.")
    footer_address = StringField("Postal address for email footers", validators=[Optional(), Length(
                                     max=500, message="The postal address is limited to 500 characters.")],
                                 description="Printed in the footer of every marketing email, as anti-spam laws "
                                             "require (CAN-SPAM in the US, the Spam Act in Australia, the rules of "
                                             "the EU and UK): needed before your first email campaign.")
    logo_url = URLField("Logo address", validators=[Optional(), Length(max=500)],
                        description="An https:// address of your logo image.")
    font_family = StringField("Font", validators=[Optional(), Length(max=100)], render_kw={"placeholder": "Inter"})


class InviteForm(FlaskForm):
    email = StringField("Email", validators=[DataRequired("Enter an email address."), Length(max=254)],
                        render_kw={"type": "email"})
    role = SelectField("Role", choices=list(reversed(ROLES)), default="editor")


class RoleForm(FlaskForm):
    role = SelectField("Role", choices=list(reversed(ROLES)))
