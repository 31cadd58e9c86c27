"""Pages of the Campaigns area: the list with status tabs, the editor in steps (content with a live
preview, audience with a live count, sender, schedule and tests, review and send), live progress with
pause/resume/cancel, and the report."""
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, flash, g, redirect, request, url_for

from nudgeweb.auth.access import current_organization, member_required, role_required
from nudgeweb.campaigns import audience as audiences
from nudgeweb.campaigns import lists, operations, report, sending, testing
from nudgeweb.campaigns.forms import STEPS, AudienceForm, ConfirmForm, ContentForm, ScheduleForm, SenderForm, TestForm
from nudgeweb.campaigns.operations import CampaignError, CampaignStateError
from nudgeweb.campaigns.pages import campaign_rows, people_csv, people_page, timeline_chart
from nudgeweb.contacts.operations import organization_segments
from nudgeweb.delivery.transports import sender_domains, sending_settings
from nudgeweb.extensions import db
from nudgeweb.field_errors import INVALID_FORM, flash_field_errors, show_field_errors
from nudgeweb.htmx import render, wants_fragment
from nudgeweb.message_templates.operations import templates_query
from nudgeweb.models import Campaign
from nudgeweb.models.campaigns import CAMPAIGN_STATUSES
from nudgeweb.scoping import get_or_404
from nudgeweb.security_headers import shows_email_preview

bp = Blueprint("campaigns", __name__, url_prefix="/campaigns")
FORMS = {"content": ContentForm, "audience": AudienceForm, "sender": SenderForm, "schedule": ScheduleForm}


@bp.get("")
@member_required
def index():
    status = request.args.get("status", "")
    status = status if status in CAMPAIGN_STATUSES else ""
    return render("campaigns/index.html", "campaigns/_rows.html", shown_status=status, statuses=CAMPAIGN_STATUSES,
                  rows=campaign_rows(current_organization().id, status))


@bp.post("/new")
@role_required("editor")
def new():
    channel = request.args.get("channel", "email")
    if channel not in operations.CHANNELS:
        abort(404)
    campaign = operations.create_campaign(current_organization(), {
        "name": "New SMS campaign" if channel == "sms" else "New email campaign", "channel": channel},
        user=g.membership.user)
    return redirect(url_for(".edit", campaign_id=campaign.id, step="content"), 303)


def _campaign(campaign_id):
    return get_or_404(Campaign, campaign_id)


@bp.route("/<campaign_id>/edit/<step>", methods=["GET", "POST"])
@shows_email_preview
@member_required
def edit(campaign_id, step):
    campaign = _campaign(campaign_id)
    if campaign.status not in operations.EDITABLE:
        return redirect(url_for(".show", campaign_id=campaign.id))
    if step == "review":
        return _review(campaign, ConfirmForm())
    if step not in FORMS:
        abort(404)
    form = _step_form(step, campaign)
    if form.validate_on_submit():
        if not g.membership.can("editor"):
            abort(403)
        try:
            _save_step(step, campaign, form)
        except CampaignError as error:
            show_field_errors(form, error, fallback=form.form_errors)
        except CampaignStateError as error:
            flash(str(error), "error")
            return redirect(url_for(".show", campaign_id=campaign.id), 303)
        else:
            return redirect(url_for(".edit", campaign_id=campaign.id, step=_next(step)), 303)
    status = INVALID_FORM if request.method == "POST" else 200
    return render("campaigns/edit.html", campaign=campaign, step=step, steps=STEPS, form=form,
                  test_form=TestForm(), status=status, counts=_counts(campaign) if step == "audience" else None,
                  sender_domains=sender_domains(sending_settings(campaign.organization_id)) if step == "sender" else [])


def _next(step):
    names = [name for name, _ in STEPS]
    return names[names.index(step) + 1]


