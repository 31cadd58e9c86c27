"""The contact field vocabulary and its validation, shared by the pages, the CSV import and the API.

Field names are those of DESIGN.md: ``email``, ``phone`` (E.164; ``mobile_phone_number`` and
``phone_number`` are accepted as aliases), ``first_name``, ``last_name``, ``company_name``,
``tags`` (a list, or one comma-separated string), ``custom_fields`` (a dict keyed by the
organization's CustomFieldDefinition keys), ``status``, ``timezone``; ``name`` (seed 003) is split
into first and last name when those are not given.

Use it so:

    validator = ContactValidator.for_organization(organization)   # once (loads field definitions)
    clean, errors = validator.validate(data)                      # per row: never raises
    values = contact_insert_values(organization.id, clean, source="import")  # a row for a Core insert

``errors`` maps each bad field to one message (custom fields as ``custom_fields.<key>``), so a
caller reports every problem at once. ``clean`` holds only the fields that were given, normalised:
email lower-cased, phone in E.164, tags a de-duplicated list, custom values typed; an empty value
comes back as "" (text) or None (email, phone, timezone, custom values) meaning "clear it".
``validate_contact_data(organization, data)`` does both steps for one contact.
"""
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from zoneinfo import available_timezones

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from email_validator.rfc_constants import DOT_ATOM_TEXT, EMAIL_MAX_LENGTH
from phonenumbers import PhoneMetadata
from phonenumbers.phonenumberutil import _is_number_matching_desc, _number_type_helper
from sqlalchemy import select

from nudgeweb import organization_cache
from nudgeweb.models import new_id, utcnow
from nudgeweb.models.base import db
from nudgeweb.models.contacts import CONTACT_STATUSES, CUSTOM_FIELD_TYPES, CustomFieldDefinition, contact_search_text

organization_cache.watch(CustomFieldDefinition)

# (name, label, aliases): the standard fields in the order forms, exports and CSV headers use.
STANDARD_FIELDS = (
    ("email", "Email", ("email", "e-mail", "email address", "e-mail address", "mail", "emails", "email addr")),
    ("phone", "Phone", ("phone", "mobile_phone_number", "phone_number", "phone number", "mobile",
                        "mobile phone", "mobile number", "mobile phone number", "cell", "cell phone", "cellphone",
                        "cell number", "cell phone number", "telephone", "tel", "sms", "text", "sms number",
                        "phone no", "mobile no", "cell no", "mobile sms", "primary phone", "phones",
                        # a second phone column: its landlines are told apart, the mobile column comes first
                        "home phone", "work phone", "office phone", "business phone", "other phone", "landline",
                        "phone 2", "alternate phone", "secondary phone")),
    ("first_name", "First name", ("first_name", "first name", "firstname", "given name", "forename", "first",
                                  "fname")),
    ("last_name", "Last name", ("last_name", "last name", "lastname", "surname", "family name", "last", "lname")),
    ("company_name", "Company", ("company_name", "company", "company name", "organization",
                                 "organisation", "business", "business name", "organization name", "employer")),
    ("tags", "Tags", ("tags", "tag", "labels", "label", "groups", "group", "categories", "category")),
    ("status", "Status", ("status", "subscription status")),
    ("timezone", "Time zone", ("timezone", "time zone", "tz")),
)
FIELD_NAMES = tuple(name for name, _label, _aliases in STANDARD_FIELDS)
# A contact that gives neither: the message names both fields (under "email", the first of the form)
NO_CHANNEL = "Give an email address or a mobile phone number."
FIELD_LABELS = {name: label for name, label, _aliases in STANDARD_FIELDS}
INPUT_ALIASES = {"mobile_phone_number": "phone", "phone_number": "phone"}
TEXT_LIMITS = {"first_name": 100, "last_name": 100, "company_name": 200}
MAX_TAG_LENGTH = 50
MAX_TAGS_PER_CONTACT = 100  # every list, filter and export of contacts reads them
MAX_CUSTOM_TEXT = 1000
# Control characters are refused (PostgreSQL's text columns cannot even hold NUL); whitespace around
# a value is trimmed first. A custom text field may hold several lines: tabs and line breaks.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
CONTROL_CHARACTERS_BUT_LINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
CONTROL_MESSAGE = "Must not contain control characters."
MAX_CUSTOM_FIELDS = 100  # per organization
UNKNOWN_CUSTOM_FIELD = ("Unknown custom field. Add it in Settings → Custom fields, or send a name of lower-case "
                        "letters, digits and _ with a text, number or true/false value to add it "
                        f"(up to {MAX_CUSTOM_FIELDS} fields).")
