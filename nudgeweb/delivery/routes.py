"""The team's pages of delivery: the Outbox and Settings → Sending."""
import re

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_login import current_user

from nudgeweb.auth.access import current_organization, role_required
from nudgeweb.delivery import configuration, queue_direct, setup
from nudgeweb.delivery.forms import OutboxFilterForm, SendingForm
from nudgeweb.delivery.queries import PAGE_SIZE, events_of, messages_query
from nudgeweb.delivery.sms import sms_segments
from nudgeweb.delivery.tracking import public_url
from nudgeweb.delivery.transports import describe_email_route, sending_settings, twilio_account
from nudgeweb.field_errors import form_status, show_field_errors
from nudgeweb.htmx import render
from nudgeweb.models import Message, db
from nudgeweb.pagination import paginate, requested_page
from nudgeweb.scoping import get_or_404
from nudgeweb.security_headers import shows_email_preview
from nudgeweb.unit_of_work import checkpoint

bp = Blueprint("delivery", __name__)

_PIXEL = re.compile(r'<img src="[^"]*/t/o/[^"]*"[^>]*>')


@bp.get("/outbox")
@role_required("admin")
def outbox():
    form = OutboxFilterForm(request.args)
    filters = form.filters()
    messages = paginate(messages_query(g.membership.organization_id, filters), requested_page(), PAGE_SIZE,
                        count=False)
    settings = sending_settings(g.membership.organization_id)
    return render(
        "delivery/outbox.html", "delivery/_outbox_rows.html", form=form, messages=messages,
        filters=filters, email_route=describe_email_route(settings),
    )


@bp.get("/outbox/<message_id>")
@shows_email_preview
@role_required("admin")
def message(message_id):
    message = get_or_404(Message, message_id)
    events = db.session.scalars(events_of(message)).all()
    preview = _PIXEL.sub("", message.html) if message.html else None  # looking is not opening
    size = sms_segments(message.text or "") if message.channel == "sms" else None
    return render_template("delivery/message.html", message=message, events=events, preview=preview, size=size)


@bp.route("/settings/sending", methods=["GET", "POST"])
@role_required("admin")
def sending_settings_page():
    organization = current_organization()
    settings = sending_settings(organization.id)
    form = SendingForm(data=configuration.form_values(settings))
    if form.validate_on_submit():
        values = {name: value for name, value in form.data.items() if name != "csrf_token"}
        try:
            configuration.save_sending_settings(organization.id, values)
        except configuration.SendingSettingsError as error:
            show_field_errors(form, error)
        else:
            flash("Your sending settings are saved.", "success")
            return redirect(url_for(".sending_settings_page"))
    hooks = public_url(f"/hooks/twilio/{organization.id.hex}")
    return render_template(
        "delivery/sending.html", form=form, saved=configuration.saved_secrets(settings),
        email_route=describe_email_route(settings), sends_for_real=setup.sending_is_set_up(organization.id),
        has_twilio=twilio_account(settings) is not None, inbound_url=f"{hooks}/inbound",
    ), form_status(form)


@bp.post("/settings/sending/outbox")
@role_required("admin")
def keep_outbox():
    """Keep messages in the outbox on purpose: the "sending is not set up" banner goes for everyone."""
    setup.keep_using_the_outbox(current_organization())
    flash("Messages stay in the Outbox; nothing leaves this machine. Set up sending here whenever you want.", "success")
    return redirect(url_for(".sending_settings_page"), 303)


@bp.app_template_global("sending_banner_wanted")
def sending_banner_wanted():
    """Whether the current page should say that sending is not set up."""
    membership = g.get("membership")
    return membership is not None and setup.outbox_only_warning(membership.organization)


@bp.post("/settings/sending/test")
@role_required("admin")
def send_test_email():
    organization = current_organization()
    route = describe_email_route(sending_settings(organization.id))
    html = render_template("delivery/test_email.html", organization=organization, route=route)
    message = queue_direct(organization, "email", current_user.email, subject=f"Test email from {organization.name}",
                           html=html, text=f"This is a test email from {organization.name}, sent through {route}.\n"
                                        "If you can read it, your email settings work.",
                           purpose="test")
    checkpoint()  # queued now, so that a worker that is quick (or immediate mode) tells the outcome on this page
    db.session.refresh(message)
    if message.status == "failed":
        flash(f"The test email could not be sent: {message.error}", "error")
    elif message.status == "queued" and message.error:
        flash(f"The test email is not sent yet: {message.error} Nudge will try again.", "warning")
    else:
        flash(f"A test email is on its way to {current_user.email} through {route}.", "success")
    return redirect(url_for(".sending_settings_page"), 303)