def _step_form(step, campaign):
    organization_id = campaign.organization_id
    if step == "content":
        form = ContentForm(obj=campaign)
        form.template_id.choices = [("", "Write it here")] + [
            (str(t.id), t.name) for t in db.session.scalars(templates_query({"channel": campaign.channel}))]
        return form
    audience = campaign.audience or {}
    if step == "audience":
        form = AudienceForm(data=None if request.method == "POST" else {
            "recipient_list_id": audience.get("list_id") or "", "segment_id": audience.get("segment_id") or "",
            "tags": ", ".join(audience.get("tags") or []), "send_to_all": bool(audience.get("all")),
            "exclude_list_ids": (audience.get("exclude_list_ids") or [""])[0],
            "exclude_tags": ", ".join(audience.get("exclude_tags") or [])})
        choices = [(str(item.id), item.name) for item in lists.organization_lists(organization_id)]
        form.recipient_list_id.choices = [("", "No list")] + choices
        form.exclude_list_ids.choices = [("", "Nobody")] + choices
        form.segment_id.choices = [("", "No segment")] + [
            (str(item.id), item.name) for item in organization_segments(organization_id)]
        return form
    if step == "sender":
        settings = campaign.settings or {}
        return SenderForm(data=None if request.method == "POST" else {
            "from_name": campaign.from_name, "from_email": campaign.from_email, "reply_to": campaign.reply_to,
            "track_opens": settings.get("track_opens", True), "track_clicks": settings.get("track_clicks", True),
            "google_analytics": bool(settings.get("google_analytics"))})
    organization = current_organization()
    local = campaign.scheduled_at.astimezone(ZoneInfo(campaign.timezone or organization.timezone)) \
        if campaign.scheduled_at else None
    return ScheduleForm(data=None if request.method == "POST" else {
        "when": "later" if local else "now", "scheduled_at": local.strftime("%Y-%m-%dT%H:%M") if local else "",
        "timezone": campaign.timezone or organization.timezone,
        "send_time_optimization": campaign.send_time_optimization})


def _save_step(step, campaign, form):
    if step == "content":
        operations.update_campaign(campaign, form.data_for(campaign.channel))
    elif step == "audience":
        operations.update_campaign(campaign, form.data_for())
    elif step == "sender":
        data = form.data_for()
        refused = operations.sender_error(campaign, data["from_email"])
        if refused:
            raise CampaignError({"from_email": refused})
        operations.update_campaign(campaign, data)
    else:
        later = form.when.data == "later"
        if later and not form.scheduled_at.data:
            raise CampaignError({"scheduled_at": "Choose the date and time to send."})
        operations.plan_schedule(campaign, current_organization(), form.scheduled_at.data if later else None,
                                 form.timezone.data, form.send_time_optimization.data)


def _counts(campaign):
    return audiences.count(campaign.organization_id, campaign.audience or {}, campaign.channel)


@bp.post("/<campaign_id>/preview")
@member_required
def preview(campaign_id):
    """The live preview of the content step as it is now (not saved)."""
    campaign = _campaign(campaign_id)
    form = ContentForm()
    draft = Campaign(organization_id=campaign.organization_id, channel=campaign.channel,
                     variables=campaign.variables or [], settings=campaign.settings or {},
                     **{name: (form[name].data or "") for name in ("subject", "html_content", "text_content", "body")})
    try:
        rendered, error = testing.rendered_for(draft, current_organization()), None
    except CampaignError as exc:
        rendered, error = None, exc
    return render("campaigns/_preview.html", "campaigns/_preview.html", rendered=rendered, error=error,
                  channel=campaign.channel, contact=None)


@bp.post("/<campaign_id>/audience-count")
@member_required
def audience_count(campaign_id):
    """The live count of the audience step's choices (not saved)."""
    campaign = _campaign(campaign_id)
    form = _step_form("audience", campaign)
    counts = audiences.count(campaign.organization_id, operations.audience_from(campaign, form.data_for()),
                             campaign.channel)
    return render("campaigns/_count.html", "campaigns/_count.html", counts=counts, campaign=campaign)


@bp.post("/<campaign_id>/test")
@role_required("editor")
def send_test(campaign_id):
    campaign = _campaign(campaign_id)
    form = TestForm()
    if form.validate_on_submit():
        recipients = [part.strip() for part in form.recipients.data.split(",") if part.strip()]
        try:
            sent = testing.send_test(campaign, current_organization(), recipients)
        except CampaignError as error:
            show_field_errors(form, error, aliases={"recipients": "recipients"}, fallback=form.recipients)
        else:
            return render("campaigns/_test.html", "campaigns/_test.html", form=TestForm(formdata=None),
                          campaign=campaign, sent=sent)
    return render("campaigns/_test.html", "campaigns/_test.html", form=form, campaign=campaign, sent=None,
                  status=INVALID_FORM)


def _review(campaign, form, status=200):
    organization = current_organization()
    problems = operations.sending_errors(campaign, organization)
    first = audiences.first_recipient(campaign.organization_id, campaign.audience or {}, campaign.channel)
    rendered = None
    if not problems:
        try:
            rendered = testing.rendered_for(campaign, organization, contact=first)
        except CampaignError as error:
            problems = error.errors
    return render("campaigns/review.html", campaign=campaign, steps=STEPS, step="review", form=form,
                  problems=problems, counts=_counts(campaign), first=first, rendered=rendered, status=status)


