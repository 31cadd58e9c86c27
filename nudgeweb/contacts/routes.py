"""Contact pages: the list (search, filters, bulk actions, segments, export) and one contact."""
import json

from flask import Blueprint, abort, flash, g, redirect, render_template, request, stream_with_context, url_for

from nudgeweb.auth.access import current_organization, member_required, role_required
from nudgeweb.automations import operations as automations
from nudgeweb.automations.builder import ENTRY_RULE_LABELS
from nudgeweb.automations.pages import enrolments_of
from nudgeweb.campaigns import lists
from nudgeweb.contacts import operations
from nudgeweb.contacts.export import export_rows
from nudgeweb.contacts.forms import (
    BulkForm,
    ConfirmForm,
    FilterForm,
    SegmentForm,
    UnsubscribeForm,
    contact_form,
    custom_field_aliases,
    custom_inputs,
    form_data,
)
from nudgeweb.contacts.operations import ContactValidationError
from nudgeweb.contacts.queries import list_contacts
from nudgeweb.contacts.tasks import act_on_matching
from nudgeweb.contacts.timeline import timeline_of
from nudgeweb.downloads import csv_response
from nudgeweb.extensions import db
from nudgeweb.field_errors import flash_field_errors, form_status, show_field_errors
from nudgeweb.htmx import render, wants_fragment
from nudgeweb.models import Contact, Segment
from nudgeweb.models.base import utcnow
from nudgeweb.scoping import get_or_404
from nudgeweb.unit_of_work import after_commit

bp = Blueprint("contacts", __name__, url_prefix="/contacts")


def _filter_form():
    form = FilterForm(request.args)
    form.tag.choices = [("", "Any tag")] + [(name, name) for name in operations.tag_names(g.membership.organization_id)]
    form.validate()
    return form


@bp.get("")
@member_required
def index():
    form = _filter_form()
    organization_id = g.membership.organization_id
    results = list_contacts(organization_id, form.filters(), form.sort_value, form.page.data or 1)
    segments = operations.organization_segments(organization_id)
    response = render(
        "contacts/index.html", "contacts/_results.html", form=form, results=results, segments=segments,
        bulk=_bulk_form(organization_id, formdata=None), filters_json=json.dumps(form.filters(), default=str),
    )
    if wants_fragment():  # the address bar shows the tidy URL of this view, without empty fields
        response.headers["HX-Push-Url"] = url_for(".index", **form.url_args())
    return response


@bp.route("/new", methods=["GET", "POST"])
@role_required("editor")
def new():
    organization = current_organization()
    form = contact_form(operations.custom_field_definitions(organization.id))
    if form.validate_on_submit():
        try:
            contact, created = operations.upsert_contact(organization, form_data(form), source="manual")
        except ContactValidationError as error:
            show_field_errors(form, error, aliases=custom_field_aliases(form))
        else:
            flash(f"{contact.display_name} was added." if created else
                  f"{contact.display_name} was already a contact: their details are updated.", "success")
            return redirect(url_for(".show", contact_id=contact.id), 303)
    return render_template("contacts/new.html", form=form, custom=custom_inputs(form)), form_status(form)


@bp.get("/<contact_id>")
@member_required
def show(contact_id):
    contact = get_or_404(Contact, contact_id)
    definitions = operations.custom_field_definitions(contact.organization_id)
    return render(
        "contacts/show.html", "contacts/_details.html", contact=contact, definitions=definitions,
        timeline=timeline_of(contact), unsubscribe_form=UnsubscribeForm(formdata=None), confirm=ConfirmForm(),
        contact_lists=lists.memberships_of(contact), all_lists=lists.organization_lists(contact.organization_id),
        automation_enrolments=enrolments_of(contact),
    )


@bp.route("/<contact_id>/edit", methods=["GET", "POST"])
@role_required("editor")
def edit(contact_id):
    contact = get_or_404(Contact, contact_id)
    definitions = operations.custom_field_definitions(contact.organization_id)
    form = contact_form(definitions, contact)
    if form.validate_on_submit():
        try:
            operations.update_contact(contact, form_data(form))
        except ContactValidationError as error:
            show_field_errors(form, error, aliases=custom_field_aliases(form))
        else:
            if wants_fragment():
                return render("contacts/show.html", "contacts/_details.html", contact=contact,
                                   definitions=definitions, saved=True, timeline=timeline_of(contact))
            flash("Saved.", "success")
            return redirect(url_for(".show", contact_id=contact.id), 303)
    return render("contacts/edit.html", "contacts/_edit_form.html", status=form_status(form), contact=contact,
                       form=form, custom=custom_inputs(form))


