"""Importing a CSV file of contacts: upload, map the columns, run in chunks, report the failures.

The wizard, the API and the Huey tasks all call these functions (see the package docstring).

How an import runs. At the upload the file is cut into chunks of CHUNK_SIZE records
(csvfile.plan_chunks: where each one starts in the text). A small file is imported during the
request; a larger one becomes a Huey task per chunk, which the consumer's worker processes take
side by side. A chunk task first reads its rows, validates them and prepares their database rows:
that is most of the work, and it runs on every core at once. Then it waits for its turn, which
comes when the chunk before it is committed, and writes in one short transaction: its new
contacts, tags and timeline entries, the updates of contacts already known, its failed rows and
the import's counters. So the chunks are written in file order, exactly as a single reader of the
file would write them: the same email in chunk 3 and chunk 7 gives one contact, created by the
first and updated by the later row. ``processed`` is the done-mark (SQLite takes one writer at a
time anyway). A crash loses nothing committed: resuming queues the chunks from ``processed`` on,
a chunk already done is skipped, a chunk found being written twice is written once, and a chunk
whose turn never comes (the worker before it died) gives up; the periodic resume_stalled_imports
queues the rest again.
"""
import logging
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from nudgeweb.analytics.counters import count_rows
from nudgeweb.bulk import PreparedInsert, converter, insert_rows
from nudgeweb.contacts.events import record_created_in_bulk
from nudgeweb.contacts.fields import FIELD_LABELS, NO_CHANNEL, ContactValidator, contact_insert_values
from nudgeweb.contacts.operations import (
    ContactFinder,
    ContactValidationError,
    add_custom_field,
    another_person,
    custom_field_definitions,
    custom_field_key,
    tag_ids_for,
    upsert_contact,
)
from nudgeweb.contacts.timeline import activity_rows, record_activities
from nudgeweb.contacts.version import contacts_changed
from nudgeweb.domain_events import record_event
from nudgeweb.field_errors import FieldErrors
from nudgeweb.imports import core, csvfile
from nudgeweb.imports.core import STALE_AFTER, column_samples, is_stalled, preview_rows  # noqa: F401
from nudgeweb.imports.mapping import (
    CUSTOM_PREFIX,
    NEW_CUSTOM_FIELD,
    SEVERAL,
    MappingError,
    check_mapping,
    guess_mapping,
    mapping_from_columns,
    mobile_first,
    phone_values,
    resolve_mapping,
    row_data,
)
from nudgeweb.imports.rows import as_quoted, changes, keep_what_it_can, keeps_name, one_phone, shortened_names, snapshot, without_landline
from nudgeweb.imports.signals import chunk_due
from nudgeweb.models import Contact, ContactActivity, Organization, contact_tags, db, utcnow
from nudgeweb.models.import_notes import IMPORT_NOTE_KINDS, ContactImportNote
from nudgeweb.models.imports import ContactImport, ContactImportFailure
from nudgeweb.sqlite_writer import checkpoint_pages
from nudgeweb.unit_of_work import after_commit, checkpoint, rollback

log = logging.getLogger(__name__)

SYNC_LIMIT = 500  # files with at most this many rows are imported during the request
CHUNK_SIZE = 5000  # rows committed together, with the progress that says so
MAX_FILE_BYTES = 24 * 1024 * 1024  # under the app's MAX_CONTENT_LENGTH (25 MB), so the import names its own limit
DRAFTS_KEPT = timedelta(days=1)  # an upload whose columns were never confirmed, then deleted
TURN_POLL_SECONDS = 0.02  # how often a prepared chunk looks whether the one before it is in
RECENT_LIMIT = 10
# what became of a row that was imported: the import's <outcome>_count columns
OUTCOMES = ("created", "updated", "unchanged", "repeated", "skipped")


class ImportValidationError(FieldErrors):
    """A file or mapping that can't be imported; ``errors`` maps the field (file, mapping,
    update_existing or a column like ``column-3``) to a message."""


# --- starting ---------------------------------------------------------------------------------------

def create_draft(organization, user, file_bytes, filename):
    """An uploaded file waiting for its columns to be confirmed (the wizard's second step)."""
    contact_import = _new_import(organization, user, file_bytes, filename)
    contact_import.mapping = guess_mapping(contact_import.headers, organization)
    db.session.add(contact_import)
    db.session.flush()
    return contact_import