TRUE_WORDS = {"true", "yes", "y", "1", "on", "t"}
FALSE_WORDS = {"false", "no", "n", "0", "off", "f"}


_HEADER_NOISE = re.compile(r"\(s\)|[#*:.()\[\]/_\-]")  # "Cell #", "Tag(s)", "Phone No.", "E-mail*", "Mobile (SMS)"


def _header_key(header):
    key = str(header or "").strip().lower().replace("(s)", "s")
    return " ".join(_HEADER_NOISE.sub(" ", key).split())


_HEADER_TO_FIELD = {_header_key(alias): name for name, _label, aliases in STANDARD_FIELDS for alias in aliases}
_HEADER_TO_FIELD.update({_header_key("name"): "name", _header_key("full name"): "name"})
# "Patient Name", "Client E-mail", "Customer Cell #", "Owner" (a pet's): the person a column is about, then the field
_WHO_WORDS = ("customer", "client", "patient", "contact", "member", "guest", "student", "person", "owner", "parent",
              "guardian", "tenant", "attendee", "primary")


NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "md", "phd", "dds", "dmd", "esq"}


def split_full_name(name):
    """(first, last) of a full name: "Ana Lee" and the list form "Lee, Ana" alike; "Tom Hale, Jr." keeps its suffix."""
    name = " ".join(str(name or "").split())
    last, comma, first = name.partition(",")
    if comma and first.strip() and "," not in first and first.strip().rstrip(".").lower() not in NAME_SUFFIXES:
        return first.strip(), last.strip()
    first, _, last = name.partition(" ")
    return first, last


def guess_field(header, definitions=()):
    """The field a CSV column header most likely means: a standard field name, "name" (full name),
    "custom_fields.<key>", or None. Of alternatives ("Tags/Labels", "Mobile/Cell") the first known one."""
    for alternative in str(header or "").split("/")[:5]:
        field = _guess_one(alternative, definitions)
        if field is not None:
            return field
    return None


def header_who(header):
    """The person a column is about by its header's first word ("parent" of "Parent Email"), or None."""
    who = _header_key(header).partition(" ")[0]
    return who if who in _WHO_WORDS else None


MOBILE_WORDS = {"mobile", "cell", "cellphone", "sms", "text", "whatsapp"}


def header_says_mobile(header):
    """Whether a phone column's header says it holds mobile numbers ("Mobile", "Cell #", "SMS number")."""
    return bool(MOBILE_WORDS & set(_header_key(header).split()))


def _guess_one(header, definitions):
    key = _header_key(header)
    if key in _HEADER_TO_FIELD:
        return _HEADER_TO_FIELD[key]
    who, _, rest = key.partition(" ")
    if who in _WHO_WORDS and who != "primary" and not rest:  # a column headed "Patient" holds their names
        return "name"
    if who in _WHO_WORDS and rest in _HEADER_TO_FIELD:
        return _HEADER_TO_FIELD[rest]
    for definition in definitions:
        if key in (_header_key(definition.key), _header_key(definition.label)):
            return f"custom_fields.{definition.key}"
    return None


@lru_cache(maxsize=1)
def timezones():
    return frozenset(available_timezones())


