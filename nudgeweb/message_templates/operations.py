"""Write, check, preview, duplicate and delete templates: the logic the pages and the API share.

``data`` is a dict with DESIGN.md's attribute names: name, description, category, channel,
subject, html_content, text_content (email), body (sms), variables (a list of
``{name, type, default, required, description}``). Bad data raises
``TemplateValidationError`` whose ``.errors`` maps every bad field to a message, including
render errors (a typo, an unsafe expression) found by rendering the template for a sample
contact before it is saved.
"""
import re
from types import SimpleNamespace

import phonenumbers
from flask import current_app
from sqlalchemy import func, or_, select

from nudgeweb.contacts.fields import example_mobile
from nudgeweb.delivery.tracking import unsubscribe_url
from nudgeweb.field_errors import FieldErrors
from nudgeweb.message_templates.naming import free_name, name_taken
from nudgeweb.message_templates.rendering import LINK_VARIABLES, RESERVED_NAMES, TemplateRenderError, render_message
from nudgeweb.message_templates.simple import simple_html
from nudgeweb.models import Message, MessageTemplate, db, new_id
from nudgeweb.models.templates import CATEGORIES, CHANNELS, EDITORS, VARIABLE_TYPES
from nudgeweb.reviews.links import sample_review_link

FIELDS = ("name", "description", "category", "channel", "subject", "html_content", "text_content", "body", "variables",
          "editor", "simple_content")
VARIABLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,49}$")
CATEGORY = re.compile(r"^[a-z0-9_]{1,40}$")

SAMPLE_CONTACT = {
    "first_name": "Jamie",
    "last_name": "Rivera",
    "email": "jamie.rivera@example.com",
    "phone": "+12015550123",  # (555-01xx: kept for fiction)
    "company_name": "Rivera Landscaping",
    "tags": ["vip"],
    "custom_fields": {},
}


def sample_contact(country=None):
    """The sample contact with a mobile number of the business's ``country`` (an Irish business was shown one of
    the US): the library's example number, or in North America one of the 555-01xx numbers kept for fiction; an
    unknown country keeps the US number of SAMPLE_CONTACT."""
    example = example_mobile(country)
    if example is None:
        return SAMPLE_CONTACT
    return {**SAMPLE_CONTACT, "phone": phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)}


class TemplateValidationError(FieldErrors):
    """A template that cannot be saved, by field."""


def templates_query(filters=None):
    """The current organization's templates (scoped by the request), filtered and sorted by name."""
    filters = filters or {}
    query = select(MessageTemplate).order_by(MessageTemplate.name)
    if filters.get("channel"):
        query = query.where(MessageTemplate.channel == filters["channel"])
    if filters.get("category"):
        query = query.where(MessageTemplate.category == filters["category"])
    if filters.get("search"):
        pattern = f"%{filters['search']}%"
        query = query.where(or_(MessageTemplate.name.ilike(pattern), MessageTemplate.description.ilike(pattern)))
    return query


def usage_counts(templates):
    """{template id: how many messages were made from it} for ``templates``, in one grouped query."""
    ids = [template.id for template in templates]
    if not ids:
        return {}
    rows = db.session.execute(select(Message.template_id, func.count()).where(
        Message.organization_id == templates[0].organization_id, Message.template_id.in_(ids))
        .group_by(Message.template_id))
    return {template_id: count for template_id, count in rows}


def create_template(organization, data):
    template = MessageTemplate(organization=organization, **checked_fields(organization, None, data))
    db.session.add(template)
    db.session.flush()
    return template


def update_template(template, data):
    """Change the fields present in ``data`` (fields left out keep their values)."""
    for field, value in checked_fields(template.organization, template, data).items():
        setattr(template, field, value)
    db.session.flush()
    return template


def duplicate_template(template):
    copy = MessageTemplate(
        organization_id=template.organization_id,
        **{field: getattr(template, field) for field in FIELDS if field != "name"},
    )
    copy.name = free_name(template.organization_id, f"{template.name} (copy)")
    copy.variables = [dict(variable) for variable in template.variables or []]
    db.session.add(copy)
    db.session.flush()
    return copy


def delete_template(template):
    db.session.delete(template)
    db.session.flush()


