"""Pages of the Templates area: the list, the editor with its live preview, duplicate, delete."""
from flask import Blueprint, abort, flash, g, redirect, request, url_for
from sqlalchemy import select

from nudgeweb.auth.access import current_organization, member_required, role_required
from nudgeweb.extensions import db
from nudgeweb.field_errors import INVALID_FORM, show_field_errors, show_more_field_errors
from nudgeweb.htmx import render
from nudgeweb.message_templates import operations, starter, to_simple
from nudgeweb.message_templates.forms import CATEGORY_LABELS, TemplateForm
from nudgeweb.message_templates.rendering import BUSINESS_VARIABLES, CONTACT_VARIABLES, LINK_VARIABLES, TemplateRenderError
from nudgeweb.models import Contact, MessageTemplate
from nudgeweb.scoping import get_or_404
from nudgeweb.security_headers import shows_email_preview

bp = Blueprint("message_templates", __name__, url_prefix="/templates")

BUILTIN_NAMES = {**CONTACT_VARIABLES, **BUSINESS_VARIABLES, **LINK_VARIABLES}
PREVIEW_CONTACTS = 50  # the most recently updated contacts offered in "Preview for"


@bp.get("")
@member_required
def index():
    filters = {key: request.args.get(key, "").strip() for key in ("channel", "category", "search")}
    known = {"channel": ("email", "sms"), "category": CATEGORY_LABELS}  # other values are ignored, as on contacts
    filters.update({key: "" for key, values in known.items() if filters[key] not in values})
    templates = db.session.scalars(operations.templates_query(filters)).all()
    return render("message_templates/index.html", "message_templates/_rows.html",
                  templates=templates, filters=filters, categories=CATEGORY_LABELS)


@bp.post("/starters")
@role_required("editor")
def add_starters():
    starter.create_starter_templates(current_organization())
    flash("The starter templates are ready to edit.", "success")
    return redirect(url_for(".index"), 303)


@bp.route("/new", methods=["GET", "POST"])
@shows_email_preview
@role_required("editor")
def new():
    form = TemplateForm(channel=request.args.get("channel", "email"))
    if form.channel.data not in ("email", "sms"):
        abort(404)
    if request.method == "GET":
        form.editor.data = "simple"
    return _edit(form, None)


@bp.route("/<template_id>", methods=["GET", "POST"])
@shows_email_preview
@member_required
def edit(template_id):
    template = get_or_404(MessageTemplate, template_id)
    if request.method == "POST" and not g.membership.can("editor"):
        abort(403)
    form = TemplateForm(obj=template)
    return _edit(form, template)


def _edit(form, template):
    if request.method == "POST" and "add_variable" in request.form:
        form.fill_blank_variable_rows()
        return _editor(form, template)
    if form.validate_on_submit():
        try:
            if template is None:
                template = operations.create_template(current_organization(), form.data_for_operations())
            else:
                operations.update_template(template, form.data_for_operations())
        except operations.TemplateValidationError as error:
            show_field_errors(form, error, aliases={"variables": None}, fallback=form.variable_errors)
        else:
            flash(f"“{template.name}” is saved.", "success")
            return redirect(url_for(".edit", template_id=template.id), 303)
    elif form.is_submitted():  # refused by its own validators: the template's other bad fields too, all at once
        show_more_field_errors(form, operations.template_field_errors(current_organization(), template,
                                                                      form.data_for_operations()),
                               aliases={"variables": None}, fallback=form.variable_errors)
    if request.method == "GET":
        form.fill_blank_variable_rows()
    return _editor(form, template, status=INVALID_FORM if request.method == "POST" else 200)


def _editor(form, template, status=200):
    return render("message_templates/edit.html", template=template, form=form, contacts=_preview_contacts(),
                  builtin_names=BUILTIN_NAMES, not_kept=_simple_version(form, template), status=status)


def _simple_version(form, template):
    """An email written in HTML opens with its text in the simple editor (the HTML stays in its own pane until a
    save in the simple editor); what that text cannot say is returned, to be named beside it."""
    written_in_html = template.editor == "html" if template is not None else form.editor.data == "html"
    if form.channel.data != "email" or not written_in_html:
        return ()
    version = to_simple.simple_version(form.html_content.data, form.simple_content.data)
    if version is None:
        return ()
    if request.method == "GET" or not (form.simple_content.data or "").strip():  # (not over what the owner typed)
        form.simple_content.data = version.text
    return version.not_kept


@bp.post("/preview")
@member_required
def preview():
    """The live preview of the editor's form as it is now (not saved), for a sample or chosen contact."""
    form = TemplateForm()
    data = form.data_for_operations()
    contact = None
    if request.form.get("preview_contact"):
        contact = get_or_404(Contact, request.form["preview_contact"])
    draft = MessageTemplate(channel=data["channel"] if data["channel"] in ("email", "sms") else "email",
                            subject=data["subject"], html_content=data["html_content"],
                            text_content=data["text_content"], body=data["body"], variables=data["variables"],
                            editor=data["editor"], simple_content=data["simple_content"])
    draft.organization = current_organization()
    try:
        rendered, error = operations.preview_draft(draft, contact), None
    except TemplateRenderError as exc:
        rendered, error = None, exc
    finally:
        if draft in db.session:
            db.session.expunge(draft)
    return render("message_templates/_preview.html", "message_templates/_preview.html",
                  rendered=rendered, error=error, channel=draft.channel, contact=contact)


@bp.post("/simple-version")
@member_required
def simple_version():
    """The simple editor's box made from the editor's HTML as it is now (switched to after changing the HTML)."""
    form = TemplateForm()
    version = to_simple.simple_text(form.html_content.data or "")
    form.simple_content.data = version.text
    return render("message_templates/_simple_version.html", "message_templates/_simple_version.html", form=form,
                  not_kept=version.not_kept)


@bp.post("/<template_id>/duplicate")
@role_required("editor")
def duplicate(template_id):
    copy = operations.duplicate_template(get_or_404(MessageTemplate, template_id))
    flash(f"Made a copy: “{copy.name}”.", "success")
    return redirect(url_for(".edit", template_id=copy.id), 303)


@bp.route("/<template_id>/delete", methods=["GET", "POST"])
@role_required("editor")
def delete(template_id):
    template = get_or_404(MessageTemplate, template_id)
    if request.method == "POST":
        operations.delete_template(template)
        flash(f"“{template.name}” is deleted.", "success")
        return redirect(url_for(".index"), 303)
    return render("message_templates/delete.html", template=template)


def _preview_contacts():
    return db.session.scalars(select(Contact).order_by(Contact.updated_at.desc()).limit(PREVIEW_CONTACTS)).all()