EMAIL_MESSAGE = "Enter a valid email address, like name@example.com."
PLAIN_DOMAIN = re.compile(r"[A-Za-z0-9.-]+\Z")


def normalize_email(value):
    """(email lower-cased, None) or (None, message); no DNS look-up. Addresses at RFC 2606's
    testing domain ``.test`` are taken (integrators' fixtures use them); other reserved names are not.

    Fast path (imports check 100,000 addresses): for a plain ASCII address the library's whole
    check of the part before the @ is its DOT_ATOM_TEXT pattern, so only the domain needs the
    slow check, and a file holds few distinct domains; the result is the library's own.
    """
    local, at, domain = value.rpartition("@")
    if at and DOT_ATOM_TEXT.match(local) and PLAIN_DOMAIN.match(domain):
        checked = _checked_domain(domain)
        if checked is None or len(local) + 1 + max(len(domain), checked[1]) > EMAIL_MAX_LENGTH:
            return None, EMAIL_MESSAGE  # (the library's length check, in UTF-8 bytes, of each form)
        return f"{local}@{checked[0]}".lower(), None
    try:
        result = validate_email(value, check_deliverability=False, test_environment=True)
    except EmailNotValidError:
        return None, EMAIL_MESSAGE
    return result.normalized.lower(), None


@lru_cache(maxsize=8192)
def _checked_domain(domain):
    """(email-validator's normalised domain, the longest of its forms in bytes), or None when refused."""
    try:
        result = validate_email(f"a@{domain}", check_deliverability=False, test_environment=True)
    except EmailNotValidError:
        return None
    return result.domain, max(len(result.domain.encode()), len(result.ascii_domain))


@lru_cache(maxsize=256)
def phone_message(country):
    """What a bad phone number is told: an example of the business's own country (a British one was told
    "+1 415 555 0100")."""
    example = example_mobile(country) if country != "US" else None
    shown = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.INTERNATIONAL) if example \
        else "+1 415 555 0100"
    return f"Enter a valid phone number, like {shown}."


@lru_cache(maxsize=256)
def example_mobile(country):
    """A mobile number of ``country`` to show (phonenumbers' example; in North America, where the library's example
    of Canada looks real, one of the 555-01xx numbers kept for fiction, in an area code of the country), or None."""
    example = phonenumbers.example_number_for_type(country, phonenumbers.PhoneNumberType.MOBILE) if country else None
    if example is not None and example.country_code == 1:
        fictional = phonenumbers.parse(f"+1{str(example.national_number)[:3]}5550123")
        example = fictional if phonenumbers.region_code_for_number(fictional) == country else None
    return example


def phone_placeholder(country):
    """A phone field's placeholder: a mobile number of the business's country as its people write it
    ("0412 345 678" in Australia)."""
    example = example_mobile(country) or example_mobile("US")
    return phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.NATIONAL)


PHONE_PUNCTUATION = str.maketrans("", "", " ()-.")


def normalize_phone(value, country):
    """(E.164 number, None) or (None, message); numbers without +code are read as ``country``'s."""
    number = _plain_nanp_number(value, country)
    if number is not None:  # valid for the organization's own country is the common, cheap answer
        valid = _valid_for_region(number, country) or phonenumbers.is_valid_number(number)
        return (f"+1{number.national_number}", None) if valid else (None, phone_message(country))
    try:
        number = phonenumbers.parse(value, country or None)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        return None, phone_message(country)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), None


# Every type of number a region's metadata describes, the common ones first.
NUMBER_TYPES = ("fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost", "voip", "personal_number",
                "pager", "uan", "voicemail")


