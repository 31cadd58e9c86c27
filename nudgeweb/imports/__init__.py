"""CSV import of contacts: the wizard at /contacts/import, the Huey task, the failed-rows CSV.

For the API (POST /api/v1/contacts/import and GET /api/v1/contacts/import/{id}), call:

    from nudgeweb.imports import operations, ImportValidationError
    contact_import = operations.start_import(organization, user, file_bytes, filename,
                                             mapping=None, update_existing=True, trigger_automations=False)
        # mapping: {field: column index (int or digit string) or header name}, guessed from the
        #   header names when None; fields are contacts.fields' names (email, phone, first_name,
        #   last_name, company_name, tags, status, timezone), "name" (a full name, split) and
        #   "custom_fields.<key>"; "mobile_phone_number" is accepted for phone. The phone may take a
        #   list of columns (["Mobile", "Home phone"]), tried in order: a row's first mobile number wins,
        #   the other numbers are left out with a warning (a landline is never a contact's phone).
        # raises ImportValidationError whose .errors is {"file"|"mapping": message}.
        # Small files (<= operations.SYNC_LIMIT rows) are imported before it returns (status
        # "completed"); larger ones go to the Huey task (status "processing"). Answer 202 either way.
    contact_import = scoping.get_or_404(ContactImport, import_id)   # GET, organization-scoped
    operations.import_attributes(contact_import)
        # {"status", "total", "processed", "succeeded", "failed", "created", "updated", "unchanged", "repeated", "skipped",
        #  "filename", "update_existing", "trigger_automations", "mapping", "error", "created_at", "started_at", "finished_at"}
        # (datetimes as datetime objects; the API formats them). The failed rows as CSV:
        # operations.failed_rows_csv(contact_import) yields its text in pieces; the page serving
        # it is url_for("imports.failed_rows", import_id=...).

Statuses: draft (uploaded in the wizard, columns not confirmed; the API never makes one),
processing, completed, failed. Counters: processed = succeeded + failed;
succeeded = created + updated + unchanged + repeated + skipped (models.imports.ContactImport).

How an import runs: see the docstring of imports.operations. In short, the file (kept in the
database, so that any consumer machine can read it) is cut into chunks at the upload; the Huey
workers validate chunks side by side and write them one after the other in file order, each in
one transaction with the import's counters; ``processed`` is where a resumed import carries on.
Rows matching a stored contact (by email, then phone) or an earlier row of the file go through
contacts.operations.upsert_contact; new contacts are inserted in bulk. A row whose phone is that of a
contact with another email is another person (contacts.operations.another_person): it goes by its email,
without the phone, with a warning; the contact keeps its email. An import on which no
chunk was written for a while (a crashed worker) is queued again by a periodic task, or resumed
from its page.
"""
from nudgeweb.imports.operations import ImportValidationError  # noqa: F401
