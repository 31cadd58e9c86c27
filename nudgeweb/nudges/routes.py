"""The owner's pages: employees (list with this period's progress, add, edit, deactivate, nudge history)
and campaign periods (set up, start, end, the leaderboard, each employee's link)."""
from flask import Blueprint, abort, flash, g, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import select

from nudgeweb import clock
from nudgeweb.auth.access import current_organization, member_required, role_required
from nudgeweb.downloads import csv_response
from nudgeweb.field_errors import INVALID_FORM, form_status, show_field_errors, show_more_field_errors
from nudgeweb.htmx import render
from nudgeweb.imports.core import column_samples, failed_rows_filename, is_stalled, preview_rows
from nudgeweb.models import db
from nudgeweb.models.employees import CampaignParticipant, CampaignPeriod, Employee, EmployeeImport
from nudgeweb.models.templates import MessageTemplate
from nudgeweb.nudges import imports, operations, queries
from nudgeweb.nudges.charts import leaderboard_chart
from nudgeweb.nudges.forms import EmployeeFileForm, EmployeeForm, EmployeeMappingForm, PeriodForm
from nudgeweb.nudges.links import employee_link
from nudgeweb.nudges.progress import GOAL_LABELS, leaderboard
from nudgeweb.nudges.schedule import next_slot, zone_of
from nudgeweb.pagination import paginate, requested_page
from nudgeweb.scoping import get_or_404

bp = Blueprint("employees", __name__, url_prefix="/employees")
EMPLOYEE_FIELDS = ("name", "email", "phone", "title", "location", "preferred_channel", "user_id")
PERIOD_FIELDS = ("name", "starts_on", "ends_on", "goal_kind", "goal", "schedule_kind", "weekdays", "every_days",
                 "send_time", "channel", "template_name", "employee_ids")


@bp.get("")
@member_required
def index():
    organization_id = g.membership.organization_id
    period = queries.current_period(organization_id)
    standings = {s.employee_id: s for s in leaderboard(period)} if period else {}
    return render("nudges/index.html", employees=queries.employees_of(organization_id), period=period,
                  standings=standings, periods=queries.periods_of(organization_id),
                  goal_label=GOAL_LABELS[period.goal_kind] if period else "")


@bp.route("/new", methods=["GET", "POST"])
@role_required("editor")
def new():
    form = _employee_form()
    if form.validate_on_submit():
        try:
            employee = operations.create_employee(current_organization(), _data(form, EMPLOYEE_FIELDS))
        except operations.EmployeeError as error:
            show_field_errors(form, error)
        else:
            flash(f"{employee.name} was added.", "success")
            return redirect(url_for(".index"), 303)
    elif form.is_submitted():
        _employee_errors_too(form)
    return render("nudges/employee_form.html", form=form, employee=None, status=form_status(form))


@bp.route("/import", methods=["GET", "POST"])
@role_required("editor")
def import_csv():
    form = EmployeeFileForm()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            record = imports.create_draft(current_organization(), current_user, upload.read(), upload.filename)
        except imports.EmployeeImportError as error:
            show_field_errors(form, error)
        else:
            return redirect(url_for(".import_show", import_id=record.id), 303)
    return render("nudges/import.html", form=form, imports=imports.recent_imports(g.membership.organization_id),
                  max_rows=imports.MAX_ROWS, max_megabytes=imports.MAX_FILE_BYTES // (1024 * 1024),
                  status=form_status(form))


@bp.route("/import/<import_id>", methods=["GET", "POST"])
@member_required
def import_show(import_id):
    record = get_or_404(EmployeeImport, import_id)
    if record.status != "draft":
        return render("nudges/import_show.html", "nudges/_import_progress.html", record=record,
                      stalled=is_stalled(record), failures=imports.failures_of(record) if record.failed else [])
    form, errors = EmployeeMappingForm(), {}
    columns = {index: field for field, index in record.mapping.items()}
    if form.validate_on_submit():
        if not g.membership.can("editor"):
            abort(403)
        columns = {index: request.form.get(f"column-{index}", "") for index in range(len(record.headers))}
        try:
            imports.confirm_import(record, columns)
        except imports.EmployeeImportError as error:
            errors = error.errors
        else:
            return redirect(url_for(".import_show", import_id=record.id), 303)
    rows = preview_rows(record)
    return render("nudges/import_mapping.html", record=record, form=form, errors=errors, columns=columns,
                  targets=imports.TARGETS, rows=rows, samples=column_samples(rows),
                  status=INVALID_FORM if errors else 200)


@bp.post("/import/<import_id>/resume")
@role_required("editor")
def import_resume(import_id):
    record = get_or_404(EmployeeImport, import_id)
    imports.resume_import(record)
    return redirect(url_for(".import_show", import_id=record.id), 303)


@bp.get("/import/<import_id>/failed-rows.csv")
@member_required
def import_failed_rows(import_id):
    record = get_or_404(EmployeeImport, import_id)
    return csv_response(imports.failed_rows_csv(record), failed_rows_filename(record, "employees"))


@bp.route("/<employee_id>/edit", methods=["GET", "POST"])
@role_required("editor")
def edit(employee_id):
    employee = get_or_404(Employee, employee_id)
    form = _employee_form(employee)
    if form.validate_on_submit():
        try:
            operations.update_employee(employee, _data(form, EMPLOYEE_FIELDS))
        except operations.EmployeeError as error:
            show_field_errors(form, error)
        else:
            flash(f"{employee.name} was saved.", "success")
            return redirect(url_for(".show", employee_id=employee.id), 303)
    elif form.is_submitted():
        _employee_errors_too(form, employee)
    return render("nudges/employee_form.html", form=form, employee=employee, status=form_status(form))


