"""Employees from a CSV file, the way contacts are imported (imports.core): upload, a mapping step
(guessed from the header names, editable), then a Huey task that imports the file in chunks, each
committed with the import's progress; every good row is added (or fills in the employee with the
same email or phone), every bad one is kept with its line and the reason."""
import logging

from sqlalchemy import or_, select, update

from nudgeweb.contacts.fields import normalize_email, normalize_phone
from nudgeweb.field_errors import FieldErrors
from nudgeweb.imports import core
from nudgeweb.imports.mapping import MappingError, mapping_from_columns
from nudgeweb.models import Organization, db, utcnow
from nudgeweb.models.employees import Employee, EmployeeImport, EmployeeImportFailure
from nudgeweb.nudges import operations
from nudgeweb.nudges.signals import employee_import_due
from nudgeweb.unit_of_work import after_commit, checkpoint, rollback

log = logging.getLogger(__name__)
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5_000
CHUNK_SIZE = 100  # rows committed together, with the progress that says so
TARGETS = (("name", "Name"), ("email", "Email"), ("phone", "Mobile phone"), ("title", "Title or role"),
           ("location", "Location"), ("preferred_channel", "Nudge them by (email or SMS)"))
HEADER_NAMES = {  # a header, lower-cased and without spaces, _ and -, to the employee's field
    "name": "name", "fullname": "name", "employee": "name", "employeename": "name", "staff": "name",
    "email": "email", "emailaddress": "email", "mail": "email",
    "phone": "phone", "mobile": "phone", "mobilephone": "phone", "cell": "phone", "phonenumber": "phone",
    "title": "title", "jobtitle": "title", "role": "title", "position": "title",
    "location": "location", "store": "location", "branch": "location", "site": "location",
    "channel": "preferred_channel", "preferredchannel": "preferred_channel",
}
LABELS = dict(TARGETS)


class EmployeeImportError(FieldErrors):
    """A file or mapping that can't be imported; ``errors`` names the field (file, mapping, column-N)."""


def guess_mapping(headers):
    """{field: column index} a person would pick from the header names alone; each field used once."""
    mapping = {}
    for index, header in enumerate(headers):
        field = HEADER_NAMES.get("".join(header.lower().split()).replace("_", "").replace("-", ""))
        if field and field not in mapping:
            mapping[field] = index
    return mapping


def create_draft(organization, user, file_bytes, filename):
    """An uploaded file waiting for its columns to be confirmed."""
    try:
        layout, chunks, total = core.read_upload(file_bytes, CHUNK_SIZE, MAX_FILE_BYTES, MAX_ROWS, "employees")
    except core.UploadError as error:
        raise EmployeeImportError({"file": str(error)}) from error
    employee_import = EmployeeImport(
        organization_id=organization.id, created_by_id=getattr(user, "id", None),
        filename=(filename or "team.csv").rsplit("/", 1)[-1][:255], file_size=len(file_bytes), file_data=file_bytes,
        encoding=layout.encoding, delimiter=layout.delimiter, headers=layout.headers, chunks=chunks,
        status="draft", total=total, mapping=guess_mapping(layout.headers))
    db.session.add(employee_import)
    db.session.flush()
    return employee_import


def confirm_import(employee_import, columns):
    """Start a draft with the field chosen for each column ({column index: field or ""})."""
    if employee_import.status != "draft":
        raise EmployeeImportError({"mapping": "This import has already started."})
    try:
        mapping = mapping_from_columns({index: field for index, field in columns.items() if field in LABELS or not field})
    except MappingError as error:
        raise EmployeeImportError({f"column-{error.column}": str(error)}) from error
    if "name" not in mapping or not {"email", "phone"} & mapping.keys():
        raise EmployeeImportError({"mapping": "Choose the column of the name, and the column of the email "
                                              "address or the mobile phone."})
    employee_import.mapping = mapping
    employee_import.status, employee_import.started_at = "processing", utcnow()
    queue_import(employee_import)
    return employee_import


def queue_import(employee_import):
    employee_import.claimed_at = utcnow()
    db.session.flush()
    after_commit(employee_import_due.send, str(employee_import.organization_id),
                 import_id=str(employee_import.id))


def resume_import(employee_import):
    """Carry on with an import that stopped: the rows already done stay done."""
    if core.is_stalled(employee_import):
        employee_import.status, employee_import.error, employee_import.finished_at = "processing", None, None
        queue_import(employee_import)


