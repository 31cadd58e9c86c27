"""Contact forms: they check shape; contacts.fields and contacts.operations check meaning."""
import json

from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, IntegerField, SelectField, StringField
from wtforms.validators import Length, Optional, ValidationError

from nudgeweb.contacts.queries import DEFAULT_SORT, SORTABLE
from nudgeweb.models.contacts import CONTACT_SOURCE_LABELS, CONTACT_SOURCES, CONTACT_STATUSES, CUSTOM_FIELD_TYPES
from nudgeweb.paging import page_number

UNSUBSCRIBE_REASONS = ("Asked to stop", "Not a customer any more", "Wrong person", "Spam complaint", "Other")
STANDARD_INPUTS = ("email", "phone", "first_name", "last_name", "company_name", "tags", "timezone")


class ContactForm(FlaskForm):
    email = StringField("Email", validators=[Length(max=254)], render_kw={"type": "email", "autocomplete": "off"})
    phone = StringField("Mobile phone", validators=[Length(max=40)], render_kw={"type": "tel", "autocomplete": "off"},
                        description="With the country code (+44 …), or a number of your business's country.")
    first_name = StringField("First name", validators=[Length(max=100)])
    last_name = StringField("Last name", validators=[Length(max=100)])
    company_name = StringField("Company", validators=[Length(max=200)])
    tags = StringField("Tags", description="Separate tags with commas, e.g. vip, newsletter.")
    timezone = StringField("Time zone", validators=[Length(max=64)],
                           description="Optional: pick from the list as you type. Messages respect quiet hours there.")


def contact_form_class(definitions):
    """ContactForm plus one input per custom field definition, named ``cf_<key>``."""

    class Form(ContactForm):
        pass

    for definition in definitions:
        label = definition.label
        if definition.field_type == "boolean":
            field = SelectField(label, choices=[("", "—"), ("yes", "Yes"), ("no", "No")])
        elif definition.field_type == "choice":
            field = SelectField(label, choices=[("", "—")] + [(c, c) for c in definition.choices or []],
                                validate_choice=False)
        elif definition.field_type == "date":
            field = StringField(label, render_kw={"type": "date"})
        elif definition.field_type == "number":
            field = StringField(label, render_kw={"inputmode": "decimal"})
        else:
            field = StringField(label)
        setattr(Form, f"cf_{definition.key}", field)
    return Form


def custom_inputs(form):
    return [field for field in form if field.name.startswith("cf_")]


def contact_form(definitions, contact=None, **kwargs):
    """The form for a new contact, or filled from ``contact``."""
    form = contact_form_class(definitions)(**kwargs)
    if contact is not None and not form.is_submitted():
        for name in STANDARD_INPUTS:
            form[name].data = ", ".join(contact.tags) if name == "tags" else getattr(contact, name)
        for definition in definitions:
            value = (contact.custom_fields or {}).get(definition.key)
            if isinstance(value, bool):
                value = "yes" if value else "no"
            form[f"cf_{definition.key}"].data = "" if value is None else str(value)
    return form


def form_data(form):
    """The form's values as contact data for the operations."""
    data = {name: form[name].data or "" for name in STANDARD_INPUTS}
    data["custom_fields"] = {field.name[3:]: field.data or "" for field in custom_inputs(form)}
    return data


def custom_field_aliases(form):
    """The operations name a custom field ``custom_fields.<key>``; its input is ``cf_<key>``."""
    return {f"custom_fields.{field.name[3:]}": field.name for field in custom_inputs(form)}