@bp.post("/<employee_id>/active")
@role_required("editor")
def set_active(employee_id):
    employee = get_or_404(Employee, employee_id)
    if request.form.get("active") == "1":
        operations.update_employee(employee, {"active": True})
        flash(f"{employee.name} is active again and will be nudged.", "success")
    else:
        operations.deactivate_employee(employee)
        flash(f"{employee.name} is deactivated: no more nudges. Their history stays.", "success")
    return redirect(url_for(".show", employee_id=employee.id), 303)


@bp.get("/<employee_id>")
@member_required
def show(employee_id):
    employee = get_or_404(Employee, employee_id)
    nudges = paginate(queries.nudges_of(employee), requested_page(), 50)
    return render("nudges/employee.html", employee=employee, nudges=nudges)


@bp.route("/periods/new", methods=["GET", "POST"])
@role_required("editor")
def new_period():
    organization = current_organization()
    form = PeriodForm()
    _period_choices(form, organization)
    if request.method == "GET":
        form.starts_on.data, form.ends_on.data = queries.default_dates(clock.now().astimezone(zone_of(organization)).date())
        form.employee_ids.data = [str(e.id) for e in operations.active_employees(organization.id)]
    if form.validate_on_submit():
        try:
            period = operations.create_period(organization, _data(form, PERIOD_FIELDS))
            if form.start_now.data:
                operations.start_period(period)
        except operations.PeriodError as error:
            show_field_errors(form, error, aliases={"status": None})
        else:
            flash(f"{period.name} is {'running' if period.status == 'active' else 'saved as a draft'}.", "success")
            return redirect(url_for(".period", period_id=period.id), 303)
    return render("nudges/period_form.html", form=form, status=form_status(form))


@bp.get("/periods/<period_id>")
@member_required
def period(period_id):
    period = get_or_404(CampaignPeriod, period_id)
    organization = current_organization()
    standings = leaderboard(period)
    links = {p.employee_id: p for p in period.participants}
    upcoming = next_slot(period, zone_of(organization), clock.now()) if period.status == "active" else None
    return render("nudges/period.html", period=period, standings=standings, participants=links,
                  chart=leaderboard_chart(period, standings, organization.brand_color or "#4f46e5"),
                  goal_label=GOAL_LABELS[period.goal_kind], upcoming=upcoming, link_of=_link_of,
                  weekday_names=operations.WEEKDAY_NAMES)


@bp.get("/periods/<period_id>/leaderboard.csv")
@member_required
def leaderboard_csv(period_id):
    period = get_or_404(CampaignPeriod, period_id)
    return leaderboard_chart(period, leaderboard(period)).csv(f"leaderboard-{period.name}.csv")


@bp.post("/periods/<period_id>/<action>")
@role_required("editor")
def change_period(period_id, action):
    period = get_or_404(CampaignPeriod, period_id)
    try:
        if action == "start":
            operations.start_period(period)
        elif action == "end":
            operations.end_period(period)
        else:
            return redirect(url_for(".period", period_id=period.id), 303)
    except operations.PeriodError as error:
        flash(" ".join(error.errors.values()), "error")
    else:
        flash("Started: the nudges go out on schedule." if action == "start" else "Ended: no more nudges.", "success")
    return redirect(url_for(".period", period_id=period.id), 303)


@bp.post("/periods/<period_id>/links/<participant_id>")
@role_required("editor")
def change_link(period_id, participant_id):
    participant = get_or_404(CampaignParticipant, participant_id)
    if str(participant.campaign_period_id) != str(period_id):
        return redirect(url_for(".period", period_id=period_id), 303)
    if request.form.get("action") == "revoke":
        operations.revoke_link(participant)
        flash(f"{participant.employee.name}'s link no longer works.", "success")
    else:
        operations.renew_link(participant)
        flash(f"{participant.employee.name} has a new link; the old one no longer works.", "success")
    return redirect(url_for(".period", period_id=period_id), 303)


def _employee_errors_too(form, employee=None):
    """The employee's other bad fields beside those the form's validators found: all at once."""
    try:
        operations.check_employee(current_organization(), _data(form, EMPLOYEE_FIELDS), employee)
    except operations.EmployeeError as error:
        show_more_field_errors(form, error)


def _employee_form(employee=None):
    form = EmployeeForm(obj=employee)
    form.user_id.choices += [(str(user_id), name) for user_id, name in
                             operations.team_members(g.membership.organization_id)]
    return form


def _link_of(participant):
    return employee_link(participant) if participant and participant.link_secret else None


def _data(form, names):
    data = {name: getattr(form, name).data for name in names}
    if "send_time" in data and data["send_time"] is not None:
        data["send_time"] = data["send_time"].strftime("%H:%M")
    return data


def _period_choices(form, organization):
    form.employee_ids.choices = [(str(e.id), e.name) for e in operations.active_employees(organization.id)]
    names = db.session.scalars(select(MessageTemplate.name).where(
        MessageTemplate.organization_id == organization.id, MessageTemplate.category == "employee_nudge")
        .order_by(MessageTemplate.name)).all()
    form.template_name.choices = [("", "The starter nudge")] + [(name, name) for name in dict.fromkeys(names)]
