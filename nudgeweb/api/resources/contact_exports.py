"""CSV export of contacts (seed 001 "Export Contacts"): POST makes the job, its download streams the CSV.

The job (a ContactExport row) names the filters and the columns; the download streams the
contacts area's export in batches (bounded memory), for a day.
"""
import csv
import io
import uuid
from datetime import datetime, timedelta
from typing import Any, Literal

from flask import stream_with_context
from pydantic import Field, field_validator

from nudgeweb.api import Attributes, Body, ResourceType, api_route, documents, iso
from nudgeweb.api.credentials import current_credential
from nudgeweb.api.errors import not_found, validation_error
from nudgeweb.api.resources.contacts import contact_filters
from nudgeweb.contacts.export import COLUMNS, export_rows
from nudgeweb.contacts.operations import custom_field_definitions
from nudgeweb.contacts.queries import FILTER_KEYS, contacts_query, count_matching, read_filters
from nudgeweb.downloads import CsvWriter, csv_response
from nudgeweb.extensions import db
from nudgeweb.models import ContactExport, utcnow

TAGS = ["Contacts"]
LIFETIME = timedelta(hours=24)
FILTER_ALIASES = {"tags": "tag", "statuses": "status"}


class ExportIn(Body):
    format: str = Field("csv", examples=["csv"])
    fields: list[str] | None = Field(None, examples=[["email", "first_name", "last_name", "tags"]],
                                     description="Columns (default: all, custom fields included).")
    filters: dict[str, Any] = Field(default_factory=dict, examples=[{"status": "subscribed", "tags": ["customer"]}],
                                    description=f"Any of {', '.join(FILTER_KEYS)} (tags = tag), as filter[…] of "
                                                "the list takes them: texts (lists of texts for status, tag, source).")

    @field_validator("format")
    @classmethod
    def csv_only(cls, value):
        if value != "csv":
            raise ValueError("only csv is supported")
        return value

    @classmethod
    def domain_errors(cls, data):
        filters = data.get("filters")
        errors = _filter_errors(filters) if isinstance(filters, dict) else {}
        columns = _columns(current_credential().organization_id)
        unknown = [c for c in data.get("fields") or [] if c not in columns]
        if unknown:
            errors["fields"] = f"Unknown column {', '.join(map(str, unknown))}; use {', '.join(columns)}."
        return errors


def _filter_errors(filters):
    """{"filters.<name as given>": message} for unknown filters and bad values (read as filter[…] of the list is)."""
    given = {FILTER_ALIASES.get(k, k): k for k in filters}
    errors = {f"filters.{k}": f"Unknown filter; use {', '.join(FILTER_KEYS)}." for name, k in given.items()
              if name not in FILTER_KEYS}
    country = current_credential().membership.organization.default_country
    _filters, bad = read_filters({name: filters[k] for name, k in given.items() if name in FILTER_KEYS}, country)
    return {**errors, **{f"filters.{given[name]}": message for name, message in bad.items()}}


def _filter_names(filters):
    if not isinstance(filters, dict):
        return {}
    return {FILTER_ALIASES.get(k, k): (",".join(map(str, v)) if isinstance(v, list) else v) for k, v in filters.items()}


class ExportAttributes(Attributes):
    status: Literal["completed"] = Field(examples=["completed"], description="An export is ready at once.")
    format: Literal["csv"] = Field(examples=["csv"])
    total: int = Field(examples=[5000])
    fields: list[str]
    filters: dict[str, Any]
    download_url: str = Field(description="Streams the CSV (for 24 hours; also links.download).")
    created_at: datetime
    expires_at: datetime


def _columns(organization_id):
    return [*COLUMNS, *(d.key for d in custom_field_definitions(organization_id))]


def _export_url(export):
    return f"{documents.api_root()}/contacts/export/{export.id}"


def _attributes(export):
    query = contacts_query(export.organization_id, contact_filters(export.filters))
    return {"status": "completed", "format": "csv", "total": count_matching(query),
            "fields": export.fields, "filters": export.filters, "download_url": f"{_export_url(export)}/download",
            "created_at": iso(export.created_at), "expires_at": iso(export.expires_at)}


EXPORTS = ResourceType("contact_exports", _attributes, ExportAttributes, path="/contacts/export")


def _job_document(export, status, headers=None):
    url = _export_url(export)
    resource = EXPORTS.resource(export)
    resource["links"]["download"] = f"{url}/download"
    return documents.respond({"data": resource, "links": {"self": url}}, status, headers)


def _load(export_id):
    """The caller's export by id; a 404 for another organization's, a malformed id, or an expired one."""
    try:
        export = db.session.get(ContactExport, uuid.UUID(str(export_id)))
    except ValueError:
        export = None
    if export is None or export.organization_id != current_credential().organization_id or (
            export.expires_at <= utcnow()):
        raise not_found("No such export (or it has expired: exports can be downloaded for 24 hours).")
    return export


@api_route("/contacts/export", "POST", summary="Export contacts as CSV", tags=TAGS, scope="contacts:read",
           role="viewer", body=ExportIn, response=EXPORTS, status=201,
           description="Answers with an export job (status completed) whose download_url streams the CSV.")
def create_export(body):
    organization_id = current_credential().organization_id
    errors = ExportIn.domain_errors(body.model_dump())
    if errors:
        raise validation_error(errors)
    now = utcnow()
    export = ContactExport(organization_id=organization_id, created_by_id=current_credential().user_id,
                           filters=_filter_names(body.filters), fields=body.fields or _columns(organization_id),
                           created_at=now, expires_at=now + LIFETIME)
    db.session.add(export)
    db.session.flush()
    return _job_document(export, 201, {"Location": _export_url(export)})


@api_route("/contacts/export/<export_id>", "GET", summary="Get an export job", tags=TAGS, scope="contacts:read",
           response=EXPORTS)
def get_export(export_id):
    return _job_document(_load(export_id), 200)


@api_route("/contacts/export/<export_id>/download", "GET", summary="Download an export's CSV", tags=TAGS,
           scope="contacts:read", response={"text/csv": {"schema": {"type": "string"}}})
def download_export(export_id):
    export = _load(export_id)
    rows = export_rows(export.organization_id, contact_filters(export.filters))
    if export.fields != _columns(export.organization_id):
        rows = _only_columns(rows, export.fields)
    return csv_response(stream_with_context(rows), "contacts.csv")


def _only_columns(chunks, wanted):
    """Keep the ``wanted`` columns of the CSV chunks (each chunk holds whole rows)."""
    indexes, writer = None, CsvWriter()
    for chunk in chunks:
        bom = chunk.startswith("\ufeff")
        rows = list(csv.reader(io.StringIO(chunk.lstrip("\ufeff"))))
        if indexes is None and rows:
            indexes = [rows[0].index(name) for name in wanted]
        yield ("\ufeff" if bom else "") + writer.text([row[i] for i in indexes] for row in rows)