def preview(template, contact=None, variables=None, context=None):
    """Render ``template`` for ``contact`` (or the sample contact) with sample links; raises TemplateRenderError."""
    values = {
        variable["name"]: variable.get("default") or f"[{variable['name']}]"
        for variable in template.variables or []
    }
    values.update({name: value for name, value in (variables or {}).items() if value not in (None, "")})
    if contact is None:
        contact = sample_contact(getattr(getattr(template, "organization", None), "default_country", None))
    return render_message(template, contact, values,
                          {**sample_context(), **(context or {})})


def preview_draft(draft, contact=None):
    """The editor's preview of an unsaved template: what was written in the simple editor is checked
    first (its own lines named), then put in the branded layout; raises TemplateRenderError."""
    if draft.channel == "email" and draft.editor == "simple":
        written = SimpleNamespace(channel="email", subject="", html_content="", text_content=draft.simple_content,
                                  variables=draft.variables, organization=draft.organization)
        try:
            preview(written, contact)
        except TemplateRenderError as error:
            error.field = "simple_content"
            raise
        draft.html_content = simple_html(draft.simple_content)
    return preview(draft, contact)


def sample_context():
    """Links as long as the ones made at send time (an SMS preview counts their real length)."""
    base = current_app.config.get("BASE_URL") or "http://127.0.0.1:5000"
    return {
        "review_link": sample_review_link(),
        "unsubscribe_link": unsubscribe_url(new_id()),
        "employee_name": "Sam",
        "employee_link": f"{base}/e/sample",
        "progress": "7 of 20 reviews",
    }


PARTS = ("subject", "html_content", "text_content", "body")


def template_errors(template):
    """{field: message} for what rendering this template for a sample contact finds wrong: when it fails, each
    part is rendered on its own, so that every bad part is named at once (rendering stops at the first)."""
    try:
        preview(template)
    except TemplateRenderError as error:
        errors = {error.field or "body": str(error)}
    else:
        return {}
    for part in PARTS:
        if not getattr(template, part, ""):
            continue
        alone = SimpleNamespace(**{name: getattr(template, name, "") if name == part else "" for name in PARTS},
                                channel=template.channel, variables=template.variables, organization=template.organization)
        try:
            preview(alone)
        except TemplateRenderError as error:
            errors.setdefault(error.field or part, str(error))
    return errors


# -- checking and applying data -----------------------------------------------------------------

NEW_TEMPLATE = {
    "name": "", "description": "", "category": "general", "channel": None, "subject": "",
    "html_content": "", "text_content": "", "body": "", "variables": [], "editor": "html", "simple_content": "",
}


def checked_fields(organization, template, data):
    """Every field of the template as it would be after ``data``; raises TemplateValidationError."""
    fields = {field: getattr(template, field) for field in FIELDS} if template else dict(NEW_TEMPLATE)
    errors = {}
    for field in FIELDS:
        if field in data:
            try:
                fields[field] = CLEANERS[field](data[field])
            except ValueError as error:
                errors[field] = str(error)
    if "variables" in errors:  # the text is read as if they were declared: what is wrong with them is said once
        fields["variables"] = _names_only(data["variables"])
    if "html_content" in data and "editor" not in data:
        fields["editor"] = "html"  # (an API client writing the HTML: it is what is sent from now on)
    if fields["channel"] not in CHANNELS:
        errors.setdefault("channel", "Choose email or SMS.")
    if not fields["name"]:
        errors.setdefault("name", "Give the template a name.")
    elif name_taken(organization.id, fields["name"], template.id if template else None):
        errors["name"] = "You already have a template with this name."
    if fields["channel"] in CHANNELS:  # what is missing or wrong in the content too: every field reported at once
        errors = {**_content_errors(fields, organization), **errors}
    if errors:
        raise TemplateValidationError(errors)
    return fields


def template_field_errors(organization, template, data):
    """Every bad field of ``data`` as create_template or update_template would find them; {} when none."""
    try:
        checked_fields(organization, template, data)
    except TemplateValidationError as error:
        return error.errors
    return {}