class FilterForm(FlaskForm):
    """The list page's filters, read from the query string (a GET form: no CSRF)."""

    class Meta:
        csrf = False

    q = StringField("Search", validators=[Optional(), Length(max=100)],
                    render_kw={"type": "search", "placeholder": "Name, email, phone or company", "autocomplete": "off"})
    status = SelectField("Status", choices=[("", "Any status")] + [(s, s.capitalize()) for s in CONTACT_STATUSES],
                         validators=[Optional()])
    tag = SelectField("Tag", choices=[("", "Any tag")], validate_choice=False, validators=[Optional()])
    source = SelectField("Source", validators=[Optional()], choices=[("", "Any source")] + [
        (s, CONTACT_SOURCE_LABELS[s]) for s in CONTACT_SOURCES])
    created_after = DateField("Added from", validators=[Optional()])
    created_before = DateField("Added until", validators=[Optional()])
    segment = HiddenField()
    list_id = HiddenField()
    sort = HiddenField()
    page = IntegerField(validators=[Optional()])

    def filters(self):
        """The valid filters as contacts.queries expects them (invalid ones are left out)."""
        values = {
            "search": self.q.data if not self.q.errors else None,
            "status": self.status.data if self.status.data in CONTACT_STATUSES else None,
            "tag": self.tag.data,
            "source": self.source.data if self.source.data in CONTACT_SOURCES else None,
            "created_after": None if self.created_after.errors else self.created_after.data,
            "created_before": None if self.created_before.errors else self.created_before.data,
            "segment_id": self.segment.data,
            "list_id": self.list_id.data,
        }
        return {key: value for key, value in values.items() if value}

    def url_args(self, **changes):
        """Query-string arguments of the current view, with ``changes`` (None removes one)."""
        args = {name: self[name].raw_data[0] for name in ("q", "status", "tag", "source", "created_after",
                                                          "created_before", "segment", "list_id", "sort", "page")
                if self[name].raw_data and self[name].raw_data[0]}
        if "page" in args:
            args["page"] = page_number(args["page"])
        args.update(changes)
        if args.get("sort") == DEFAULT_SORT:
            del args["sort"]
        return {key: value for key, value in args.items() if value not in (None, "")}

    @property
    def sort_value(self):
        sort = self.sort.data or DEFAULT_SORT
        return sort if sort.lstrip("-") in SORTABLE else DEFAULT_SORT


class BulkForm(FlaskForm):
    action = SelectField("With the selected contacts", choices=[
        ("", "Choose an action…"), ("tag", "Add tag"), ("untag", "Remove tag"),
        ("unsubscribe", "Unsubscribe"), ("delete", "Delete"), ("list_add", "Add to list"),
        ("list_remove", "Remove from list"), ("automation_add", "Add to automation")])
    tag = StringField("Tag", validators=[Length(max=50)])
    list_id = SelectField("List", choices=[], validate_choice=False)
    automation_id = SelectField("Automation", choices=[], validate_choice=False)
    reason = StringField("Reason", validators=[Length(max=200)])
    next = HiddenField()
    confirm = HiddenField()
    everyone = HiddenField()  # "yes": every contact matching ``filters``, instead of the ticked ids
    filters = HiddenField()

    def validate_filters(self, field):
        if self.everyone.data == "yes" and not isinstance(self.filter_values(), dict):
            raise ValidationError("The filter of the list could not be read; reload the page and try again.")

    def filter_values(self):
        """The list's filter the form was sent with (a dict), or None when it is not one."""
        try:
            values = json.loads(self.filters.data or "")  # nothing sent is no filter read, never "everyone"
        except ValueError:
            return None
        return values if isinstance(values, dict) else None


class UnsubscribeForm(FlaskForm):
    reason = SelectField("Reason", choices=[(r, r) for r in UNSUBSCRIBE_REASONS])
    feedback = StringField("Note (optional)", validators=[Length(max=200)])


class ConfirmForm(FlaskForm):
    """A button that needs only the CSRF token."""


class SegmentForm(FlaskForm):
    name = StringField("Segment name", validators=[Length(max=100)], render_kw={"placeholder": "e.g. VIPs in Chicago"})
    filters = HiddenField()


class CustomFieldForm(FlaskForm):
    label = StringField("Field name", validators=[Length(max=100)], render_kw={"placeholder": "e.g. Birthday"})
    field_type = SelectField("Type", choices=[(t, t.capitalize()) for t in CUSTOM_FIELD_TYPES])
    choices = StringField("Choices", description="For a choice field: the options, separated by commas.")


class RenameForm(FlaskForm):
    label = StringField("New name", validators=[Length(max=100)])
    choices = StringField("Choices")
