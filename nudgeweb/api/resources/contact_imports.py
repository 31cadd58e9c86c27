"""CSV import of contacts (seed 001 "Bulk Import Contacts" / "Check Import Status") on the imports area.

POST /contacts/import takes multipart ``file``, ``mapping`` (a JSON object of field -> column
index or header name; guessed from the header row when absent) and ``update_existing``; it
answers 202 with the import to poll at GET /contacts/import/{id}. The rows that failed come back
as CSV from /contacts/import/{id}/failed_rows. Present only when the imports area is installed.
"""
import json
from datetime import datetime
from typing import Any

from flask import request
from pydantic import Field

from nudgeweb.api import Attributes, ResourceType, api_route, documents, iso, vocabulary
from nudgeweb.api.credentials import current_credential
from nudgeweb.api.errors import validation_error
from nudgeweb.downloads import csv_response
from nudgeweb.models import IMPORT_STATUSES
from nudgeweb.scoping import get_or_404

try:
    from nudgeweb.imports import operations as imports
    from nudgeweb.models.imports import ContactImport
except ImportError:  # the imports area is not in this build
    imports = None

TAGS = ["Contacts"]
TRUE, FALSE = {"true", "1", "yes", "on"}, {"false", "0", "no", "off"}


class ImportAttributes(Attributes):
    import_id: str | None = Field(None, description="The import's id again, as seed 001 names it.")
    status: vocabulary("ImportStatus", IMPORT_STATUSES) | None = Field(None, examples=["processing"])
    total: int | None = Field(None, examples=[5000])
    processed: int | None = Field(None, examples=[0])
    succeeded: int | None = Field(None, examples=[0])
    failed: int | None = Field(None, examples=[0])
    created: int | None = None
    updated: int | None = Field(None, description="Contacts you had before the file that it changed, counted on "
                                                  "their first row by what the file did to them in the end.")
    unchanged: int | None = Field(None, description="Contacts you had before the file that it left as they were "
                                                    "(their values already, or a change undone by a later row).")
    repeated: int | None = Field(None, description="Rows of a contact an earlier row of the same file wrote.")
    skipped: int | None = None
    filename: str | None = None
    update_existing: bool | None = None
    trigger_automations: bool | None = None
    mapping: dict[str, Any] | None = None
    error: str | None = None
    failed_rows_url: str | None = None
    created_at: datetime | None = Field(None, examples=["2026-01-15T10:00:00Z"])
    started_at: datetime | None = None
    finished_at: datetime | None = None
    warnings: int | None = Field(None, description="Rows imported with a value left out (e.g. a broken email "
                                                   "beside a good mobile number).")
    notes: list[dict[str, Any]] | None = Field(
        None, description="What the import did beyond creating contacts, in line order: `warning` (a value left "
                          "out, a repeated row's name kept), `updated` (a contact that was there before, and "
                          "what changed), `unchanged` (one that already had the row's values) and `repeated` (a "
                          "contact an earlier row of the file wrote, and what this row added); "
                          "{line, kind, contact_id, message}, the first 100 of each kind.")


def _attributes(contact_import):
    attributes = {key: iso(value) for key, value in imports.import_attributes(contact_import).items()}
    url = f"{documents.api_root()}/contacts/import/{contact_import.id}/failed_rows"
    return {"import_id": str(contact_import.id), **attributes, "failed_rows_url": url if contact_import.failed else None}


FORM = {
    "properties": {
        "file": {"type": "string", "format": "binary", "description": "The CSV file (UTF-8 or Windows-1252)."},
        "mapping": {"type": "string", "description": 'JSON: {"email": 0, "first_name": "First name"}, a column by '
                                                   'its position or its header. The phone may take several columns, '
                                                   'the first mobile number of a row among them used: '
                                                   '{"phone": ["Mobile", "Home phone"]}.',
                    "examples": ['{"email": 0, "first_name": 1, "last_name": 2}']},
        "update_existing": {"type": "string", "enum": ["true", "false"], "default": "true"},
        "trigger_automations": {"type": "string", "enum": ["true", "false"], "default": "false",
                                "description": "Whether the contacts it adds enter automations (contact created, "
                                               "list joined)."},
        "idempotency_key": {"type": "string", "maxLength": 255},
    },
    "required": ["file"],
}

if imports is not None:
    IMPORTS = ResourceType("contact_imports", _attributes, ImportAttributes, path="/contacts/import")

    @api_route("/contacts/import", "POST", summary="Import contacts from a CSV file", tags=TAGS,
               scope="contacts:write", form=FORM, response=IMPORTS, status=202,
               description="Small files are imported at once (status completed); larger ones run in the "
                           "background (status processing): poll GET /contacts/import/{id}.")
    def create_import():
        errors, upload = {}, request.files.get("file")
        if upload is None or not upload.filename:
            errors["file"] = "Attach the CSV file as the multipart field 'file'."
        mapping = request.form.get("mapping")
        if mapping not in (None, ""):
            try:
                mapping = json.loads(mapping)
            except ValueError:
                errors["mapping"] = "The mapping must be a JSON object, like {\"email\": 0, \"first_name\": 1}."
            else:
                if not isinstance(mapping, dict):
                    errors["mapping"] = "The mapping must be a JSON object, like {\"email\": 0, \"first_name\": 1}."
        else:
            mapping = None
        update_existing = (request.form.get("update_existing") or "true").strip().lower()
        if update_existing not in TRUE | FALSE:
            errors["update_existing"] = "Use true or false."
        trigger_automations = (request.form.get("trigger_automations") or "false").strip().lower()
        if trigger_automations not in TRUE | FALSE:
            errors["trigger_automations"] = "Use true or false."
        if errors:
            raise validation_error(errors)
        membership = current_credential().membership
        contact_import = imports.start_import(membership.organization, membership.user, upload.read(),
                                              upload.filename, mapping=mapping, update_existing=update_existing in TRUE,
                                              trigger_automations=trigger_automations in TRUE)
        return documents.single(IMPORTS, contact_import, status=202,
                                headers={"Location": f"{documents.api_root()}/contacts/import/{contact_import.id}"})

    @api_route("/contacts/import/<import_id>", "GET", summary="Check an import's progress", tags=TAGS,
               scope="contacts:read", response=IMPORTS)
    def get_import(import_id):
        return documents.single(IMPORTS, get_or_404(ContactImport, import_id))

    @api_route("/contacts/import/<import_id>/failed_rows", "GET", summary="The rows an import could not take",
               tags=TAGS, scope="contacts:read", response={"text/csv": {"schema": {"type": "string"}}})
    def import_failed_rows(import_id):
        contact_import = get_or_404(ContactImport, import_id)
        return csv_response(imports.failed_rows_csv(contact_import), imports.failed_rows_filename(contact_import))