def _valid_for_region(number, country):
    """phonenumbers.is_valid_number_for_region(number, country) for a number of _plain_nanp_number.

    The same test: the national number matches the region's general pattern and the pattern of
    one type of number; the library tries the rare types (premium rate, pager ...) first, which
    is most of the cost of an import's phone numbers, here landlines and mobiles come first.
    """
    metadata = PhoneMetadata.metadata_for_region(country.upper())
    national = str(number.national_number)  # no leading zeros in North America
    if not _is_number_matching_desc(national, metadata.general_desc):
        return False
    return any(_is_number_matching_desc(national, getattr(metadata, kind)) for kind in NUMBER_TYPES)


def landline_message(phone, country):
    """Why a contact's phone (E.164) can't be texted when it is a landline, naming it; None for a mobile or a
    number that may be one (North America's landlines and mobiles look alike)."""
    landline = _own_country_landline(phone, country)
    if landline is None:
        landline = phonenumbers.number_type(phonenumbers.parse(phone)) == phonenumbers.PhoneNumberType.FIXED_LINE
    if not landline:
        return None
    shown = phonenumbers.format_number(phonenumbers.parse(phone), phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return f"{shown} is a landline: text messages cannot reach it."


def _own_country_landline(phone, country):
    """Whether a number of the business's own country is a landline, without parsing it (an import checks
    every row's); None for a number of another country."""
    metadata = PhoneMetadata.metadata_for_region(country.upper()) if country else None
    code = f"+{metadata.country_code}" if metadata else None
    if code is None or not phone.startswith(code):
        return None
    national = phone[len(code):]
    if not _is_number_matching_desc(national, metadata.general_desc):
        return None
    if metadata.same_mobile_and_fixed_line_pattern:
        return False
    return _number_type_helper(national, metadata) == phonenumbers.PhoneNumberType.FIXED_LINE


def _plain_nanp_number(value, country):
    """The number phonenumbers.parse would give for a North American number written with digits,
    spaces, dashes, dots and brackets only (e.g. "(415) 555-0100", "+1 415.555.0100"), or None
    for anything else, which then takes the full parse. Parsing is most of the cost of a phone."""
    if not country or phonenumbers.country_code_for_region(country) != 1:
        return None
    digits = value.translate(PHONE_PUNCTUATION)
    if digits.startswith("+1"):
        digits = digits[2:]
    elif len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10 or not (digits.isascii() and digits.isdigit()) or digits[0] in "01":
        return None
    return phonenumbers.PhoneNumber(country_code=1, national_number=int(digits))


def split_tags(value):
    """Tags from a list or a comma/semicolon separated string: trimmed, de-duplicated, in order."""
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple, set)) else str(value).replace(";", ",").split(",")
    seen, tags = set(), []
    for item in items:
        tag = " ".join(str(item).split())
        if tag and tag.lower() not in seen:
            seen.add(tag.lower())
            tags.append(tag)
    return tags


def tags_error(tags):
    """What is wrong with a contact's list of tags (too many, one too long), or None."""
    if len(tags) > MAX_TAGS_PER_CONTACT:
        return f"A contact can have at most {MAX_TAGS_PER_CONTACT} tags ({len(tags):,} given)."
    if any(len(tag) > MAX_TAG_LENGTH for tag in tags):
        return f"Keep each tag to at most {MAX_TAG_LENGTH} characters."
    return None


def has_control_characters(value, pattern=CONTROL_CHARACTERS):
    """True when a text value (or a text of a list: tags) holds control characters inside it."""
    values = value if isinstance(value, (list, tuple)) else (value,)
    return any(isinstance(item, str) and pattern.search(item.strip()) for item in values)