def start_import(organization, user, file_bytes, filename, mapping=None, update_existing=True,
                 trigger_automations=False):
    """Upload and start at once (the API): ``mapping`` is {field: column index or header name},
    guessed from the headers when None. Returns the import, processing or already completed."""
    contact_import = _new_import(organization, user, file_bytes, filename)
    try:
        if mapping is None:
            contact_import.mapping = guess_mapping(contact_import.headers, organization)
            check_mapping(contact_import.mapping, contact_import.headers)
        else:
            if not isinstance(mapping, dict):
                raise MappingError("Give the mapping as an object of field names and column numbers or names.")
            with db.session.begin_nested():  # the custom fields it names are made only when the mapping is good
                _define_mapped_custom_fields(organization, mapping)
                contact_import.mapping = resolve_mapping(mapping, contact_import.headers, organization)
    except MappingError as error:
        raise ImportValidationError({f"mapping.{field}": message for field, message in error.fields.items()}
                                    or {"mapping": str(error)}) from error
    contact_import.update_existing = bool(update_existing)
    contact_import.trigger_automations = bool(trigger_automations)
    db.session.add(contact_import)
    return _launch(contact_import)


def confirm_import(contact_import, columns, update_existing, list_id=None, trigger_automations=False):
    """Start a draft with the field the person chose for each column ({column index: field or ""}); the
    imported contacts join the list ``list_id`` when given, and the contacts it adds enter automations
    (a contact added, a list joined) when ``trigger_automations``."""
    if contact_import.status != "draft":
        raise ImportValidationError({"mapping": "This import has already started."})
    if list_id:
        from nudgeweb.campaigns.lists import ListValidationError, lists_by_ids

        try:
            contact_import.list_id = lists_by_ids(contact_import.organization_id, [list_id], "list_id")[0].id
        except ListValidationError as error:
            raise ImportValidationError(error.errors) from error
    organization = db.session.get(Organization, contact_import.organization_id)
    try:
        mapping = mobile_first(mapping_from_columns(columns, SEVERAL), contact_import.headers)
        check_mapping(mapping, contact_import.headers)
        mapping = _with_new_custom_fields(organization, contact_import.headers, mapping)
        contact_import.mapping = resolve_mapping(mapping, contact_import.headers, organization)
    except MappingError as error:
        field = "mapping" if error.column is None else f"column-{error.column}"
        raise ImportValidationError({field: str(error)}) from error
    contact_import.update_existing = bool(update_existing)
    contact_import.trigger_automations = bool(trigger_automations)
    return _launch(contact_import)


def _define_mapped_custom_fields(organization, mapping):
    """A text custom field for each ``custom_fields.<key>`` of an API mapping that the organization has not
    defined, when the key can be one (as the contacts API does for free-form custom fields)."""
    keys = [field[len(CUSTOM_PREFIX):] for field in mapping if field.startswith(CUSTOM_PREFIX)]
    known = {definition.key for definition in custom_field_definitions(organization)}
    for key in keys:
        if key not in known and key[:1].isalpha() and custom_field_key(key) == key:
            try:
                add_custom_field(organization, key.replace("_", " ").capitalize(), "text", key=key)
            except ContactValidationError:
                continue  # (a standard field's name, a taken label): resolve_mapping says what is wrong


def _with_new_custom_fields(organization, headers, mapping):
    """The mapping with each column chosen as a new custom field (NEW_CUSTOM_FIELD) made into one,
    a text field named after its column (or the field of that name, when there is one already)."""
    chosen = {field: index for field, index in mapping.items() if field.startswith(NEW_CUSTOM_FIELD)}
    if not chosen:
        return mapping
    known = {definition.key: definition for definition in custom_field_definitions(organization)}
    mapping = {field: index for field, index in mapping.items() if field not in chosen}
    with db.session.begin_nested():  # all of them, or none when one can't be made
        for index in chosen.values():
            label = " ".join((headers[index] or "").split()) or f"Column {index + 1}"
            definition = known.get(custom_field_key(label))
            if definition is None:
                try:
                    definition = known[custom_field_key(label)] = add_custom_field(organization, label[:100], "text")
                except ContactValidationError as error:
                    raise MappingError(f"“{label}” can't be a custom field: {error.errors.get('label')}",
                                       column=index) from error
            mapping[CUSTOM_PREFIX + definition.key] = index
    return mapping