@bp.post("/<campaign_id>/send")
@shows_email_preview
@role_required("editor")
def send(campaign_id):
    campaign = _campaign(campaign_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        return _review(campaign, form, status=INVALID_FORM)
    organization = current_organization()
    try:
        if campaign.scheduled_at:
            operations.schedule(campaign, organization, campaign.scheduled_at, campaign.timezone,
                                campaign.send_time_optimization)
            flash(f"“{campaign.name}” is scheduled.", "success")
        else:
            sending.start(campaign, organization)
            flash(f"“{campaign.name}” is on its way.", "success")
    except CampaignError as error:
        flash_field_errors(error)
        return redirect(url_for(".edit", campaign_id=campaign.id, step="review"), 303)
    except CampaignStateError as error:
        flash(str(error), "error")
    return redirect(url_for(".show", campaign_id=campaign.id), 303)


@bp.get("/<campaign_id>")
@member_required
def show(campaign_id):
    campaign = _campaign(campaign_id)
    if campaign.status == "draft":
        return redirect(url_for(".edit", campaign_id=campaign.id, step="content"))
    kind = request.args.get("people", "opened")
    kind = kind if kind in report.PEOPLE_KINDS else "opened"
    return render("campaigns/show.html", campaign=campaign, **people_page(campaign, kind), **_report_context(campaign))


@bp.get("/<campaign_id>/progress")
@member_required
def progress(campaign_id):
    campaign = _campaign(campaign_id)
    return render("campaigns/_progress.html", "campaigns/_progress.html", campaign=campaign,
                  progress=sending.progress(campaign))


@bp.get("/<campaign_id>/people")
@member_required
def people(campaign_id):
    campaign = _campaign(campaign_id)
    kind = request.args.get("kind", "opened")
    if kind not in report.PEOPLE_KINDS:
        abort(404)
    report_context = {} if wants_fragment() else _report_context(campaign)  # the tabs swap the list alone
    return render("campaigns/show.html", "campaigns/_people.html", campaign=campaign, **people_page(campaign, kind),
                  **report_context)


def _report_context(campaign):
    underway = campaign.status in ("scheduled", "sending", "paused")  # the progress bar shows only then
    return {"progress": sending.progress(campaign) if underway else None, "metrics": report.metrics(campaign),
            "links": report.top_links(campaign), "devices_clients": report.devices_and_clients(campaign),
            "chart": timeline_chart(campaign)}


@bp.get("/<campaign_id>/timeline.csv")
@member_required
def timeline_csv(campaign_id):
    campaign = _campaign(campaign_id)
    return timeline_chart(campaign).csv(f"{campaign.name} - opens and clicks.csv")


@bp.get("/<campaign_id>/people.csv")
@member_required
def people_download(campaign_id):
    campaign = _campaign(campaign_id)
    kind = request.args.get("kind", "opened")
    if kind not in report.PEOPLE_KINDS:
        abort(404)
    return people_csv(campaign, kind)


def _act(campaign_id, action, done, then=None):
    """Run ``action`` on the campaign and say ``done``, then go to ``then(campaign)`` (its page by default);
    an action the campaign's state refuses is said on its page."""
    campaign = _campaign(campaign_id)
    try:
        action(campaign)
    except CampaignStateError as error:
        flash(str(error), "error")
        return redirect(url_for(".show", campaign_id=campaign.id), 303)
    flash(done.format(name=campaign.name), "success")
    return redirect(then(campaign) if then else url_for(".show", campaign_id=campaign.id), 303)


@bp.post("/<campaign_id>/pause")
@role_required("editor")
def pause(campaign_id):
    return _act(campaign_id, sending.pause, "“{name}” is paused: nobody else gets it until you resume.")


@bp.post("/<campaign_id>/resume")
@role_required("editor")
def resume(campaign_id):
    return _act(campaign_id, sending.resume, "“{name}” is sending again.")


@bp.post("/<campaign_id>/cancel")
@role_required("editor")
def cancel(campaign_id):
    return _act(campaign_id, sending.cancel, "“{name}” is cancelled: nobody else gets it.")


@bp.post("/<campaign_id>/unschedule")
@role_required("editor")
def unschedule(campaign_id):
    return _act(campaign_id, operations.unschedule, "“{name}” is a draft again: change it, then schedule or send it.",
                then=lambda campaign: url_for(".edit", campaign_id=campaign.id, step="content"))


@bp.post("/<campaign_id>/duplicate")
@role_required("editor")
def duplicate(campaign_id):
    copy = operations.duplicate(_campaign(campaign_id))
    flash(f"Made a copy: “{copy.name}”.", "success")
    return redirect(url_for(".edit", campaign_id=copy.id, step="content"), 303)


@bp.post("/<campaign_id>/delete")
@role_required("editor")
def delete(campaign_id):
    return _act(campaign_id, operations.delete_campaign, "“{name}” is deleted.", then=lambda campaign: url_for(".index"))
