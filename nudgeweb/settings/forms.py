from zoneinfo import available_timezones

import phonenumbers
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, URLField
from wtforms.validators import URL, DataRequired, Length, Optional, Regexp

from nudgeweb.models import ROLES

TIMEZONES = sorted(available_timezones())
COUNTRIES = sorted(phonenumbers.SUPPORTED_REGIONS)


class OrganizationForm(FlaskForm):
    name = StringField("Business name", validators=[DataRequired("Your business needs a name."), Length(max=200)])
    website = URLField("Website", validators=[Optional(), URL(message="Enter a full address, like https://example.com."), Length(max=500)])
    timezone = SelectField("Time zone", choices=TIMEZONES, validators=[DataRequired()])
    default_country = SelectField(
        "Country for phone numbers",
        choices=COUNTRIES,
        description="Phone numbers written without a +country code are read as numbers of this country.",
    )
    brand_color = StringField(
        "Brand colour",
        validators=[DataRequired(), Regexp(r"^#[0-9a-fA-F]{6}$", message="Use a colour like #4f46e5.")],
    )
    logo_url = URLField(
        "Logo", validators=[Optional(), Length(max=500), Regexp(r"^https://\S+$", message=(
            "Give the https:// address of your logo image (as on your website), at most 500 characters."))],
        description="The address of your logo image, e.g. from your website. Emails written in the simple editor show it.",
    )


class InviteForm(FlaskForm):
    email = StringField("Email", validators=[DataRequired("Enter an email address."), Length(max=254)],
                        render_kw={"type": "email"})
    role = SelectField("Role", choices=list(reversed(ROLES)), default="editor")


class RoleForm(FlaskForm):
    role = SelectField("Role", choices=list(reversed(ROLES)))