def _new_import(organization, user, file_bytes, filename):
    try:
        layout, chunks, total = core.read_upload(file_bytes, CHUNK_SIZE, MAX_FILE_BYTES, rows_of="contacts")
    except core.UploadError as error:
        raise ImportValidationError({"file": str(error)}) from error
    contact_import = ContactImport(
        organization_id=organization.id,
        created_by_id=getattr(user, "id", None),
        filename=(filename or "contacts.csv").rsplit("/", 1)[-1][:255],
        file_size=len(file_bytes),
        file_data=file_bytes,
        encoding=layout.encoding,
        delimiter=layout.delimiter,
        headers=layout.headers,
        chunks=chunks,
        status="draft",
        total=total,
    )
    return contact_import


def _launch(contact_import):
    contact_import.status = "processing"
    contact_import.started_at = utcnow()
    checkpoint()  # the import is processing, for everyone, before its first chunk runs
    if contact_import.total <= SYNC_LIMIT:
        run_import(contact_import.id)
    else:
        queue_chunks(contact_import)
    db.session.refresh(contact_import)
    return contact_import


def discard_draft(contact_import):
    """Forget an upload whose columns were never confirmed."""
    if contact_import.status != "draft":
        raise ImportValidationError({"file": "This import has started: it stays in the list."})
    db.session.delete(contact_import)
    db.session.flush()


def resume_import(contact_import):
    """Carry on with an import that stopped (a crash, a failure): the rows already done stay done."""
    if not is_stalled(contact_import):
        return contact_import
    contact_import.status = "processing"
    contact_import.error = None
    contact_import.claimed_at = None
    contact_import.finished_at = None
    queue_chunks(contact_import)
    return contact_import


def discard_abandoned_drafts():
    """Forget the uploads left in the wizard for more than DRAFTS_KEPT (run every hour by the consumer)."""
    abandoned = db.session.scalars(
        select(ContactImport).where(ContactImport.status == "draft", ContactImport.created_at < utcnow() - DRAFTS_KEPT)
    ).all()
    for contact_import in abandoned:
        db.session.delete(contact_import)
    db.session.flush()
    return len(abandoned)


def resume_stalled_imports():
    """Queue again every import a crashed worker left behind (run every minute by the consumer)."""
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
        queue_chunks(db.session.get(ContactImport, import_id))
    return ids


# --- running ----------------------------------------------------------------------------------------

def queue_chunks(contact_import):
    """A Huey task for every chunk not done yet, once this is committed (see "How an import runs")."""
    pending = pending_chunks(contact_import)
    contact_import.claimed_at = utcnow()  # a sign of life, until the first chunk is written
    db.session.flush()
    for index, from_row in pending:
        after_commit(chunk_due.send, str(contact_import.organization_id), import_id=str(contact_import.id),
                     index=index, from_row=from_row)


def run_import(import_id):
    """Import the chunks not done yet here, one after the other (small files, during the request)."""
    contact_import = db.session.get(ContactImport, import_id)
    for index, from_row in pending_chunks(contact_import):
        if not import_chunk(import_id, index, from_row):
            break
    return db.session.get(ContactImport, import_id)


def pending_chunks(contact_import):
    """[(chunk index, first row to import)] of the chunks not done yet."""
    return core.pending_chunks(contact_import.processed, _chunk_plan(contact_import))


def _chunk_plan(contact_import):
    if contact_import.chunks is None:  # uploaded before imports were cut into chunks
        text, _ = csvfile.decode(contact_import.file_data)
        contact_import.chunks = csvfile.plan_chunks(text, contact_import.delimiter, CHUNK_SIZE)
        checkpoint()
    return contact_import.chunks


def import_chunk(import_id, index, from_row):
    """Import one chunk from row ``from_row`` on: prepare it, wait for its turn, write it.

    False when there was nothing left to do (done by another worker, the import stopped) or it
    failed; a failure marks the import failed, with the rows before this chunk imported.
    """
    try:
        contact_import = db.session.get(ContactImport, import_id)
        if contact_import is None or contact_import.status != "processing" or contact_import.processed > from_row:
            return False
        organization = db.session.get(Organization, contact_import.organization_id)
        chunk = ChunkImport(contact_import, organization, index, from_row)
        checkpoint()  # no read transaction held open while waiting
        return _wait_for_turn(import_id, from_row) and chunk.write()
    except Exception as error:
        log.exception("Contact import %s stopped", import_id)
        rollback()
        _stop(import_id, error)
        return False