def _content_errors(fields, organization):
    """What is missing of the message and what rendering it finds wrong, every part at once."""
    if fields["channel"] == "email":
        fields["body"] = ""
        errors = {} if fields["subject"].strip() else {"subject": "Write a subject line."}
        if fields["editor"] == "simple":
            return {**_simple_errors(fields, organization), **errors}
        if not fields["html_content"].strip() and not fields["text_content"].strip():
            errors["html_content"] = "Write the email, as HTML or as plain text."
    else:
        fields["subject"] = fields["html_content"] = fields["text_content"] = fields["simple_content"] = ""
        fields["editor"] = "html"
        errors = {} if fields["body"].strip() else {"body": "Write the text message."}
    return {**template_errors(SimpleNamespace(**fields, organization=organization)), **errors}


def _simple_errors(fields, organization):
    """Check what was written in the simple editor (its own lines named), then make the email's HTML from it."""
    written = SimpleNamespace(**{**fields, "html_content": "", "text_content": fields["simple_content"]},
                              organization=organization)
    errors = {"simple_content" if field == "text_content" else field: message
              for field, message in template_errors(written).items()}
    if not fields["simple_content"].strip():
        errors["simple_content"] = "Write the email."
    if errors:
        return errors
    fields["html_content"] = simple_html(fields["simple_content"])
    return template_errors(SimpleNamespace(**fields, organization=organization))


def _names_only(variables):
    """The names of variables that could not be taken, declared as text without a default."""
    if not isinstance(variables, list):
        return []
    return [{"name": str(variable.get("name") or "").strip(), "type": "text"} for variable in variables
            if isinstance(variable, dict)]


def _clean_editor(value):
    if value not in EDITORS:
        raise ValueError("Choose the simple editor or HTML.")
    return value


def _text(limit, label):
    def clean(value):
        value = "" if value is None else value
        if not isinstance(value, str):
            raise ValueError(f"{label} must be text.")
        if len(value) > limit:
            raise ValueError(f"{label} is limited to {limit:,} characters.")
        return value

    return clean


def _clean_name(value):
    return _text(200, "The name")(value).strip()


def _clean_channel(value):
    if value not in CHANNELS:
        raise ValueError("Choose email or SMS.")
    return value


def _clean_category(value):
    value = (value or "general").strip().lower().replace(" ", "_")
    if not CATEGORY.match(value):
        raise ValueError("Use a short category of letters, digits and underscores, e.g. newsletter.")
    return value


def _clean_variables(value):
    if value in (None, ""):
        return []
    if not isinstance(value, list):
        raise ValueError("Variables must be a list of {name, type, default, required}.")
    cleaned, seen = [], set()
    for position, variable in enumerate(value, start=1):
        if not isinstance(variable, dict):
            raise ValueError(f"Variable {position} must be an object with a name.")
        name = str(variable.get("name") or "").strip()
        if not VARIABLE_NAME.match(name):
            raise ValueError(
                f"Variable {position}: “{name}” is not a valid name; use letters, digits and underscores, "
                "starting with a letter."
            )
        if name in RESERVED_NAMES:
            raise ValueError(f"“{name}” is already given by Nudge; pick another variable name.")
        if name in seen:
            raise ValueError(f"The variable “{name}” is declared twice.")
        seen.add(name)
        kind = variable.get("type") or "text"
        if kind not in VARIABLE_TYPES:
            raise ValueError(f"Variable “{name}”: the type must be one of {', '.join(VARIABLE_TYPES)}.")
        default = variable.get("default")
        cleaned.append({
            "name": name,
            "type": kind,
            "default": "" if default is None else str(default)[:5000],
            "required": bool(variable.get("required")),
            "description": str(variable.get("description") or "")[:200],
        })
    return cleaned


CLEANERS = {
    "name": _clean_name,
    "description": _text(1000, "The description"),
    "category": _clean_category,
    "channel": _clean_channel,
    "subject": _text(500, "The subject"),
    "html_content": _text(128 * 1024, "The HTML"),
    "text_content": _text(128 * 1024, "The text"),
    "body": _text(1600, "The text message"),
    "variables": _clean_variables,
    "editor": _clean_editor,
    "simple_content": _text(64 * 1024, "The email"),
}

__all__ = [
    "TemplateValidationError", "templates_query", "create_template", "update_template", "duplicate_template",
    "delete_template", "preview", "template_errors", "template_field_errors", "sample_context", "checked_fields",
    "SAMPLE_CONTACT", "sample_contact",
    "LINK_VARIABLES", "CATEGORIES",
]
