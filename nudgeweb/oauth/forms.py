from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectChoice, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from nudgeweb.oauth.scopes import SCOPES


class ClientForm(FlaskForm):
    name = StringField(
        "App name",
        validators=[DataRequired("Give the app a name: people see it when they connect it."), Length(max=100)],
        description="People see this name on the page where they allow the app in.",
    )
    redirect_uris = TextAreaField(
        "Redirect URIs",
        validators=[DataRequired("Add at least one redirect URI.")],
        description="One per line. After someone allows the app, Nudge sends them back to one of these with a code.",
    )
    scopes = SelectMultipleField(
        "Scopes", choices=[SelectChoice(name, label) for name, label in SCOPES.items()], default=["read", "write"],
        widget=ListWidget(prefix_label=False), option_widget=CheckboxInput(),
    )
    public = BooleanField(
        "Public client: a mobile, desktop or browser app that can't keep a secret (no secret; PKCE required)"
    )

    def redirect_uri_list(self):
        return (self.redirect_uris.data or "").split()