def run_import(import_id):
    """Import the chunks not done yet, each committed with the progress (the Huey task). Returns
    "missing" when the import is not this organization's (or is gone), else its status."""
    employee_import = db.session.get(EmployeeImport, import_id)
    if employee_import is None or employee_import.status != "processing":
        return "missing" if employee_import is None else employee_import.status
    organization = db.session.get(Organization, employee_import.organization_id)
    try:
        for index, from_row in core.pending_chunks(employee_import.processed, employee_import.chunks):
            if not take_turn(import_id, from_row):
                return  # another worker has this import (a task run twice): it carries on
            import_chunk(employee_import, organization, index, from_row)
            checkpoint()
    except Exception as error:
        log.exception("Employee import %s stopped", import_id)
        rollback()  # the chunks before this one stay imported; Resume carries on from here
        employee_import = db.session.get(EmployeeImport, import_id)
        employee_import.status, employee_import.finished_at = "failed", utcnow()
        employee_import.error = f"The import stopped at row {employee_import.processed + 1}: {error}"[:1000]


def take_turn(import_id, from_row):
    """Lock the import's row for the chunk from ``from_row``, if it is still to do."""
    return db.session.execute(
        update(EmployeeImport).where(EmployeeImport.id == import_id, EmployeeImport.status == "processing",
                                     EmployeeImport.processed == from_row)
        .values(claimed_at=utcnow()).execution_options(synchronize_session=False)).rowcount == 1


def import_chunk(employee_import, organization, index, from_row):
    rows = core.chunk_rows(employee_import, index, from_row)
    for line, values in rows:
        record = row_record(values, employee_import.mapping)
        try:
            with db.session.begin_nested():
                added = import_row(organization, record)
        except operations.EmployeeError as error:
            db.session.add(EmployeeImportFailure(organization_id=organization.id, import_id=employee_import.id,
                                                 line=line, reason=describe(error.errors), values=values))
            employee_import.failed += 1
        else:
            employee_import.added += added
            employee_import.updated += not added
    employee_import.processed += len(rows)
    employee_import.claimed_at = utcnow()
    if employee_import.processed >= employee_import.total:
        employee_import.status, employee_import.finished_at, employee_import.file_data = "completed", utcnow(), None


def row_record(values, mapping):
    """The employee's fields of one row, as the operations take them (blank values left out)."""
    record = {field: (values[index].strip() if index < len(values) else "") for field, index in mapping.items()}
    if record.get("preferred_channel"):
        record["preferred_channel"] = {"text": "sms", "text message": "sms"}.get(
            record["preferred_channel"].lower(), record["preferred_channel"].lower())
    return {field: value for field, value in record.items() if value or field == "name"}


def import_row(organization, record):
    """Add the row's employee, or fill in the one with its email (else phone); True when added."""
    existing = same_employee(organization, record)
    if existing is None:
        operations.create_employee(organization, record)
        return True
    operations.update_employee(existing, record)
    return False


def same_employee(organization, record):
    email = normalize_email(record.get("email") or "")[0] if record.get("email") else None
    phone = normalize_phone(record["phone"], organization.default_country)[0] if record.get("phone") else None
    matches = [Employee.email == email] if email else []
    matches += [Employee.phone == phone] if phone else []
    if not matches:
        return None
    return db.session.scalars(select(Employee).where(Employee.organization_id == organization.id, or_(*matches))
                              .order_by(Employee.email != email if email else Employee.created_at,
                                        Employee.created_at).limit(1)).first()


def describe(errors):
    return "; ".join(f"{LABELS.get(field, field.replace('_', ' '))}: {message}" for field, message in errors.items())


def recent_imports(organization_id, limit=5):
    return db.session.scalars(select(EmployeeImport).where(EmployeeImport.organization_id == organization_id)
                              .order_by(EmployeeImport.created_at.desc()).limit(limit)).all()


FAILURES_SHOWN = 100


def failures_of(employee_import, limit=FAILURES_SHOWN):
    return db.session.scalars(select(EmployeeImportFailure).where(
        EmployeeImportFailure.organization_id == employee_import.organization_id,
        EmployeeImportFailure.import_id == employee_import.id).order_by(EmployeeImportFailure.line).limit(limit)).all()


def failed_rows_csv(employee_import):
    return core.failed_rows_csv(employee_import, EmployeeImportFailure)