def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def custom_value(definition, value):
    """(typed value, None) or (None, message) for one custom field; a blank value is None (clear)."""
    if _blank(value):
        return None, None
    kind = definition.field_type
    text = value.strip() if isinstance(value, str) else value
    if kind == "text":
        text = str(text)
        if has_control_characters(text, CONTROL_CHARACTERS_BUT_LINES):
            return None, CONTROL_MESSAGE
        if len(text) > MAX_CUSTOM_TEXT:
            return None, f"Use at most {MAX_CUSTOM_TEXT} characters."
        return text, None
    if kind == "number":
        if isinstance(text, bool):
            return None, "Enter a number."
        if isinstance(text, (int, float)):
            return text, None
        try:
            number = float(str(text).replace(",", ""))
        except ValueError:
            return None, "Enter a number."
        if number != number or number in (float("inf"), float("-inf")):
            return None, "Enter a number."
        return int(number) if number.is_integer() and "." not in str(text) else number, None
    if kind == "date":
        if isinstance(text, date):
            return text.isoformat()[:10], None
        raw = str(text)
        try:
            return date.fromisoformat(raw[:10] if "T" in raw else raw).isoformat(), None
        except ValueError:
            return None, "Enter a date as YYYY-MM-DD."
    if kind == "boolean":
        if isinstance(text, bool):
            return text, None
        word = str(text).lower()
        if word in TRUE_WORDS:
            return True, None
        if word in FALSE_WORDS:
            return False, None
        return None, "Enter yes or no."
    if kind == "choice":
        for choice in definition.choices or []:
            if str(text).lower() == str(choice).lower():
                return choice, None
        return None, f"Choose one of: {', '.join(map(str, definition.choices or []))}."
    return None, "This field has an unknown type."


def custom_field_definitions(organization):
    """The organization's custom field definitions (``key``, ``label``, ``field_type``, ``choices``), in order.

    Takes the organization or its id.
    """
    organization_id = getattr(organization, "id", organization)
    return db.session.scalars(
        select(CustomFieldDefinition)
        .where(CustomFieldDefinition.organization_id == organization_id)
        .order_by(CustomFieldDefinition.position, CustomFieldDefinition.label)
    ).all()


@dataclass(frozen=True)
class CustomField:
    """What validation reads of a custom field definition, as plain values."""

    key: str
    label: str
    field_type: str
    choices: tuple


def custom_fields_in_force(organization_id):
    """The organization's custom fields as validation reads them, kept a moment (organization_cache)."""
    return organization_cache.cached(organization_id, "custom-fields", lambda: tuple(
        CustomField(row.key, row.label, row.field_type, tuple(row.choices or ()))
        for row in custom_field_definitions(organization_id)))


def _phones_that_differ(data):
    """{alias: message} when a phone's alias holds another number than ``phone`` (or than another alias)."""
    given = [(name, str(data[name]).strip()) for name in ("phone", *INPUT_ALIASES)
             if name in data and not _blank(data[name])]
    if len({value for _name, value in given}) < 2:
        return {}
    first = given[0][0]
    return {name: f"Give one phone number: {name} and {first} differ." for name, _value in given[1:]}


