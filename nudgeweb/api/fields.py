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


def custom_fields(organization):
    """The organization's custom contact fields, as input fields keyed ``custom_fields.<key>``."""
    try:
        from nudgeweb.contacts.fields import custom_field_definitions
    except ImportError:  # the contacts area does not define custom fields in this build
        return []
    return [
        {"key": f"custom_fields.{definition.key}", "label": definition.label,
         "type": getattr(definition, "type", None) or getattr(definition, "field_type", "string"),
         "required": bool(getattr(definition, "required", False)),
         "help_text": getattr(definition, "help_text", None) or f"Custom field {definition.label}."}
        for definition in custom_field_definitions(organization)
    ]
