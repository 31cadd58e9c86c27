"""Pages of lists: the lists (make, rename, delete, with their counts) and a contact's lists (join, leave)."""
from flask import Blueprint, flash, redirect, request, url_for
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, Length

from nudgeweb.auth.access import current_organization, member_required, role_required
from nudgeweb.campaigns import lists
from nudgeweb.field_errors import form_status, show_field_errors
from nudgeweb.htmx import render
from nudgeweb.models import Contact, ContactList
from nudgeweb.scoping import get_or_404

bp = Blueprint("lists", __name__, url_prefix="/campaigns/lists")


class ListForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired("Give the list a name."), Length(max=100)])
    description = StringField("Description", validators=[Length(max=500)])
    double_opt_in = BooleanField("Double opt-in: new members confirm by email before they get anything")


@bp.route("", methods=["GET", "POST"])
@member_required
def index():
    organization = current_organization()
    form = ListForm()
    if form.validate_on_submit():
        try:
            contact_list = lists.create_list(organization.id, form.data)
        except lists.ListValidationError as error:
            show_field_errors(form, error)
        else:
            flash(f"The list “{contact_list.name}” is ready: add contacts from the contacts page or an import.",
                  "success")
            return redirect(url_for(".index"), 303)
    return render("campaigns/lists.html", form=form, lists=lists.organization_lists(organization.id),
                  counts=lists.member_counts(organization.id), status=form_status(form))


@bp.post("/<list_id>/delete")
@role_required("editor")
def delete(list_id):
    contact_list = get_or_404(ContactList, list_id)
    lists.delete_list(contact_list)
    flash(f"The list “{contact_list.name}” is deleted; its contacts stay.", "success")
    return redirect(url_for(".index"), 303)


@bp.post("/join/<contact_id>")
@role_required("editor")
def join(contact_id):
    contact = get_or_404(Contact, contact_id)
    contact_list = get_or_404(ContactList, request.form.get("list_id", ""))
    lists.add_members(contact_list, [contact.id])
    flash(f"{contact.display_name} is " + ("asked by email to confirm joining" if contact_list.double_opt_in
                                           else "added to") + f" “{contact_list.name}”.", "success")
    return redirect(url_for("contacts.show", contact_id=contact.id), 303)


@bp.post("/<list_id>/leave/<contact_id>")
@role_required("editor")
def leave(list_id, contact_id):
    contact = get_or_404(Contact, contact_id)
    contact_list = get_or_404(ContactList, list_id)
    lists.remove_members(contact_list, [contact.id])
    flash(f"{contact.display_name} is no longer in “{contact_list.name}”.", "success")
    return redirect(url_for("contacts.show", contact_id=contact.id), 303)
