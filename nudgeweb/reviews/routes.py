"""The team's pages: the pipeline, one request, the send form, bulk send, Settings → Reviews."""
from types import SimpleNamespace

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_login import current_user

from nudgeweb import clock
from nudgeweb.auth.access import current_organization, member_required, role_required
from nudgeweb.auth.verification import EmailNotVerified, may_send_to_customers
from nudgeweb.contacts.operations import organization_segments, organization_tags
from nudgeweb.delivery.setup import sending_is_set_up
from nudgeweb.delivery.sms import sms_segments
from nudgeweb.delivery.transports import sending_settings
from nudgeweb.field_errors import form_status, show_field_errors, show_more_field_errors
from nudgeweb.htmx import render
from nudgeweb.message_templates.rendering import TemplateRenderError
from nudgeweb.models.contacts import Contact
from nudgeweb.models.reviews import ReviewRequest
from nudgeweb.nudges.operations import active_employees, employee_of
from nudgeweb.pagination import paginate, requested_page
from nudgeweb.reviews import bulk, operations, queries
from nudgeweb.reviews.forms import SITE_KIND_LABELS, BulkSendForm, FeedbackForm, ReviewSettingsForm, SendReviewRequestForm
from nudgeweb.reviews.messaging import first_message_as_sent, first_sms_size
from nudgeweb.reviews.settings import ReviewSettingsError, clean_site, organization_templates, review_settings_for, update_review_settings
from nudgeweb.reviews.site_links import NO_REVIEW_LINK, WHERE_TO_FIND, has_review_link
from nudgeweb.reviews.tasks import bulk_send_review_requests
from nudgeweb.scoping import find_in_organization, get_or_404
from nudgeweb.security_headers import framed_by_own_pages, shows_email_preview
from nudgeweb.templating import phone_number
from nudgeweb.unit_of_work import after_commit, run_again_once

bp = Blueprint("reviews", __name__)
PAGE_SIZE = 50
LIST_SORTS = {"-created_at": "Newest first", "created_at": "Oldest first",
              "-scheduled_for": "Latest scheduled", "scheduled_for": "Soonest scheduled", "status": "Status"}


@bp.get("/review-requests")
@member_required
def index():
    # a value the page does not know (an old bookmark, a typo) is ignored, as on the contacts page
    filters = queries.known_filters({key: request.args.get(key, "").strip() for key in ("status", "reached", "channel", "search")})
    sort = request.args.get("sort") if request.args.get("sort") in LIST_SORTS else "-created_at"
    results = paginate(queries.requests_query(g.membership.organization_id, filters, sort), requested_page(), PAGE_SIZE)
    organization_id = g.membership.organization_id
    sends_for_real = sending_is_set_up(organization_id)
    return render(
        "reviews/index.html", "reviews/_pipeline.html", results=results, filters=filters, sort=sort, sorts=LIST_SORTS,
        status_choices=queries.status_choices(sends_for_real), counts=operations.status_counts(organization_id),
        funnel=operations.funnel_counts(organization_id), sends_for_real=sends_for_real,
        kept=queries.kept_in_outbox(organization_id, [r.id for r in results.items]),
    )


@bp.route("/review-requests/new", methods=["GET", "POST"])
@role_required("editor")
def new():
    organization = current_organization()
    settings = review_settings_for(organization)
    form = SendReviewRequestForm()
    form.employee_id.choices += [(str(e.id), e.name) for e in active_employees(organization.id)]
    if request.method == "GET":
        form.delay_hours.data, form.channel.data = settings.default_delay_hours, settings.default_channel
        _fill_from_contact(form, request.args.get("contact"))
    link_missing = not has_review_link(settings)
    if request.method == "POST" and not may_send_to_customers(organization.id):
        form.form_errors.append(EmailNotVerified.MESSAGE)  # the first thing a new owner hears; the form is kept
    elif link_missing and request.method == "POST":
        form.form_errors.append(NO_REVIEW_LINK)
    elif not form.validate_on_submit():
        if request.method == "POST":
            _contact_errors_too(form, organization)
    else:
        data = _contact_typed(form)
        employee = employee_of(organization.id, form.employee_id.data) if form.employee_id.data else None
        try:
            review_request = run_again_once(
                operations.create_review_request, organization, data, form.delay_hours.data, channel=form.channel.data,
                insist=form.insist.data, source="manual", created_by=current_user,
                employee_id=employee.id if employee else None)
        except operations.ReviewRequestError as error:
            show_field_errors(form, error, fallback=form.email)
        except operations.ReviewRequestRefused as refused:
            field = form.insist if refused.reason == "asked_recently" else (
                form.phone if form.channel.data == "sms" else form.email)
            field.errors.append(str(refused))
        else:
            flash(f"Review request for {review_request.contact.display_name} is scheduled.", "success")
            return redirect(url_for(".show", request_id=review_request.id), 303)
    typed = {name: getattr(form, name).data for name in ("first_name", "last_name", "phone")}
    return render("reviews/new.html", "reviews/_send_form.html", form=form, link_missing=link_missing,
                  status=form_status(form), sms_size=first_sms_size(organization, typed if typed["first_name"] else None))


