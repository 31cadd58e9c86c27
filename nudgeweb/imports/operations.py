"""Importing a CSV file of contacts: upload, map the columns, run in chunks, report the failures.

The wizard, the API and the Huey task all call these functions (see the package docstring).
"""
import csv
import io
import itertools
import logging
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import and_, or_, select, text, update
from sqlalchemy.exc import IntegrityError

from nudgeweb.bulk import insert_rows
from nudgeweb.contacts.fields import FIELD_LABELS, ContactValidator, contact_insert_values
from nudgeweb.contacts.operations import ContactValidationError, tag_ids_for, upsert_contact
from nudgeweb.contacts.timeline import record_activities
from nudgeweb.imports import csvfile
from nudgeweb.imports.mapping import (
    MappingError, check_mapping, guess_mapping, mapping_from_columns, resolve_mapping, row_data,
)
from nudgeweb.models import Contact, Organization, contact_tags, db, utcnow
from nudgeweb.models.imports import ContactImport, ContactImportFailure

log = logging.getLogger(__name__)

SYNC_LIMIT = 500  # files with at most this many rows are imported during the request
CHUNK_SIZE = 2000  # rows committed together, with the progress that says so
MAX_FILE_BYTES = 50 * 1024 * 1024
STALE_AFTER = timedelta(minutes=2)  # a running import renews its claim after every chunk
RECENT_LIMIT = 10


class ImportValidationError(ValueError):
    """A file or mapping that can't be imported; ``errors`` maps the field (file, mapping,
    update_existing or a column like ``column-3``) to a message."""

    def __init__(self, errors):
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))
        self.errors = dict(errors)


# --- starting ---------------------------------------------------------------------------------------

def create_draft(organization, user, file_bytes, filename):
    """An uploaded file waiting for its columns to be confirmed (the wizard's second step)."""
    contact_import, _text = _new_import(organization, user, file_bytes, filename)
    contact_import.mapping = guess_mapping(contact_import.headers, organization)
    db.session.add(contact_import)
    db.session.commit()
    return contact_import


def start_import(organization, user, file_bytes, filename, mapping=None, update_existing=True):
    """Upload and start at once (the API): ``mapping`` is {field: column index or header name},
    guessed from the headers when None. Returns the import, processing or already completed."""
    contact_import, _text = _new_import(organization, user, file_bytes, filename)
    try:
        if mapping is None:
            contact_import.mapping = guess_mapping(contact_import.headers, organization)
            check_mapping(contact_import.mapping, contact_import.headers)
        else:
            if not isinstance(mapping, dict):
                raise MappingError("Give the mapping as an object of field names and column numbers or names.")
            contact_import.mapping = resolve_mapping(mapping, contact_import.headers, organization)
    except MappingError as error:
        raise ImportValidationError({"mapping": str(error)}) from error
    contact_import.update_existing = bool(update_existing)
    db.session.add(contact_import)
    return _launch(contact_import)


def confirm_import(contact_import, columns, update_existing):
    """Start a draft with the field the person chose for each column ({column index: field or ""})."""
    if contact_import.status != "draft":
        raise ImportValidationError({"mapping": "This import has already started."})
    organization = db.session.get(Organization, contact_import.organization_id)
    try:
        mapping = mapping_from_columns(columns)
        contact_import.mapping = resolve_mapping(mapping, contact_import.headers, organization)
    except MappingError as error:
        field = "mapping" if error.column is None else f"column-{error.column}"
        raise ImportValidationError({field: str(error)}) from error
    contact_import.update_existing = bool(update_existing)
    return _launch(contact_import)


