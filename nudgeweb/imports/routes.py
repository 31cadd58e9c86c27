"""The import wizard: upload, map the columns, watch the progress, download the failed rows."""
from flask import Blueprint, abort, flash, g, redirect, request, url_for
from flask_login import current_user

from nudgeweb.auth.access import current_organization, member_required, role_required
from nudgeweb.campaigns import lists
from nudgeweb.downloads import csv_response
from nudgeweb.field_errors import INVALID_FORM, flash_field_errors, form_status, show_field_errors
from nudgeweb.htmx import render
from nudgeweb.imports import operations
from nudgeweb.imports.forms import ConfirmForm, UploadForm
from nudgeweb.imports.mapping import columns_of, import_targets
from nudgeweb.imports.operations import ImportValidationError
from nudgeweb.models import ContactImport
from nudgeweb.scoping import get_or_404

bp = Blueprint("imports", __name__, url_prefix="/contacts/import")


@bp.route("", methods=["GET", "POST"])
@member_required
def new():
    form = UploadForm()
    if form.validate_on_submit():
        if not g.membership.can("editor"):
            abort(403)
        upload = form.file.data
        try:
            contact_import = operations.create_draft(
                current_organization(), current_user, upload.read(), upload.filename
            )
        except ImportValidationError as error:
            show_field_errors(form, error)
        else:
            return redirect(url_for(".show", import_id=contact_import.id), 303)
    imports = operations.recent_imports(g.membership.organization_id)
    return render("imports/new.html", form=form, imports=imports, status=form_status(form))


@bp.route("/<import_id>", methods=["GET", "POST"])
@member_required
def show(import_id):
    contact_import = get_or_404(ContactImport, import_id)
    if contact_import.status != "draft":
        finished = contact_import.finished
        return render("imports/show.html", "imports/_progress.html", contact_import=contact_import,
                      stalled=operations.is_stalled(contact_import),
                      notes=operations.import_notes(contact_import) if finished else None,
                      failures=operations.import_failures(contact_import) if finished else None)
    form = ConfirmForm()
    form.list_id.choices = [("", "No list")] + [
        (str(item.id), item.name) for item in lists.organization_lists(contact_import.organization_id)]
    errors = {}
    if form.validate_on_submit():
        if not g.membership.can("editor"):
            abort(403)
        columns = {index: request.form.get(f"column-{index}", "") for index in range(len(contact_import.headers))}
        try:
            operations.confirm_import(contact_import, columns, form.update_existing.data, form.list_id.data or None,
                                      trigger_automations=form.trigger_automations.data)
        except ImportValidationError as error:
            errors = error.errors
        else:
            return redirect(url_for(".show", import_id=contact_import.id), 303)
    else:
        columns = {index: field for field, column in contact_import.mapping.items() for index in columns_of(column)}
    rows = operations.preview_rows(contact_import)
    return render(
        "imports/mapping.html", contact_import=contact_import, form=form, errors=errors, columns=columns,
        targets=import_targets(current_organization()), rows=rows, samples=operations.column_samples(rows),
        status=INVALID_FORM if errors else 200,
    )


@bp.post("/<import_id>/resume")
@role_required("editor")
def resume(import_id):
    contact_import = get_or_404(ContactImport, import_id)
    operations.resume_import(contact_import)
    return redirect(url_for(".show", import_id=contact_import.id), 303)


@bp.post("/<import_id>/discard")
@role_required("editor")
def discard(import_id):
    contact_import = get_or_404(ContactImport, import_id)
    try:
        operations.discard_draft(contact_import)
    except ImportValidationError as error:
        flash_field_errors(error)
        return redirect(url_for(".show", import_id=contact_import.id), 303)
    flash(f"{contact_import.filename} was not imported.", "info")
    return redirect(url_for(".new"), 303)


@bp.get("/<import_id>/failed-rows.csv")
@member_required
def failed_rows(import_id):
    contact_import = get_or_404(ContactImport, import_id)
    return csv_response(operations.failed_rows_csv(contact_import), operations.failed_rows_filename(contact_import))