def _contact_typed(form):
    return {name: getattr(form, name).data for name in ("first_name", "last_name", "email", "phone")}


def _contact_errors_too(form, organization):
    """The customer's bad fields beside the form's own (a bad delay): all at once, not one round after another."""
    channel = form.channel.data if form.channel.data in dict(form.channel.choices) else None
    show_more_field_errors(form, operations.request_errors(organization, _contact_typed(form), 0, channel),
                           fallback=form.email)


def _fill_from_contact(form, contact_id):
    """Start the form from an existing contact (its page's "Ask for a review", or the lookup)."""
    contact = find_in_organization(Contact, contact_id) if contact_id else None
    if contact is not None:
        for name in ("first_name", "last_name", "email"):
            getattr(form, name).data = getattr(contact, name)
        form.phone.data = phone_number(contact.phone)  # as the owner writes it: (217) 555-0141


@bp.get("/review-requests/new/contacts")
@role_required("editor")
def contact_lookup():
    """The send form's "is this someone you know?": contacts matching what is typed so far."""
    words = " ".join(request.args.get(name, "").strip() for name in ("first_name", "last_name", "phone", "email"))
    found = queries.contacts_like(g.membership.organization_id, words) if len(words.strip()) >= 2 else []
    return render_template("reviews/_contact_matches.html", contacts=found)


@bp.get("/review-requests/<request_id>")
@member_required
def show(request_id):
    review_request = get_or_404(ReviewRequest, request_id)
    return render("reviews/show.html", "reviews/_request.html", r=review_request,
                  sites=operations.review_sites_of(review_request),
                  held_until=queries.held_until(review_request, clock.now()),
                  resend_offer=operations.resend_offer(review_request, clock.now()),
                  kept=review_request.id in queries.kept_in_outbox(review_request.organization_id, [review_request.id]))


@bp.post("/review-requests/<request_id>/cancel")
@role_required("editor")
def cancel(request_id):
    review_request = get_or_404(ReviewRequest, request_id)
    if operations.cancel(review_request):
        flash("Cancelled: nothing more will be sent for this request.", "success")
    else:
        flash(f"This request is {review_request.status}; there is nothing to cancel.", "warning")
    return redirect(url_for(".show", request_id=review_request.id), 303)


@bp.post("/review-requests/<request_id>/resend")
@role_required("editor")
def resend(request_id):
    review_request = get_or_404(ReviewRequest, request_id)
    try:
        sent = operations.resend(review_request)
    except operations.ReviewRequestRefused as refused:
        flash(f"Not sent: {refused}", "error")
    else:
        flash("Sent again." if sent else "A reviewed request is not sent again.", "success" if sent else "warning")
    return redirect(url_for(".show", request_id=review_request.id), 303)


@bp.route("/review-requests/bulk", methods=["GET", "POST"])
@role_required("editor")
def bulk_send():
    organization = current_organization()
    form = BulkSendForm() if request.method == "POST" else BulkSendForm(formdata=request.args)  # (its token for the POST)
    if request.method == "GET" and form.delay_hours.data is None:
        form.delay_hours.data = review_settings_for(organization).default_delay_hours
    audience = bulk.clean_audience({name: getattr(form, name).data for name in bulk.AUDIENCE_KEYS if hasattr(form, name)})
    if not audience and form.everyone.data != "yes":  # who to ask is chosen in words, never assumed
        return render("reviews/bulk_choose.html", tags=organization_tags(organization.id),
                      segments=organization_segments(organization.id))
    counts = bulk.preview(organization, audience, insist=bool(form.insist.data))
    link_missing = not has_review_link(review_settings_for(organization))
    if request.method == "POST" and form.validate_on_submit() and request.form.get("confirm"):
        if not may_send_to_customers(organization.id):
            form.form_errors.append(EmailNotVerified.MESSAGE)
        elif link_missing:
            form.form_errors.append(NO_REVIEW_LINK)
        elif not form.confirmed.data:
            form.confirmed.errors = ["Read the message, then tick this box to send it."]
        else:
            after_commit(bulk_send_review_requests, str(organization.id), audience, form.delay_hours.data,
                         bool(form.insist.data), str(current_user.id))
            flash(f"Asking {counts['will_ask']} customers for a review. They appear below as they are scheduled.",
                  "success")
            return redirect(url_for(".index"), 303)
    first, skipped = bulk.who(organization, audience, insist=bool(form.insist.data))
    message = bulk.first_message(organization, first)
    return render("reviews/bulk.html", "reviews/_bulk_counts.html", form=form, counts=counts, audience=audience,
                  first=first, message=message, skipped=skipped, link_missing=link_missing,
                  sms_quiet=sending_settings(organization.id).quiet_hours("sms"),
                  sms_size=bulk.first_message_size(organization, message),
                  status=form_status(form))