class ContactValidator:
    """Validates contact data for one organization; build it once per request or import."""

    def __init__(self, default_country="US", definitions=()):
        self.default_country = default_country
        self.definitions = {definition.key: definition for definition in definitions}

    @classmethod
    def for_organization(cls, organization):
        return cls(organization.default_country, custom_fields_in_force(organization.id))

    def validate(self, data, partial=False):
        """(clean, errors) for a dict of input. Unless ``partial``, an email or a phone is required."""
        clean, errors = {}, _phones_that_differ(data)
        data = {INPUT_ALIASES.get(name, name): value for name, value in data.items() if name not in errors}
        for name, value in data.items():
            # a one-line text's line breaks and tabs (a pasted company name) become spaces below
            lines_allowed = name in TEXT_LIMITS or name == "name"
            if name != "custom_fields" and has_control_characters(
                    value, CONTROL_CHARACTERS_BUT_LINES if lines_allowed else CONTROL_CHARACTERS):
                errors[name] = CONTROL_MESSAGE
                continue
            if name in ("email", "phone", "timezone") and not _blank(value):
                value = str(value).strip()
            if name == "email":
                clean[name], error = (None, None) if _blank(value) else normalize_email(value)
            elif name == "phone":
                clean[name], error = (None, None) if _blank(value) else normalize_phone(value, self.default_country)
            elif name in TEXT_LIMITS:
                clean[name] = " ".join(str(value or "").split())
                error = f"Use at most {TEXT_LIMITS[name]} characters." if len(clean[name]) > TEXT_LIMITS[name] else None
            elif name == "tags":
                clean[name] = split_tags(value)
                error = tags_error(clean[name])
            elif name == "status":
                clean[name] = str(value or "").strip().lower() or None
                error = None if clean[name] in (None, *CONTACT_STATUSES) else (
                    f"Status must be one of {', '.join(CONTACT_STATUSES)}.")
            elif name == "timezone":
                clean[name] = None if _blank(value) else value
                error = None if clean[name] is None or clean[name] in timezones() else (
                    "Use a time zone name like America/New_York.")
            elif name == "custom_fields":
                error = self._validate_custom(value, clean, errors)
            elif name == "name":
                continue
            else:
                error = "Unknown field."
            if error:
                errors[name] = error
                clean.pop(name, None)
        if "name" in data and "name" not in errors and not _blank(data["name"]) and not (
            {"first_name", "last_name"} & data.keys()
        ):
            first, last = split_full_name(data["name"])
            clean["first_name"], clean["last_name"] = first[:TEXT_LIMITS["first_name"]], last[:TEXT_LIMITS["last_name"]]
        if not partial and not clean.get("email") and not clean.get("phone") and not (
            {"email", "phone"} & errors.keys()
        ):
            errors["email"] = NO_CHANNEL
        return clean, errors

    def _validate_custom(self, value, clean, errors):
        if value is None:
            value = {}
        if not isinstance(value, dict):
            return "Custom fields must be an object of field names and values."
        values = {}
        for key, raw in value.items():
            definition = self.definitions.get(key)
            if definition is None:
                errors[f"custom_fields.{key}"] = UNKNOWN_CUSTOM_FIELD
                continue
            values[key], error = custom_value(definition, raw)
            if error:
                errors[f"custom_fields.{key}"] = error
                values.pop(key)
        clean["custom_fields"] = values
        return None


def validate_contact_data(organization, data, partial=False):
    """(clean, errors) for one contact of ``organization``: see the module docstring."""
    return ContactValidator.for_organization(organization).validate(data, partial=partial)


def contact_insert_values(organization_id, clean, source, now=None):
    """A contacts row (without tags) for a Core INSERT of a new contact from validated data.

    Tags go in with contacts.operations.tag_ids_for + a contact_tags insert.
    """
    now = now or utcnow()
    status = clean.get("status") or "subscribed"
    values = {
        "id": new_id(),
        "organization_id": organization_id,
        "email": clean.get("email"),
        "phone": clean.get("phone"),
        "first_name": clean.get("first_name", ""),
        "last_name": clean.get("last_name", ""),
        "company_name": clean.get("company_name", ""),
        "custom_fields": {k: v for k, v in (clean.get("custom_fields") or {}).items() if v is not None},
        "status": status,
        "source": source,
        "subscribed_at": now if status == "subscribed" else None,
        "unsubscribed_at": None if status == "subscribed" else now,
        "unsubscribe_reason": None,
        "timezone": clean.get("timezone"),
        "created_at": now,
        "updated_at": now,
    }
    values["search_text"] = contact_search_text(
        values["first_name"], values["last_name"], values["email"], values["phone"], values["company_name"]
    )
    return values


__all__ = [
    "CUSTOM_FIELD_TYPES", "FIELD_NAMES", "FIELD_LABELS", "STANDARD_FIELDS", "ContactValidator",
    "contact_insert_values", "custom_field_definitions", "custom_value", "guess_field", "header_says_mobile", "header_who",
    "landline_message",
    "normalize_email", "normalize_phone",
    "contact_search_text", "has_control_characters", "split_tags", "validate_contact_data",
]
