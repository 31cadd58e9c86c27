from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, SelectField


class UploadForm(FlaskForm):
    file = FileField(
        "CSV file",
        validators=[FileRequired("Choose a CSV file to import.")],
        description="Save your spreadsheet as CSV (comma or semicolon separated). The first line names the columns.",
    )


class ConfirmForm(FlaskForm):
    """The mapping step; the column choices (column-0, column-1 ...) are read by the route."""

    update_existing = BooleanField(
        "Update contacts that already exist", default=True,
        description="A row with the email or phone of a contact you have fills in that contact. "
        "Untick to leave existing contacts as they are.",
    )
    trigger_automations = BooleanField(
        "Start automations for the contacts this import adds", default=False,
        description="Automations that start when a contact is added (or joins the list) take them in. "
        "Leave it unticked to bring them in quietly.",
    )
    list_id = SelectField("Add them to a list", choices=[], validate_choice=False,
                          description="Every imported contact joins it (on a double opt-in list, once they confirm).")