@bp.route("/settings/reviews", methods=["GET", "POST"])
@shows_email_preview
@member_required
def settings_page():
    organization = current_organization()
    settings = review_settings_for(organization)
    form = ReviewSettingsForm()
    form.offer_templates(organization_templates(organization.id))
    if request.method == "GET":
        _fill_settings_form(form, settings)
    elif form.validate_on_submit():
        if not g.membership.can("admin"):
            abort(403)
        sites = _sites_from(form)
        if sites is not None:
            try:
                update_review_settings(
                    settings, review_sites=sites, default_channel=form.default_channel.data,
                    default_delay_hours=form.default_delay_hours.data,
                    follow_ups=[{"delay_days": entry.delay_days.data} for entry in form.follow_ups
                                if entry.delay_days.data],
                    ask_again_after_days=form.ask_again_after_days.data, templates=form.chosen_templates())
            except ReviewSettingsError as error:  # its follow_ups error is shown at the first follow-up
                show_field_errors(form, error, aliases={"follow_ups": "follow_ups-0-delay_days"})
            else:
                flash("Review settings saved.", "success")
                return redirect(url_for(".settings_page"), 303)
    return render("reviews/settings.html", form=form, settings=settings, site_kinds=SITE_KIND_LABELS,
                  where_to_find=WHERE_TO_FIND, status=form_status(form), first_messages=_first_messages(organization))


@bp.get("/settings/reviews/customer-page")
@framed_by_own_pages
@member_required
def customer_page_preview():
    """The customer's page as it will look, with the saved sites, shown in Settings → Reviews (nothing posts)."""
    organization = current_organization()
    rating = request.args.get("rating", type=int)
    sample = SimpleNamespace(rating=rating if rating in range(1, 6) else None, feedback=None,
                             contact=SimpleNamespace(first_name="Sam"))
    return render_template("reviews/public/page.html", r=sample, token="preview", business=organization,
                           sites=review_settings_for(organization).review_sites or [], preview=True,
                           form=FeedbackForm(formdata=None))


def _first_messages(organization):
    """{channel: (the first message as a customer gets it, its SMS size, or the template's error)}."""
    shown = {}
    for channel in ("sms", "email"):
        try:
            message = first_message_as_sent(organization, channel)
        except TemplateRenderError as error:
            shown[channel] = (None, None, str(error))
        else:
            shown[channel] = (message, sms_segments(message["text"]) if channel == "sms" else None, None)
    return shown


def _fill_settings_form(form, settings):
    for entry, site in zip(form.sites.entries, settings.review_sites):
        entry.kind.data, entry.form.name.data, entry.url.data = site["kind"], site["name"], site["url"]
    used = {site["kind"] for site in settings.review_sites}
    spare = [kind for kind, _label in SITE_KIND_LABELS if kind not in used]  # the empty rows offer the sites not added
    for entry, kind in zip(form.sites.entries[len(settings.review_sites):], spare + ["other"] * len(form.sites.entries)):
        entry.kind.data = kind
    for entry, step in zip(form.follow_ups.entries, settings.follow_ups):
        entry.delay_days.data = step["delay_days"]
    form.default_channel.data = settings.default_channel
    form.default_delay_hours.data = settings.default_delay_hours
    form.ask_again_after_days.data = settings.ask_again_after_days
    for step, entry in enumerate(form.templates.entries):
        chosen = (settings.templates or {}).get(str(step), {})
        entry.email.data, entry.sms.data = chosen.get("email", ""), chosen.get("sms", "")


def _sites_from(form):
    """The review sites of the form in order, or None after marking the bad ones."""
    sites, bad = [], False
    for entry in form.sites.entries:
        if not (entry.url.data or "").strip():
            continue
        site, error = clean_site(entry.kind.data, entry.form.name.data, entry.url.data)
        if error:
            entry.url.errors = list(entry.url.errors) + [error]
            bad = True
        else:
            sites.append(site)
    return None if bad else sites


@bp.app_template_global("review_dashboard")
def review_dashboard():
    """The dashboard's review figures for the current organization."""
    return queries.dashboard_figures(g.membership.organization_id)
