"""Employees from a CSV file, read by the contacts import engine's reader (imports.csvfile: encoding,
separator, header, line numbers). A team is small, so it is imported during the request: every good
row is added (or fills in the employee with the same email), every bad one is listed with its line."""
from dataclasses import dataclass, field

from sqlalchemy import select

from nudgeweb.imports import csvfile
from nudgeweb.models import db
from nudgeweb.models.employees import Employee
from nudgeweb.nudges import operations

MAX_FILE_BYTES = 1024 * 1024
MAX_ROWS = 1_000
COLUMNS = {  # a header, lower-cased and without spaces, _ and -, to the employee's field
    "name": "name", "fullname": "name", "employee": "name", "employeename": "name",
    "email": "email", "emailaddress": "email", "e-mail": "email",
    "phone": "phone", "mobile": "phone", "mobilephone": "phone", "cell": "phone", "phonenumber": "phone",
    "title": "title", "jobtitle": "title", "role": "title", "position": "title",
    "location": "location", "store": "location", "branch": "location", "site": "location",
    "channel": "preferred_channel", "preferredchannel": "preferred_channel",
}


class EmployeeFileError(ValueError):
    """The file cannot be imported at all (as opposed to one bad row)."""


@dataclass
class EmployeeImport:
    added: int = 0
    updated: int = 0
    failed: list = field(default_factory=list)  # (line, values, message)


def column_fields(headers):
    """{column index: field} of the columns Nudge recognises; a file without a name column is refused."""
    found = {}
    for index, header in enumerate(headers):
        name = COLUMNS.get("".join(header.lower().split()).replace("_", "").replace("-", ""))
        if name and name not in found.values():
            found[index] = name
    if "name" not in found.values() or not {"email", "phone"} & set(found.values()):
        raise EmployeeFileError("The first line must name the columns, with at least Name, and Email or Phone "
                                f"(found: {', '.join(headers) or 'none'}).")
    return found


def import_employees(organization, data: bytes):
    if len(data) > MAX_FILE_BYTES:
        raise EmployeeFileError(f"The file is larger than {MAX_FILE_BYTES // 1024} KB: is it your team?")
    try:
        layout, text = csvfile.read_layout(data)
        fields = column_fields(layout.headers)
        rows = list(csvfile.records(text, layout.delimiter))
    except csvfile.CsvFileError as error:
        raise EmployeeFileError(str(error)) from error
    if len(rows) > MAX_ROWS:
        raise EmployeeFileError(f"The file has {len(rows):,} rows; an import takes at most {MAX_ROWS:,}.")
    result = EmployeeImport()
    for line, values in rows:
        record = {name: (values[index].strip() if index < len(values) else "") for index, name in fields.items()}
        record = {name: value for name, value in record.items() if value or name in ("email", "phone")}
        _import_row(organization, record, line, values, result)
    return result


def _import_row(organization, record, line, values, result):
    existing = _by_email(organization.id, record.get("email"))
    try:
        with db.session.begin_nested():
            if existing is None:
                operations.create_employee(organization, record)
                result.added += 1
            else:
                operations.update_employee(existing, {k: v for k, v in record.items() if v})
                result.updated += 1
    except operations.EmployeeError as error:
        result.failed.append((line, values, "; ".join(f"{k}: {m}" for k, m in error.errors.items())))


def _by_email(organization_id, email):
    if not email:
        return None
    return db.session.scalar(select(Employee).where(Employee.organization_id == organization_id,
                                                    Employee.email == email.strip().lower()))