@bp.route("/<contact_id>/delete", methods=["GET", "POST"])
@role_required("editor")
def delete(contact_id):
    contact = get_or_404(Contact, contact_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        name = contact.display_name
        operations.delete_contact(contact)
        flash(f"{name} was deleted.", "success")
        return redirect(url_for(".index"), 303)
    chosen = operations.Chosen([contact.id], 1, [contact])
    return render_template("contacts/confirm.html", form=form, chosen=chosen, action="delete",
                           cancel=url_for(".show", contact_id=contact.id))


@bp.post("/<contact_id>/unsubscribe")
@role_required("editor")
def unsubscribe(contact_id):
    contact = get_or_404(Contact, contact_id)
    form = UnsubscribeForm()
    if form.validate_on_submit():
        operations.unsubscribe(contact, reason=form.reason.data, feedback=form.feedback.data or None)
        flash(f"{contact.display_name} is unsubscribed: Nudge won't send them marketing.", "success")
    return redirect(url_for(".show", contact_id=contact.id), 303)


@bp.post("/<contact_id>/subscribe")
@role_required("editor")
def subscribe(contact_id):
    contact = get_or_404(Contact, contact_id)
    if ConfirmForm().validate_on_submit():
        operations.subscribe(contact)
        flash(f"{contact.display_name} is subscribed again.", "success")
    return redirect(url_for(".show", contact_id=contact.id), 303)


@bp.post("/bulk")
@role_required("editor")
def bulk():
    organization_id = g.membership.organization_id
    form = _bulk_form(organization_id)
    back = form.next.data if (form.next.data or "").startswith("/contacts") else url_for(".index")
    chosen = None
    if form.validate_on_submit() and form.action.data:
        chosen = operations.chosen_contacts(
            organization_id, ids=[i for i in request.form.getlist("ids") if i],
            filters=form.filter_values() if form.everyone.data == "yes" else None)
    if not chosen or not chosen.count:
        flash(form.filters.errors[0] if form.filters.errors else "Select some contacts and an action first.", "error")
        return redirect(back, 303)
    action = form.action.data
    if action in ("delete", "unsubscribe") and form.confirm.data != "yes":
        return render_template("contacts/confirm.html", form=form, chosen=chosen, action=action, cancel=back)
    try:
        message = _bulk_action(organization_id, action, chosen, form)
    except (ContactValidationError, lists.ListValidationError, automations.AutomationError) as error:
        flash_field_errors(error)
    except automations.AutomationStateError as error:
        flash(str(error), "error")
    else:
        flash(message, "success")
    return redirect(back, 303)


def _bulk_action(organization_id, action, chosen, form):
    reason = form.reason.data or "Unsubscribed by the team"
    if operations.runs_in_background(action, chosen):
        after_commit(act_on_matching, str(organization_id), action, chosen.filters, reason=reason)
        verb = "Unsubscribing" if action == "unsubscribe" else "Deleting"
        return f"{verb} {chosen.count:,} contacts in the background: refresh the list in a minute to see them all done."
    if action in ("list_add", "list_remove"):
        return _list_action(organization_id, action, chosen, form)
    if action == "automation_add":
        return _automation_action(organization_id, chosen, form)
    count = operations.bulk_action(organization_id, action, chosen.ids, tag_name=form.tag.data, reason=reason)
    plural = "s" * (count != 1)
    return {
        "tag": f"Tagged {count} contact{plural} “{(form.tag.data or '').strip()}”.",
        "untag": f"Removed the tag from {count} contact{plural}.",
        "unsubscribe": f"Unsubscribed {count} contact{plural}.",
        "delete": f"Deleted {count} contact{plural}.",
    }[action]


def _bulk_form(organization_id, **kwargs):
    form = BulkForm(**kwargs)
    form.list_id.choices = [("", "List…")] + [(str(item.id), item.name) for item in lists.organization_lists(organization_id)]
    form.automation_id.choices = [("", "Automation…")] + [
        (str(item.id), item.name) for item in automations.enrollable_automations(organization_id)]
    return form


def _automation_action(organization_id, chosen, form):
    ids = chosen.ids if isinstance(chosen.ids, list) else db.session.scalars(chosen.ids).all()
    automation, entered, kept_out = automations.enroll_contacts(organization_id, form.automation_id.data, ids)
    message = f"Added {entered:,} contact{'s' * (entered != 1)} to “{automation.name}”."
    if kept_out:
        message += (f" {kept_out:,} {'were' if kept_out != 1 else 'was'} kept out by its entry rule "
                    f"(“{ENTRY_RULE_LABELS[automation.entry_rule]}”).")
    return message


def _list_action(organization_id, action, chosen, form):
    contact_list = lists.lists_by_ids(organization_id, [form.list_id.data], "list_id")[0] if form.list_id.data \
        else None
    if contact_list is None:
        raise ContactValidationError({"list_id": "Choose the list."})
    ids = chosen.ids if isinstance(chosen.ids, list) else db.session.scalars(chosen.ids).all()
    if action == "list_remove":
        count = lists.remove_members(contact_list, ids)
        return f"Removed {count} contact{'s' * (count != 1)} from “{contact_list.name}”."
    count = lists.add_members(contact_list, ids)
    if contact_list.double_opt_in:
        return f"Asked {count} contact{'s' * (count != 1)} by email to confirm joining “{contact_list.name}”."
    return f"Added {count} contact{'s' * (count != 1)} to “{contact_list.name}”."


@bp.get("/export.csv")
@member_required
def export():
    form = _filter_form()
    filename = f"contacts-{utcnow():%Y-%m-%d}.csv"
    rows = export_rows(g.membership.organization_id, form.filters(), form.sort_value)
    return csv_response(stream_with_context(rows), filename)


@bp.post("/segments")
@role_required("editor")
def save_segment():
    form = SegmentForm()
    try:
        filters = json.loads(form.filters.data or "{}")
    except ValueError:
        abort(400)
    if form.validate_on_submit():
        try:
            segment = operations.save_segment(g.membership.organization_id, form.name.data, filters)
        except ContactValidationError as error:
            flash_field_errors(error)
            return redirect(url_for(".index", **_filter_args(filters)), 303)
        flash(f"Saved the segment “{segment.name}”.", "success")
        return redirect(url_for(".index", segment=segment.id), 303)
    return redirect(url_for(".index"), 303)


@bp.post("/segments/<segment_id>/delete")
@role_required("editor")
def delete_segment(segment_id):
    segment = get_or_404(Segment, segment_id)
    if ConfirmForm().validate_on_submit():
        operations.delete_segment(segment)
        flash(f"Deleted the segment “{segment.name}”. Its contacts are still here.", "success")
    return redirect(url_for(".index"), 303)


def _filter_args(filters):
    names = {"search": "q", "segment_id": "segment"}
    return {names.get(key, key): value for key, value in filters.items() if not isinstance(value, list)}

