"""The input fields an integration shows its users (seed 000 "Get Input Fields")."""

REVIEW_REQUEST_FIELDS = (
    ("first_name", "First name", "string", False, "The customer's first name."),
    ("last_name", "Last name", "string", False, "The customer's last name."),
    ("email", "Email", "email", False, "The customer's email address (required if no mobile phone number)."),
    ("mobile_phone_number", "Mobile phone number", "phone", False,
     "In E.164 format, e.g. +12125551234 (required if no email)."),
    ("company_name", "Company name", "string", False, "The customer's company."),
    ("delay_hours", "Delay (hours)", "integer", False, "Hours to wait before sending the review request (default 0)."),
    ("metadata", "Metadata", "object", False, "Additional custom data kept with the request."),
)


def input_fields(organization):
    fields = [
        {"key": key, "label": label, "type": type_, "required": required, "help_text": help_text}
        for key, label, type_, required, help_text in REVIEW_REQUEST_FIELDS
    ]
    return fields + custom_fields(organization)


# A custom field's type in the words the built-in fields use ("text" is what the contacts pages call it).
INPUT_TYPE_OF_CUSTOM = {"text": "string"}


def custom_fields(organization):
    """The organization's custom contact fields, as input fields keyed ``custom_fields.<key>``; a
    choice field lists its ``choices``."""
    from nudgeweb.contacts.operations import custom_field_definitions

    return [_custom_field(definition) for definition in custom_field_definitions(organization.id)]


def _custom_field(definition):
    kind = INPUT_TYPE_OF_CUSTOM.get(definition.field_type, definition.field_type)
    field = {"key": f"custom_fields.{definition.key}", "label": definition.label, "type": kind, "required": False,
             "help_text": f"Custom field ({kind}"
                          + (f": one of {', '.join(map(str, definition.choices))}" if definition.choices else "") + ")."}
    if definition.field_type == "choice":
        field["choices"] = list(definition.choices or [])
    return field
