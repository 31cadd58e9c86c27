"""Settings → Custom fields and Settings → Tags."""
from flask import Blueprint, abort, flash, g, redirect, render_template, url_for

from nudgeweb.auth.access import current_organization, member_required, role_required
from nudgeweb.contacts import operations
from nudgeweb.contacts.forms import ConfirmForm, CustomFieldForm, RenameForm
from nudgeweb.contacts.operations import ContactValidationError
from nudgeweb.field_errors import flash_field_errors, form_status, show_field_errors
from nudgeweb.models import CustomFieldDefinition, Tag
from nudgeweb.scoping import get_or_404

bp = Blueprint("contacts_settings", __name__, url_prefix="/settings")


@bp.route("/custom-fields", methods=["GET", "POST"])
@member_required
def custom_fields():
    form = CustomFieldForm()
    if form.validate_on_submit():
        if not g.membership.can("admin"):
            abort(403)
        try:
            definition = operations.add_custom_field(current_organization(), form.label.data, form.field_type.data,
                                                     form.choices.data)
        except ContactValidationError as error:
            show_field_errors(form, error)
        else:
            flash(f"Added the field “{definition.label}”. Use it as {{{{ contact.custom_fields.{definition.key} }}}}.",
                  "success")
            return redirect(url_for(".custom_fields"), 303)
    definitions = operations.custom_field_definitions(g.membership.organization_id)
    return render_template("contacts/settings_custom_fields.html", form=form, definitions=definitions,
                           rename=RenameForm(formdata=None), confirm=ConfirmForm()), form_status(form)


@bp.post("/custom-fields/<definition_id>")
@role_required("admin")
def rename_custom_field(definition_id):
    definition = get_or_404(CustomFieldDefinition, definition_id)
    form = RenameForm()
    if form.validate_on_submit():
        try:
            operations.rename_custom_field(definition, form.label.data,
                                           form.choices.data if definition.field_type == "choice" else None)
        except ContactValidationError as error:
            flash_field_errors(error)
        else:
            flash(f"Renamed to “{definition.label}”.", "success")
    return redirect(url_for(".custom_fields"), 303)


@bp.post("/custom-fields/<definition_id>/remove")
@role_required("admin")
def remove_custom_field(definition_id):
    definition = get_or_404(CustomFieldDefinition, definition_id)
    if ConfirmForm().validate_on_submit():
        operations.remove_custom_field(definition)
        flash(f"Removed the field “{definition.label}”.", "success")
    return redirect(url_for(".custom_fields"), 303)


@bp.get("/tags")
@member_required
def tags():
    found = operations.organization_tags(g.membership.organization_id)
    return render_template("contacts/settings_tags.html", tags=found, rename=RenameForm(formdata=None),
                           confirm=ConfirmForm())


@bp.post("/tags/<tag_id>")
@role_required("editor")
def rename_tag(tag_id):
    tag = get_or_404(Tag, tag_id)
    form = RenameForm()
    if form.validate_on_submit():
        try:
            operations.rename_tag(tag, form.label.data)
        except ContactValidationError as error:
            flash_field_errors(error)
        else:
            flash(f"Renamed the tag to “{tag.name}”.", "success")
    return redirect(url_for(".tags"), 303)


@bp.post("/tags/<tag_id>/delete")
@role_required("editor")
def delete_tag(tag_id):
    tag = get_or_404(Tag, tag_id)
    if ConfirmForm().validate_on_submit():
        name = tag.name
        operations.delete_tag(tag)
        flash(f"Deleted the tag “{name}”; the contacts that had it are still here.", "success")
    return redirect(url_for(".tags"), 303)
