from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, StringField
from wtforms.validators import DataRequired, Length, Optional


class ApiKeyForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired("Give the key a name, so you know later what uses it."),
                                           Length(max=100)],
                       description="Where the key is used, e.g. “Zapier” or “Website sign-up form”.")
    read = BooleanField("Read (see everything)", default=True)
    write = BooleanField("Write (create, change and delete)")
    other_scopes = StringField(
        "Or only these scopes", validators=[Optional(), Length(max=500)],
        description="Space-separated, e.g. “contacts:read contacts:write”. Leave empty to use the boxes above.")
    expires_on = DateField("Expires on", validators=[Optional()], description="Leave empty for a key that never expires.")
