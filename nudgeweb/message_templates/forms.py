"""The template editor's form: it checks shape; operations check meaning (rendering included)."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, FieldList, Form, FormField, HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, Length, Optional

from nudgeweb.models.templates import CATEGORIES, CHANNELS, VARIABLE_TYPES

CATEGORY_LABELS = {
    "review_request": "Review request",
    "follow_up": "Follow-up",
    "employee_nudge": "Employee nudge",
    "newsletter": "Newsletter",
    "announcement": "Announcement",
    "transactional": "Transactional",
    "general": "General",
}
BLANK_VARIABLE_ROWS = 1


class VariableForm(Form):
    """One declared variable: a row of the variables table (a row without a name is ignored)."""

    name = StringField("Name", validators=[Optional(), Length(max=50)])
    type = SelectField("Type", choices=list(VARIABLE_TYPES), default="text")
    default = StringField("Default", validators=[Optional(), Length(max=5000)])
    required = BooleanField("Required")


class TemplateForm(FlaskForm):
    channel = HiddenField(validators=[AnyOf(CHANNELS, message="Choose email or SMS.")])
    name = StringField("Name", validators=[Length(max=200)])
    description = StringField("Description", validators=[Optional(), Length(max=1000)],
                              description="A note for your team: when to use this template.")
    category = SelectField(
        "Category", choices=[SelectChoice(key, CATEGORY_LABELS[key]) for key in CATEGORIES], default="general"
    )
    subject = StringField("Subject", validators=[Length(max=500)])
    # a post without it (a script, an older page) writes HTML; a new email opens in the simple editor
    editor = RadioField("Write it", choices=[("simple", "Simple editor"), ("html", "Raw HTML")], validate_choice=False)
    simple_content = TextAreaField(
        "Email",
        description="A blank line starts a new paragraph. A link on a line of its own becomes a button. "
                    "Your logo and brand colour frame the email.",
    )
    html_content = TextAreaField("HTML", description="Write HTML; a <style> block is fine, Nudge inlines it.")
    text_content = TextAreaField(
        "Plain text (optional)",
        description="For email apps that show no HTML. Leave it empty and Nudge makes it from the HTML.",
    )
    body = TextAreaField("Message")
    variables = FieldList(FormField(VariableForm), min_entries=0)

    def fill_blank_variable_rows(self, extra=0):
        for _ in range(BLANK_VARIABLE_ROWS + extra):
            self.variables.append_entry()

    def data_for_operations(self):
        """The form's values in the shape ``operations`` takes (DESIGN.md's attribute names)."""
        data = {name: getattr(self, name).data or "" for name in (
            "channel", "name", "description", "category", "subject", "html_content", "text_content", "body",
            "simple_content",
        )}
        data["editor"] = self.editor.data if self.editor.data in ("simple", "html") else "html"
        data["variables"] = [
            {"name": row.form.name.data.strip(), "type": row.form.type.data, "default": row.form.default.data or "",
             "required": row.form.required.data}
            for row in self.variables if (row.form.name.data or "").strip()
        ]
        return data

    @property
    def variable_errors(self):
        if not hasattr(self, "_variable_errors"):
            self._variable_errors = []
        return self._variable_errors