def _new_import(organization, user, file_bytes, filename):
    if file_bytes is None:
        raise ImportValidationError({"file": "Choose a CSV file to import."})
    if len(file_bytes) > MAX_FILE_BYTES:
        raise ImportValidationError({"file": f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB: split it in two."})
    try:
        layout, text = csvfile.read_layout(file_bytes)
        total = csvfile.count_records(text, layout.delimiter)
    except csvfile.CsvFileError as error:
        raise ImportValidationError({"file": str(error)}) from error
    if total == 0:
        raise ImportValidationError({"file": "The file has a header line but no rows of contacts."})
    contact_import = ContactImport(
        organization_id=organization.id,
        created_by_id=getattr(user, "id", None),
        filename=(filename or "contacts.csv").rsplit("/", 1)[-1][:255],
        file_size=len(file_bytes),
        file_data=file_bytes,
        encoding=layout.encoding,
        delimiter=layout.delimiter,
        headers=layout.headers,
        status="draft",
        total=total,
    )
    return contact_import, text


def _launch(contact_import):
    from nudgeweb.imports.tasks import run_contact_import

    contact_import.status = "processing"
    contact_import.started_at = utcnow()
    db.session.commit()
    if contact_import.total <= SYNC_LIMIT:
        run_import(contact_import.id)
    else:
        run_contact_import(str(contact_import.id))
    db.session.refresh(contact_import)
    return contact_import


def discard_draft(contact_import):
    """Forget an upload whose columns were never confirmed."""
    if contact_import.status != "draft":
        raise ImportValidationError({"file": "This import has started: it stays in the list."})
    db.session.delete(contact_import)
    db.session.commit()


def resume_import(contact_import):
    """Carry on with an import that stopped (a crash, a failure): the rows already done stay done."""
    from nudgeweb.imports.tasks import run_contact_import

    if not is_stalled(contact_import):
        return contact_import
    contact_import.status = "processing"
    contact_import.error = None
    contact_import.claimed_at = None
    contact_import.finished_at = None
    db.session.commit()
    run_contact_import(str(contact_import.id))
    db.session.refresh(contact_import)
    return contact_import


def is_stalled(contact_import):
    """Failed part-way, or processing with nobody working on it for a while."""
    if contact_import.status == "failed":
        return contact_import.processed < contact_import.total
    if contact_import.status != "processing":
        return False
    last_sign = contact_import.claimed_at or contact_import.started_at or contact_import.created_at
    return last_sign < utcnow() - STALE_AFTER


def resume_stalled_imports():
    """Queue again every import a crashed worker left behind (run every minute by the consumer)."""
    from nudgeweb.imports.tasks import run_contact_import

    stale = utcnow() - STALE_AFTER
    ids = db.session.scalars(
        select(ContactImport.id).where(
            ContactImport.status == "processing",
            or_(ContactImport.claimed_at < stale,
                and_(ContactImport.claimed_at.is_(None), ContactImport.started_at < stale)),
        )
    ).all()
    for import_id in ids:
        log.info("Resuming contact import %s", import_id)
        run_contact_import(str(import_id))
    return ids


# --- running ----------------------------------------------------------------------------------------

def _claim(import_id):
    """Take the import for this worker, unless another one is on it; True when taken."""
    now = utcnow()
    result = db.session.execute(
        update(ContactImport)
        .where(
            ContactImport.id == import_id,
            ContactImport.status == "processing",
            or_(ContactImport.claimed_at.is_(None), ContactImport.claimed_at < now - STALE_AFTER),
        )
        .values(claimed_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount == 1


def run_import(import_id, final_attempt=True):
    """Import the rows not imported yet, a chunk per transaction; safe to call again after a crash.

    When something breaks, the rows done so far stay done: a later attempt carries on from there,
    and after the final attempt the import is marked failed (the page offers to resume it).
    """
    if not _claim(import_id):
        return None
    contact_import = db.session.get(ContactImport, import_id)
    organization = db.session.get(Organization, contact_import.organization_id)
    try:
        ImportRun(contact_import, organization).run()
    except Exception as error:
        log.exception("Contact import %s stopped", import_id)
        db.session.rollback()
        contact_import = db.session.get(ContactImport, import_id)
        contact_import.claimed_at = None
        if final_attempt:
            contact_import.status = "failed"
            contact_import.error = f"The import stopped at row {contact_import.processed + 1}: {error}"[:1000]
            contact_import.finished_at = utcnow()
        db.session.commit()
        if not final_attempt:
            raise
    return contact_import


@contextmanager
def _large_sqlite_cache():
    """On SQLite, keep the contacts' indexes in memory while rows pour in (about 15% faster at
    100,000 rows); the pooled connection gets its usual cache back afterwards (after a failure it
    keeps the larger one, which costs only memory)."""
    sqlite = db.session.get_bind().dialect.name == "sqlite"
    if sqlite:
        db.session.execute(text("PRAGMA cache_size = -65536"))
    yield
    if sqlite:
        db.session.execute(text("PRAGMA cache_size = -2000"))


class ImportRun:
    """One worker's pass over the rows of an import that are not done yet."""

    def __init__(self, contact_import, organization):
        self.contact_import = contact_import
        self.organization = organization
        self.validator = ContactValidator.for_organization(organization)
        self.mapping = {field: int(index) for field, index in contact_import.mapping.items()}
        self.summary = f"Imported from {contact_import.filename}"
        self.update_summary = f"Updated from {contact_import.filename}"
        self.activity_data = {"import_id": str(contact_import.id)}

    def run(self):
        record = self.contact_import
        content, _ = csvfile.decode(record.file_data)
        rows = itertools.islice(csvfile.records(content, record.delimiter), record.processed, None)
        with _large_sqlite_cache():
            while chunk := list(itertools.islice(rows, CHUNK_SIZE)):
                counts = self.import_chunk(chunk)
                self._advance(len(chunk), counts)
        record.status = "completed"
        record.finished_at = utcnow()
        record.claimed_at = None
        db.session.commit()

    def _advance(self, rows, counts):
        record = self.contact_import
        record.processed += rows
        record.created_count += counts["created"]
        record.updated_count += counts["updated"]
        record.skipped_count += counts["skipped"]
        record.failed += counts["failed"]
        record.succeeded = record.created_count + record.updated_count + record.skipped_count
        record.claimed_at = utcnow()
        db.session.commit()

    def import_chunk(self, chunk):
        """Validate, then insert the new contacts in bulk and upsert the others one by one."""
        self._renew_claim()  # also opens the chunk's transaction before its savepoints
        failures, valid = [], []
        for line, row in chunk:
            data = row_data(row, self.mapping)
            clean, errors = self.validator.validate(data)
            if errors:
                failures.append((line, describe(errors, self.validator.definitions), row))
            else:
                valid.append((line, row, data, clean))
        try:
            with db.session.begin_nested():
                counts, write_failures = self._write(valid, bulk=True)
        except IntegrityError:  # a contact appeared meanwhile (the API, another import): go row by row
            counts, write_failures = self._write(valid, bulk=False)
        failures += write_failures
        self._record_failures(failures)
        counts["failed"] = len(failures)
        return counts

    def _renew_claim(self):
        db.session.execute(
            update(ContactImport).where(ContactImport.id == self.contact_import.id)
            .values(claimed_at=utcnow()).execution_options(synchronize_session=False)
        )

    def _write(self, valid, bulk):
        """Store the valid rows: ({created, updated, skipped}, failures found on the way)."""
        counts, failures = dict(created=0, updated=0, skipped=0), []
        new, others = self._split(valid) if bulk else ([], valid)
        activities = self._insert(new) if new else []
        counts["created"] += len(new)
        update_existing = self.contact_import.update_existing
        for line, row, data, _clean in others:
            try:
                with db.session.begin_nested():
                    contact, created = upsert_contact(
                        self.organization, data, "import", update_existing, commit=False, validator=self.validator
                    )
            except ContactValidationError as error:
                failures.append((line, describe(error.errors, self.validator.definitions), row))
                continue
            except IntegrityError:
                failures.append((line, "Another contact has this email address or phone number.", row))
                continue
            outcome = "created" if created else "updated" if update_existing else "skipped"
            counts[outcome] += 1
            if outcome != "skipped":
                activities.append(self._activity(contact.id, line, created))
        record_activities(self.organization.id, activities)
        return counts, failures

    def _split(self, valid):
        """(rows for new contacts, rows that match a contact already stored or earlier in the chunk)."""
        org_id = self.organization.id
        emails = {clean["email"] for *_, clean in valid if clean.get("email")}
        phones = {clean["phone"] for *_, clean in valid if clean.get("phone")}
        taken_emails, taken_phones = set(), set()
        for column, values, taken in ((Contact.email, emails, taken_emails), (Contact.phone, phones, taken_phones)):
            values = list(values)
            for start in range(0, len(values), 500):
                taken.update(db.session.scalars(
                    select(column).where(Contact.organization_id == org_id, column.in_(values[start:start + 500]))
                ))
        new, others = [], []
        for row in valid:
            email, phone = row[3].get("email"), row[3].get("phone")
            if (email and email in taken_emails) or (phone and phone in taken_phones):
                others.append(row)
                continue
            new.append(row)
            if email:
                taken_emails.add(email)
            if phone:
                taken_phones.add(phone)
        return new, others

    def _insert(self, new):
        org_id = self.organization.id
        now = utcnow()
        values = [contact_insert_values(org_id, clean, "import", now) for *_, clean in new]
        insert_rows(Contact.__table__, values)
        tag_names = {tag for *_, clean in new for tag in clean.get("tags") or ()}
        if tag_names:
            tag_ids = tag_ids_for(org_id, sorted(tag_names))
            links = [
                {"contact_id": row["id"], "tag_id": tag_ids[tag.lower()]}
                for row, (*_, clean) in zip(values, new)
                for tag in clean.get("tags") or ()
            ]
            insert_rows(contact_tags, links)
        return [self._activity(row["id"], line, True) for row, (line, *_) in zip(values, new)]

    def _activity(self, contact_id, line, created):
        return {
            "contact_id": contact_id,
            "kind": "imported",
            "summary": self.summary if created else self.update_summary,
            "data": self.activity_data,  # one dict for every entry: stored as the same JSON
        }

    def _record_failures(self, failures):
        if not failures:
            return
        insert_rows(
            ContactImportFailure.__table__,
            [
                {
                    "organization_id": self.organization.id,
                    "import_id": self.contact_import.id,
                    "line": line,
                    "reason": reason,
                    "values": row,
                }
                for line, reason, row in failures
            ],
        )


def describe(errors, definitions=None):
    """One readable reason from {field: message}, with the fields' labels."""
    parts = []
    for field, message in errors.items():
        key = field.removeprefix("custom_fields.")
        definition = (definitions or {}).get(key) if key != field else None
        label = FIELD_LABELS.get(field) or (definition.label if definition else key.replace("_", " "))
        parts.append(f"{label}: {message}")
    return "; ".join(parts)


# --- reading ----------------------------------------------------------------------------------------

def recent_imports(organization_id, limit=RECENT_LIMIT):
    """The organization's latest imports, drafts left in the wizard included, newest first."""
    return db.session.scalars(
        select(ContactImport)
        .where(ContactImport.organization_id == organization_id)
        .order_by(ContactImport.created_at.desc())
        .limit(limit)
    ).all()


def preview_rows(contact_import, limit=5):
    """The first rows of the file, as the mapping step shows them."""
    text, _ = csvfile.decode(contact_import.file_data)
    return csvfile.preview(text, contact_import.delimiter, limit)


def column_samples(rows, per_column=3):
    """For each column, its first few non-blank values in ``rows`` (shortened)."""
    width = max((len(row) for row in rows), default=0)
    samples = []
    for index in range(width):
        values = [row[index].strip() for row in rows if index < len(row) and row[index].strip()]
        samples.append([value if len(value) <= 40 else value[:39] + "…" for value in values[:per_column]])
    return samples


def failed_rows_csv(contact_import, batch=1000):
    """The rows that could not be imported, as CSV text in pieces: line, reason, then the file's columns.

    Fix the rows in this file and import it again: the line and reason columns are not mapped
    then, and rows already imported are not duplicated. Each piece is read in an app context of
    its own, so the generator can be consumed after the request that made it is over.
    """
    from flask import current_app

    app = current_app._get_current_object()
    import_id, organization_id = contact_import.id, contact_import.organization_id
    header = _csv_text([["line", "reason", *contact_import.headers]])

    def pieces():
        yield header
        after = 0
        while after is not None:
            with app.app_context():
                rows = db.session.execute(
                    select(ContactImportFailure.line, ContactImportFailure.reason, ContactImportFailure.values)
                    .where(
                        ContactImportFailure.import_id == import_id,
                        ContactImportFailure.organization_id == organization_id,
                        ContactImportFailure.line > after,
                    )
                    .order_by(ContactImportFailure.line)
                    .limit(batch)
                ).all()
            after = rows[-1].line if len(rows) == batch else None
            if rows:
                yield _csv_text([[line, reason, *values] for line, reason, values in rows])

    return pieces()


def _csv_text(rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


def failed_rows_filename(contact_import):
    stem = contact_import.filename.rsplit(".", 1)[0] or "contacts"
    return f"{stem}-failed-rows.csv"


def import_attributes(contact_import):
    """The import as the API shows it (seed 001's attributes and a few more)."""
    record = contact_import
    return {
        "status": record.status,
        "total": record.total,
        "processed": record.processed,
        "succeeded": record.succeeded,
        "failed": record.failed,
        "created": record.created_count,
        "updated": record.updated_count,
        "skipped": record.skipped_count,
        "filename": record.filename,
        "update_existing": record.update_existing,
        "mapping": dict(record.mapping or {}),
        "error": record.error,
        "created_at": record.created_at,
        "started_at": record.started_at,
        "finished_at": record.finished_at,
    }
