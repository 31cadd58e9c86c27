"""Which column of the file goes into which contact field.

A mapping is ``{field: column index}``. The fields are the contact vocabulary of
``contacts.fields`` (``email``, ``phone``, ``first_name`` ...), ``name`` (a full name, split into
first and last) and ``custom_fields.<key>`` for each of the organization's custom fields. The phone
may take a list of columns ("Home phone" and "Mobile"), tried in order: a row's first mobile number
is its phone (rows.one_phone).
"""
from nudgeweb.contacts.fields import FIELD_LABELS, guess_field, header_says_mobile, header_who
from nudgeweb.contacts.operations import custom_field_definitions

CUSTOM_PREFIX = "custom_fields."
_NAMES = ("name", "first_name", "last_name")
NEW_CUSTOM_FIELD = "new_custom_field"  # the wizard's choice "New custom field"; confirm_import makes it
SEVERAL = ("phone",)  # the fields that take several columns


class MappingError(ValueError):
    """A mapping that can't be used; the message says why, in the user's words, and ``column``
    is the index of the column it is about (None when it is about the mapping as a whole)."""

    def __init__(self, message, column=None, fields=None):
        super().__init__(message)
        self.column = column
        self.fields = fields or {}  # {field: message} when it is about given fields, each said


def import_targets(organization) -> list:
    """(field, label) of everything a column can be imported into, in the order the wizard offers them."""
    targets = list(FIELD_LABELS.items())
    targets.insert(2, ("name", "Full name (first and last)"))
    targets += [(CUSTOM_PREFIX + d.key, d.label) for d in custom_field_definitions(organization.id)]
    return targets


def guess_mapping(headers: list, organization) -> dict:
    """The mapping a person would pick from the header names alone; each field used once: of two
    columns for one field, the first, but the names of the person the file reaches ("Parent Name",
    not "Student Name", beside "Parent Email")."""
    definitions = custom_field_definitions(organization.id)
    guesses = [(index, guess_field(header, definitions), header_who(header)) for index, header in enumerate(headers)]
    reached = {who for _index, field, who in guesses if field in ("email", "phone") and who}
    mapping = {}
    for index, field, who in guesses:
        if field in SEVERAL and field in mapping:
            mapping[field] = columns_of(mapping[field]) + [index]
        elif field is not None and (field not in mapping or _reached_names(field, who, guesses[mapping[field]][2], reached)):
            mapping[field] = index
    if "name" in mapping and ({"first_name", "last_name"} & mapping.keys()):
        del mapping["name"]  # separate name columns beat a full-name one
    return mobile_first(mapping, headers)


def columns_of(column):
    """The column indexes of one field of a mapping: [index], or the list of a field of SEVERAL."""
    return list(column) if isinstance(column, list) else [column]


def mobile_first(mapping, headers):
    """The mapping with the phone columns whose header says mobile ("Mobile", "Cell #") before the others ("Home
    phone"): in North America a landline looks like a mobile, so the column is the only sign."""
    if not isinstance(mapping.get("phone"), list):
        return mapping
    says_mobile = [header_says_mobile(headers[index]) for index in mapping["phone"]]
    ordered = [index for index, mobile in zip(mapping["phone"], says_mobile) if mobile]
    return {**mapping, "phone": ordered + [index for index, mobile in zip(mapping["phone"], says_mobile) if not mobile]}


def _reached_names(field, who, taken_who, reached):
    """Whether a later column for ``field`` beats the one taken: a name of the person the file reaches."""
    return field in _NAMES and who in reached and taken_who not in reached


def resolve_mapping(requested: dict, headers: list, organization) -> dict:
    """A mapping given by a person or an API client, ``{field: column index or header name}``,
    checked against the file and the organization's fields; raises MappingError."""
    targets = dict(import_targets(organization))
    by_header = {header.strip().lower(): index for index, header in reversed(list(enumerate(headers)))}
    mapping, problems = {}, {}
    for given, column in requested.items():
        field = "phone" if given == "mobile_phone_number" else given
        if column is None or (isinstance(column, str) and not column.strip()) or column == []:
            continue
        if isinstance(column, list) and field not in SEVERAL:
            problems[given] = f"Give one column for “{given}”: only the phone takes several."
            continue
        found = [_column_of(field, one, targets, headers, by_header) for one in columns_of(column)]
        problem = next((problem for _index, problem in found if problem), None)
        indexes = list(dict.fromkeys(index for index, _problem in found))
        if problem:
            problems[given] = problem
        else:
            mapping[field] = indexes if len(indexes) > 1 else indexes[0]
    if problems:
        raise MappingError(" ".join(problems.values()), fields=problems)
    check_mapping(mapping, headers)
    return mapping


def _column_of(field, column, targets, headers, by_header):
    """(column index, None) for one field of a given mapping, or (None, what is wrong)."""
    if field not in targets:
        return None, f"There is no contact field called “{field}”."
    if isinstance(column, bool):
        return None, f"Give a column number or a column name for “{field}”."
    if isinstance(column, int) or (isinstance(column, str) and column.strip().isdigit()):
        index = int(column)
        if not 0 <= index < len(headers):
            return None, (f"Column {index} for “{field}” isn't in the file: its columns are numbered "
                          f"0 to {len(headers) - 1}.")
        return index, None
    index = by_header.get(str(column).strip().lower())
    if index is None:
        return None, f"The file has no column called “{column}” (for “{field}”)."
    return index, None


def mapping_from_columns(columns: dict, several=()) -> dict:
    """{field: column index} from the wizard's choice per column ({index: field or ""}); a field of ``several``
    chosen for more than one column gets their list."""
    mapping = {}
    for index, field in sorted(columns.items()):
        if not field:
            continue
        if field == NEW_CUSTOM_FIELD:
            field = f"{NEW_CUSTOM_FIELD}:{index}"  # one new field per column so chosen
        if field in mapping and field in several:
            mapping[field] = columns_of(mapping[field]) + [index]
            continue
        if field in mapping:
            raise MappingError(f"{_label(field)} is already chosen for another column.", column=index)
        mapping[field] = index
    return mapping


def check_mapping(mapping: dict, headers: list):
    if "email" not in mapping and "phone" not in mapping:
        raise MappingError("Choose the column that holds the email address or the mobile phone number.")
    used = {}
    for field, column in mapping.items():
        for index in columns_of(column):
            if index in used:
                raise MappingError(
                    f"“{headers[index]}” is chosen for both {_label(used[index])} and {_label(field)}.", column=index
                )
            used[index] = field


def _label(field):
    return FIELD_LABELS.get(field, field.removeprefix(CUSTOM_PREFIX).replace("_", " "))


def row_data(row: list, mapping: dict) -> dict:
    """The contact data of one CSV row, as contacts.fields validates it."""
    data, custom = {}, {}
    width = len(row)
    for field, column in mapping.items():
        if isinstance(column, list):  # the phone's columns: the first value (rows.one_phone picks the mobile)
            value = next((row[index] for index in column if index < width and row[index].strip()), "")
        else:
            value = row[column] if column < width else ""
        if field.startswith(CUSTOM_PREFIX):
            custom[field[len(CUSTOM_PREFIX):]] = value
        else:
            data[field] = value
    if custom:
        data["custom_fields"] = custom
    return data


def phone_values(row: list, mapping: dict) -> list:
    """The row's non-blank values of its phone columns, in the mapping's order, when it has several; else []."""
    column = mapping.get("phone")
    if not isinstance(column, list):
        return []
    return [row[index].strip() for index in column if index < len(row) and row[index].strip()]