def _wait_for_turn(import_id, from_row):
    """True once the rows before ``from_row`` are committed; False when the import stopped, another
    worker wrote this chunk, or nothing moved for STALE_AFTER (the worker before us is gone)."""
    while True:
        processed, status, claimed_at, started_at = db.session.execute(
            select(ContactImport.processed, ContactImport.status, ContactImport.claimed_at, ContactImport.started_at)
            .where(ContactImport.id == import_id)
        ).one()
        checkpoint()  # (nothing written) the next look sees the latest commit
        if status != "processing" or processed > from_row:
            return False
        if processed == from_row:
            return True
        if (claimed_at or started_at) < utcnow() - STALE_AFTER:
            return False
        time.sleep(TURN_POLL_SECONDS)


def record_completed(contact_import):
    """The import.completed event (webhooks, automations), with seed 001's counts."""
    record_event("import.completed", {
        "import_id": str(contact_import.id), "filename": contact_import.filename, "status": "completed",
        "total": contact_import.total, "processed": contact_import.processed,
        "succeeded": contact_import.succeeded, "failed": contact_import.failed,
        "created": contact_import.created_count, "updated": contact_import.updated_count,
        "unchanged": contact_import.unchanged_count, "repeated": contact_import.repeated_count,
        "skipped": contact_import.skipped_count,
        "timestamp": utcnow().strftime("%Y-%m-%dT%H:%M:%SZ"), "metadata": {},
    }, contact_import.organization_id)


def _stop(import_id, error):
    contact_import = db.session.get(ContactImport, import_id)
    if contact_import is None or contact_import.status != "processing":
        return
    contact_import.status = "failed"
    contact_import.error = f"The import stopped at row {contact_import.processed + 1}: {error}"[:1000]
    contact_import.finished_at = utcnow()
    contact_import.claimed_at = None
    checkpoint()  # the failure is kept, whatever becomes of the task


@contextmanager
def _sqlite_bulk_writes():
    """On SQLite, while a chunk is written and committed: keep the contacts' indexes in memory
    (about 15% faster at 100,000 rows), and copy the write-ahead log into the database file every
    40 MB instead of every 4 MB, so that the same index pages are not written out again after every
    chunk (about 1 s of an import of 100,000 rows). The checkpoint comes with the commit, so the
    connection gets its usual settings back only after it, straight through the driver (the session
    has let it go by then; after a failure it keeps these, which costs only memory and log size)."""
    if db.session.get_bind().dialect.name != "sqlite":
        yield
        return
    driver_connection = db.session.connection().connection.dbapi_connection
    driver_connection.execute("PRAGMA cache_size = -65536")
    driver_connection.execute("PRAGMA wal_autocheckpoint = 10000")
    yield
    driver_connection.execute("PRAGMA cache_size = -2000")
    driver_connection.execute(f"PRAGMA wal_autocheckpoint = {checkpoint_pages()}")  # (this process's: sqlite_writer)


def column_mapping(contact_import):
    """{field: column index (or list of them)} of an import's mapping, as row_data takes it."""
    return {field: [int(index) for index in column] if isinstance(column, list) else int(column)
            for field, column in contact_import.mapping.items()}


@dataclass
class ValidRow:
    line: int
    values: list  # the file's columns
    data: dict  # as mapped
    clean: dict  # as validated
    warnings: list  # what was left out of the row, and why


@dataclass
class FirstRow:
    """The first row of a chunk for a contact stored before the file, and the rows of the contact after it."""
    contact: Contact
    before: dict  # rows.snapshot of the contact before this row
    said: str  # what this row changed
    note: int  # the index of its note in ChunkImport.notes
    later_lines: list  # the lines of the contact's later rows in the chunk


