"""What an import keeps of a row it can't take whole, and how it says what it changed.

* ``keep_what_it_can``: a row with a good channel and broken values (an email like ``bob@@example`` beside a
  valid mobile, a note over its limit) is imported without them; each is left out with a warning.
* ``without_landline``: a landline is no phone of a contact (the phone is for text messages); the row keeps
  its email or is refused, the number named.
* ``one_phone``: of a row's several phone columns ("Home phone", "Mobile"), the first mobile number is its phone;
  each other number is left out with a warning.
* ``shortened_names``: a full name whose first or last name is longer than its column is cut to it
  (contacts.fields splits it), with a warning saying so.
* ``snapshot`` / ``changes``: a contact as it was before a row updated it, and the changes in words
  ("last name Lovelace → King; tags added: vip").
* ``keeps_name``: a later row of the same file for a contact an earlier row already wrote does not
  rename it (two people sharing one email address are not one person renamed twice).
"""
from nudgeweb.contacts.fields import FIELD_LABELS, TEXT_LIMITS, landline_message, normalize_phone, split_full_name

CHANNELS = ("email", "phone")
NAME_FIELDS = ("first_name", "last_name", "name")
COMPARED = ("first_name", "last_name", "email", "phone", "company_name", "status", "timezone")


def without_landline(validator, clean, errors):
    """A row's phone moved from ``clean`` to ``errors`` when it is a landline: text messages cannot reach it, and
    the customer is kept for the email, if any (keep_what_it_can)."""
    message = landline_message(clean["phone"], validator.default_country) if clean.get("phone") else None
    if message:
        errors["phone"] = message
        del clean["phone"]
    return clean, errors


def one_phone(validator, data, phones):
    """(data, warnings): the row with its first mobile number of ``phones`` (its phone columns' values, in the
    mapping's order) as its phone, and a warning for each other number. With no mobile number, its phone is a
    landline if it has one, else its first value: validated as any phone, refused or left out with the reason."""
    if len(phones) < 2:
        return data, []
    country, checked = validator.default_country, []
    for value in phones:
        number, error = normalize_phone(value, country)
        checked.append((value, number, error or (landline_message(number, country) if number else None)))
    chosen = next((found for found in checked if not found[2]), None) or next(
        (found for found in checked if found[1]), checked[0])  # a mobile, else a landline, else the first
    warnings = []
    for value, number, problem in checked:
        if (value, number) == chosen[:2] or (number and number == chosen[1]):
            continue  # the phone, or the same number written another way
        shown = as_quoted(value)
        if problem:
            warnings.append(f"Phone “{shown}” left out ({_inside(problem)}).")
        else:
            warnings.append(f"Phone “{shown}” left out: a contact has one mobile number, and {chosen[0]} came first.")
    return {**data, "phone": chosen[0]}, warnings


def keep_what_it_can(validator, data, errors):
    """(data, clean, errors, warnings): the row without its broken values, when what is left is still a contact
    (a good email or phone), and a warning naming each value left out (a note over its limit, an email like
    ``bob@@example`` beside a good mobile); else the row as it was, refused."""
    kept = _without(data, errors)
    if not any(kept.get(channel) for channel in CHANNELS):
        return data, None, errors, []
    clean, still = validator.validate(kept)
    if still:
        return data, None, errors, []
    return kept, clean, {}, [_left_out(field, data, errors[field], kept, validator.definitions) for field in errors]


def _without(data, errors):
    kept = {name: value for name, value in data.items() if name not in errors}
    custom = {key: value for key, value in data.get("custom_fields", {}).items() if f"custom_fields.{key}" not in errors}
    if "custom_fields" in data:
        kept["custom_fields"] = custom
    return kept


def _left_out(field, data, error, kept, definitions):
    """ "Email “bob@@example” left out (…): imported with the phone only." A custom field goes by its label."""
    key = field.removeprefix("custom_fields.")
    value = str(data.get("custom_fields", {}).get(key) if key != field else data.get(field, "")).strip()
    definition = definitions.get(key) if key != field else None
    label = FIELD_LABELS.get(field) or (definition.label if definition else key.replace("_", " ").capitalize())
    shown = as_quoted(value)
    if field in CHANNELS:
        other = "phone" if field == "email" else "email"
        if kept.get(other):
            return f"{label} “{shown}” left out ({_inside(error)}): imported with the {FIELD_LABELS[other].lower()} only."
    return f"{label} “{shown}” left out ({_inside(error)})."


def as_quoted(value):
    """A value a note quotes: whole up to 60 characters, else its start and an ellipsis."""
    return value if len(value) <= 60 else value[:57] + "…"


def _inside(sentence):
    """A sentence as it reads inside brackets: without its full stop ("… cannot reach it)." not "… it.).")."""
    return sentence.rstrip(".")


def shortened_names(data):
    """Warnings for the parts of a full name the validator cut to their limit when it split the name."""
    if "name" not in data or {"first_name", "last_name"} & data.keys():  # as the validator: names given apart win
        return []
    parts = zip(("first_name", "last_name"), split_full_name(data["name"]))
    return [f"{FIELD_LABELS[field]} shortened to {TEXT_LIMITS[field]} characters: “{part[TEXT_LIMITS[field]:]}” left out."
            for field, part in parts if len(part) > TEXT_LIMITS[field]]


def snapshot(contact):
    """What ``changes`` compares of a contact, taken before a row updates it."""
    if contact is None:
        return None
    values = {name: getattr(contact, name) or "" for name in COMPARED}
    values["tags"] = list(contact.tags)
    values["custom_fields"] = dict(contact.custom_fields or {})
    return values


def changes(before, contact, definitions=None):
    """The differences between ``before`` and the contact now, in words; "" when none."""
    after = snapshot(contact)
    said = []
    for name in COMPARED:
        old, new = before[name], after[name]
        if old != new:
            label = FIELD_LABELS[name].lower() if name != "email" else "email"
            said.append(f"{label} {old} → {new}" if old else f"{label} added: {new}")
    added_tags = [tag for tag in after["tags"] if tag not in before["tags"]]
    if added_tags:
        said.append(f"tags added: {', '.join(added_tags)}")
    for key, new in after["custom_fields"].items():
        old = before["custom_fields"].get(key)
        if old != new:
            definition = (definitions or {}).get(key)
            label = definition.label if definition else key
            said.append(f"{label} {old} → {new}" if old not in (None, "") else f"{label} added: {new}")
    return "; ".join(said)


def keeps_name(data, contact, earlier_line, matched_by="email"):
    """(data without its names, warning) when the row would rename a contact an earlier row of the file
    wrote; (data, None) when it names the contact as it is, or gives no name."""
    given = {name: str(data.get(name) or "").strip() for name in NAME_FIELDS}
    if not any(given.values()):
        return data, None
    if given["name"] and not (given["first_name"] or given["last_name"]):
        first, last = split_full_name(given["name"])
        given.update(first_name=first, last_name=last)
    same = all(not given[name] or " ".join(given[name].split()) == getattr(contact, name)
               for name in ("first_name", "last_name"))
    if same or not contact.full_name:
        return data, None
    where = f"line {earlier_line}" if earlier_line else "an earlier row"
    row_name = " ".join(part for part in (given["first_name"], given["last_name"]) if part)
    kept = {name: value for name, value in data.items() if name not in NAME_FIELDS}
    return kept, (f"Same {matched_by} as {where}: the name stays “{contact.full_name}” "
                  f"(this row says “{row_name}”); its other values were added.")