class ChunkImport:
    """One chunk of an import: read, validated and prepared when made (by any worker, at any time),
    stored by write() in its turn."""

    def __init__(self, contact_import, organization, index, from_row):
        self.import_id = contact_import.id
        self.organization = organization
        self.update_existing = contact_import.update_existing
        self.trigger_automations = contact_import.trigger_automations
        self.list_id = contact_import.list_id
        self.from_row = from_row
        self.completes = False
        self.validator = ContactValidator.for_organization(organization)
        self.summary = f"Imported from {contact_import.filename}"
        self.update_summary = f"Updated from {contact_import.filename}"
        self.activity_data = {"import_id": str(contact_import.id)}
        # in each contact.created: automations read trigger_automations
        self.event_metadata = {"import_id": str(contact_import.id), "trigger_automations": self.trigger_automations}
        rows = core.chunk_rows(contact_import, index, from_row)
        self.rows = len(rows)
        self.completes = from_row + self.rows >= contact_import.total
        self.failures, self.valid = [], []
        mapping = column_mapping(contact_import)
        self.started_at = contact_import.started_at
        self.notes = []  # (line, kind, contact id, message)
        for line, values in rows:
            data, warnings = one_phone(self.validator, row_data(values, mapping), phone_values(values, mapping))
            clean, errors = without_landline(self.validator, *self.validator.validate(data))
            if errors:
                data, clean, errors, left_out = keep_what_it_can(self.validator, data, errors)
                warnings = left_out + warnings
            if errors:
                self.failures.append((line, describe(errors, self.validator.definitions), values))
            else:
                self.valid.append(ValidRow(line, values, data, clean, warnings + shortened_names(data)))
        self._prepare()

    def _prepare(self):
        """The rows of the contacts as new ones: which of them are new is known only in our turn."""
        org_id, now = self.organization.id, utcnow()
        self.new_values = [contact_insert_values(org_id, row.clean, "import", now) for row in self.valid]
        self.new_contacts = PreparedInsert(Contact.__table__, self.new_values, skip_conflicts=True)
        self.new_activities = PreparedInsert(ContactActivity.__table__, activity_rows(
            org_id, [self._activity(values["id"], True) for values in self.new_values]))
        to_driver = converter(contact_tags.c.contact_id) or (lambda value: value)
        self.tag_links = [  # (row index, contact id as the driver takes it, tag name)
            (index, to_driver(values["id"]), tag)
            for index, (row, values) in enumerate(zip(self.valid, self.new_values))
            for tag in row.clean.get("tags") or ()
        ]

    def write(self):
        """Store the chunk and the import's progress in one transaction; False when another
        worker stored it first."""
        if not self._take_turn():
            return False
        with _sqlite_bulk_writes():
            counts, failures = self._write()
            failures += self.failures
            self._record_failures(failures)
            self._record_notes()
            self._advance(counts, len(failures))
            contacts_changed(self.organization.id)
            checkpoint()
        return True

    def _take_turn(self):
        """Lock the import's row (and on SQLite the database) for this chunk, if it is still to do."""
        result = db.session.execute(
            update(ContactImport)
            .where(ContactImport.id == self.import_id, ContactImport.status == "processing",
                   ContactImport.processed == self.from_row)
            .values(claimed_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        return result.rowcount == 1

    def _advance(self, counts, failed):
        now = utcnow()
        values = dict(
            processed=ContactImport.processed + self.rows,
            **{f"{outcome}_count": getattr(ContactImport, f"{outcome}_count") + count
               for outcome, count in counts.items()},
            succeeded=ContactImport.succeeded + sum(counts.values()),
            failed=ContactImport.failed + failed,
            claimed_at=now,
        )
        if self.completes:  # the file goes: the failed rows are stored with their values
            values.update(status="completed", finished_at=now, claimed_at=None, file_data=None)
        db.session.execute(
            update(ContactImport).where(ContactImport.id == self.import_id).values(**values)
            .execution_options(synchronize_session=False)
        )
        if self.completes:
            record_completed(db.session.get(ContactImport, self.import_id, populate_existing=True))

    def _write(self):
        """Insert the new contacts in bulk, then upsert the rows that match a contact stored before
        or earlier in the chunk, in file order: ({outcome: rows}, failures found)."""
        counts, failures, joined = dict.fromkeys(OUTCOMES, 0), [], []
        new = self._insert_new()
        counts["created"] += len(new)
        count_rows(db.session, self.organization.id, Contact, [self.new_values[index] for index in new])
        record_created_in_bulk(self.organization.id, [(self.new_values[index], self.valid[index].clean.get("tags"))
                                                      for index in new], self.event_metadata)
        self._link_tags(new)
        self.new_activities.execute(new)
        activities = []
        inserted = set(new)
        written = {self.new_values[index]["id"]: self.valid[index].line for index in new}  # contact: first line
        for index in new:
            self._note_warnings(self.valid[index], self.new_values[index]["id"])
        known = [row for index, row in enumerate(self.valid) if index not in inserted]
        firsts = {}  # contact id: FirstRow, of the contacts stored before the file
        finder = ContactFinder(self.organization.id, [row.clean.get("email") for row in known],
                               [row.clean.get("phone") for row in known])
        written.update(self._written_by_earlier_chunks(finder))
        for row in known:
            data, phone = self._without_anothers_phone(row, finder, written)
            found = finder.find(row.clean.get("email"), phone)
            data = self._data_keeping_names(row, data, found, written)
            before = snapshot(found)
            repeats = found is not None and found.id in written
            try:
                with db.session.begin_nested():
                    contact, created = upsert_contact(self.organization, data, "import", self.update_existing,
                                                      validator=self.validator, finder=finder,
                                                      event_metadata=self.event_metadata)
                finder.remember(contact)
            except ContactValidationError as error:
                failures.append((row.line, describe(error.errors, self.validator.definitions), row.values))
                continue
            except IntegrityError:
                failures.append((row.line, "Another contact has this email address or phone number.", row.values))
                continue
            said = changes(before, contact, self.validator.definitions) if before and not created else ""
            outcome = self._outcome(created, repeats, said)
            counts[outcome] += 1
            self._note_warnings(row, contact.id)
            self._note_outcome(row.line, outcome, contact, said, written.get(contact.id))
            if outcome in ("updated", "unchanged"):
                firsts[contact.id] = FirstRow(contact, before, said, len(self.notes) - 1, [])
            elif outcome == "repeated" and contact.id in firsts:
                firsts[contact.id].later_lines.append(row.line)
            written.setdefault(contact.id, row.line)
            if created or said:  # a row that changed nothing leaves no trace in the contact's timeline
                activities.append(self._activity(contact.id, created))
            joined.append(contact.id)
        unchanged = self._settle(firsts.values(), counts)
        record_activities(self.organization.id, [entry for entry in activities if entry["contact_id"] not in unchanged])
        self._join_list([self.new_values[index]["id"] for index in new] + joined)
        return counts, failures

    def _without_anothers_phone(self, row, finder, written):
        """(data, phone) of the row: its own, or without the phone when that is the phone of another person
        (contacts.operations.another_person: a parent's mobile on the child's row, each with an email), with a
        warning saying whose. The row then goes by its email: a new contact, or the one with that email."""
        phone = row.clean.get("phone")
        owner = finder.find(phone=phone) if phone else None
        if owner is None or not another_person(owner, row.clean):
            return row.data, phone
        if owner.id not in written:
            whose = f"{owner.display_name}'s, a contact you have"
        else:
            where = f"line {written[owner.id]}" if written[owner.id] else "an earlier row"
            whose = f"{owner.display_name}'s ({where})"
        row.warnings.append(f"Phone “{as_quoted(str(row.data.get('phone') or '').strip())}” left out: it is {whose}.")
        return {name: given for name, given in row.data.items() if name != "phone"}, None

    def _data_keeping_names(self, row, data, found, written):
        """The row's ``data``, without its names when it would rename a contact an earlier row wrote."""
        if found is None or found.id not in written or not self.update_existing:
            return data
        matched_by = "email" if row.clean.get("email") and row.clean["email"] == found.email else "phone number"
        data, warning = keeps_name(data, found, written[found.id], matched_by)
        if warning:
            row.warnings.append(warning)
        return data

    def _written_by_earlier_chunks(self, finder):
        """{contact id: None} of the contacts the finder holds that an earlier chunk of this import wrote."""
        ids = {contact.id for contact in (*finder.by_email.values(), *finder.by_phone.values())}
        if not ids or self.from_row == 0 or self.started_at is None:
            return {}
        rows = db.session.execute(
            select(ContactActivity.contact_id, ContactActivity.data)
            .where(ContactActivity.organization_id == self.organization.id, ContactActivity.contact_id.in_(ids),
                   ContactActivity.kind == "imported", ContactActivity.created_at >= self.started_at)
        )
        return {contact_id: None for contact_id, data in rows if (data or {}).get("import_id") == str(self.import_id)}

    def _note_warnings(self, row, contact_id):
        self.notes += [(row.line, "warning", contact_id, warning) for warning in row.warnings]

    def _outcome(self, created, repeats, said):
        """Which count a row written to a contact goes to (OUTCOMES); ``said``: what it changed."""
        if created:
            return "created"
        if repeats:
            return "repeated"
        if not self.update_existing:
            return "skipped"
        return "updated" if said else "unchanged"

    def _settle(self, firsts, counts):
        """Count a contact you had, whose first row other rows of the file followed, by what the file did to it
        in the end (phone X, then back to Y which it had: unchanged; its first row changed nothing but a later one
        did: updated), and say so in the first row's note. The ids of the contacts the file left as they were."""
        unchanged = set()
        for first in firsts:
            if not first.later_lines:
                continue
            line, outcome, contact_id, message = self.notes[first.note]
            net = changes(first.before, first.contact, self.validator.definitions)
            lines = f"line{'s' if len(first.later_lines) > 1 else ''} {', '.join(map(str, first.later_lines))} of this file"
            settled = "updated" if net else "unchanged"
            if not net:
                unchanged.add(contact_id)
            if settled == outcome:
                continue
            if net:
                message = f"{first.contact.display_name}: {net}, by {lines}."
            else:
                message = f"{first.contact.display_name}: nothing changed in the end: {first.said} here, undone by {lines}."
            counts[outcome] -= 1
            counts[settled] += 1
            self.notes[first.note] = (line, settled, contact_id, message)
        return unchanged

    def _note_outcome(self, line, outcome, contact, said, earlier_line):
        """A note of what a row did to a contact it did not create (one per row: the counts agree)."""
        if outcome == "repeated":
            where = f"line {earlier_line}" if earlier_line else "an earlier row"
            message = f"The same person as {where} of this file, {contact.display_name}: {said or 'nothing new'}."
        elif outcome in ("updated", "unchanged"):
            message = f"{contact.display_name}: {said or 'nothing changed, the contact already had these values'}."
        else:
            return
        self.notes.append((line, outcome, contact.id, message))

    def _record_notes(self):
        insert_rows(ContactImportNote.__table__, [
            {"organization_id": self.organization.id, "import_id": self.import_id, "line": line, "kind": kind,
             "contact_id": contact_id, "message": message[:2000]}
            for line, kind, contact_id, message in sorted(self.notes, key=lambda note: note[0])
        ])
    def _join_list(self, contact_ids):
        """The chosen list, if any, gains the chunk's created and updated contacts."""
        if self.list_id is None or not contact_ids:
            return
        from nudgeweb.campaigns.lists import add_members
        from nudgeweb.models.campaigns import ContactList

        contact_list = db.session.get(ContactList, self.list_id)
        if contact_list is not None:
            add_members(contact_list, contact_ids, announce=self.trigger_automations)

    def _insert_new(self):
        """Insert every valid row as a new contact, except those whose email or phone is taken:
        the indexes of the rows inserted."""
        inserted = self.new_contacts.execute()
        if inserted == len(self.valid):
            return list(range(len(self.valid)))
        ids = [values["id"] for values in self.new_values]
        stored = set(db.session.scalars(
            select(Contact.id).where(Contact.organization_id == self.organization.id, Contact.id.between(min(ids), max(ids)))
        ))
        return [index for index, contact_id in enumerate(ids) if contact_id in stored]

    def _link_tags(self, new):
        """Tag the new contacts (the tags are created on the fly)."""
        inserted = set(new)
        links = [link for link in self.tag_links if link[0] in inserted]
        if not links:
            return
        tag_ids = tag_ids_for(self.organization.id, sorted({tag for *_, tag in links}))
        to_driver = converter(contact_tags.c.tag_id) or (lambda value: value)
        tag_ids = {lower: to_driver(tag_id) for lower, tag_id in tag_ids.items()}
        PreparedInsert(contact_tags, [{"tag_id": tag_ids[tag.lower()], "contact_id": contact_id} for _, contact_id, tag in links],
                       converted=True).execute()

    def _activity(self, contact_id, created):
        return {
            "contact_id": contact_id,
            "kind": "imported",
            "summary": self.summary if created else self.update_summary,
            "data": self.activity_data,  # one dict for every entry: stored as the same JSON
        }

    def _record_failures(self, failures):
        insert_rows(
            ContactImportFailure.__table__,
            [
                {
                    "organization_id": self.organization.id,
                    "import_id": self.import_id,
                    "line": line,
                    "reason": reason,
                    "values": values,
                }
                for line, reason, values in sorted(failures, key=lambda failure: failure[0])
            ],
        )


def describe(errors, definitions=None):
    """One readable reason from {field: message}, with the fields' labels."""
    parts = []
    for field, message in errors.items():
        key = field.removeprefix("custom_fields.")
        definition = (definitions or {}).get(key) if key != field else None
        label = FIELD_LABELS.get(field) or (definition.label if definition else key.replace("_", " "))
        parts.append(message if message == NO_CHANNEL else f"{label}: {message}")  # (it names its fields)
    return " ".join(part if part.endswith(".") else part + "." for part in parts)  # (messages end a sentence)


# --- reading ----------------------------------------------------------------------------------------

def recent_imports(organization_id, limit=RECENT_LIMIT):
    """The organization's latest imports, drafts left in the wizard included, newest first."""
    return db.session.scalars(
        select(ContactImport)
        .where(ContactImport.organization_id == organization_id)
        .order_by(ContactImport.created_at.desc())
        .limit(limit)
    ).all()


NOTES_SHOWN = 100


def import_notes(contact_import, limit=NOTES_SHOWN):
    """{"warning"|"updated": (how many, the first ``limit`` of them in line order)} of a finished import."""
    found = {}
    for kind in IMPORT_NOTE_KINDS:
        where = (ContactImportNote.organization_id == contact_import.organization_id,
                 ContactImportNote.import_id == contact_import.id, ContactImportNote.kind == kind)
        total = db.session.scalar(select(func.count()).select_from(ContactImportNote).where(*where))
        notes = db.session.scalars(select(ContactImportNote).where(*where)
                                   .order_by(ContactImportNote.line, ContactImportNote.id).limit(limit)).all()
        found[kind] = (total, notes)
    return found


FAILURES_SHOWN = 50


def import_failures(contact_import, limit=FAILURES_SHOWN):
    """The first ``limit`` failed rows of an import, as the result page lists them: [(line, who, reason)],
    who being the row's name, email or phone ("" when it has none)."""
    mapping = column_mapping(contact_import)
    failures = db.session.scalars(
        select(ContactImportFailure)
        .where(ContactImportFailure.organization_id == contact_import.organization_id,
               ContactImportFailure.import_id == contact_import.id)
        .order_by(ContactImportFailure.line).limit(limit)).all()
    return [(failure.line, _who(row_data(failure.values, mapping)), failure.reason) for failure in failures]


def _who(data):
    names = " ".join(str(data.get(name) or "").strip() for name in ("first_name", "last_name", "name"))
    return " ".join(names.split()) or str(data.get("email") or data.get("phone") or "").strip()


def failed_rows_csv(contact_import):
    """The failed rows as CSV text in pieces (core.failed_rows_csv)."""
    return core.failed_rows_csv(contact_import, ContactImportFailure)


def failed_rows_filename(contact_import):
    return core.failed_rows_filename(contact_import, "contacts")


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
        "unchanged": record.unchanged_count,
        "repeated": record.repeated_count,
        "skipped": record.skipped_count,
        "filename": record.filename,
        "update_existing": record.update_existing, "trigger_automations": record.trigger_automations,
        "mapping": dict(record.mapping or {}),
        "error": record.error,
        "created_at": record.created_at,
        "started_at": record.started_at,
        "finished_at": record.finished_at,
        **_notes_attributes(record),
    }


def _notes_attributes(record):
    """The warnings count and the notes (the first NOTES_SHOWN of each kind) of a finished import."""
    if not record.finished:
        return {"warnings": 0, "notes": []}
    notes = import_notes(record)
    listed = sorted((note for _total, shown in notes.values() for note in shown), key=lambda note: (note.line, note.id))
    return {"warnings": notes["warning"][0], "notes": [
        {"line": note.line, "kind": note.kind, "contact_id": str(note.contact_id) if note.contact_id else None,
         "message": note.message} for note in listed]}
