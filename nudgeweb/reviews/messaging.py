"""What review requests send, through the delivery engine and the organization's templates."""
from flask import current_app
from sqlalchemy import select

from nudgeweb.delivery import queue_direct, queue_message
from nudgeweb.delivery.operations import as_sent, sample_recipient
from nudgeweb.delivery.tracking import public_url
from nudgeweb.message_templates.operations import preview
from nudgeweb.message_templates.rendering import TemplateRenderError
from nudgeweb.message_templates.starter import starter_template_in_force
from nudgeweb.models import Membership, User, db
from nudgeweb.reviews.links import sample_review_link
from nudgeweb.reviews.settings import chosen_template, review_settings_for


def template_for(organization, step, channel, settings):
    """The template of step ``step`` (0: the request, n: follow-up n) on ``channel``: the one chosen in
    the settings, else (none chosen, or it was deleted) the built-in starter."""
    chosen = (settings.templates or {}).get(str(step), {}).get(channel)
    template = chosen and chosen_template(organization.id, chosen, channel)
    if template:
        return template
    key = settings.request_template_key if step == 0 else settings.follow_ups[step - 1]["template_key"]
    return starter_template_in_force(organization, key, channel)


def first_sms_size(organization, contact=None):
    """What the first SMS of a review request costs as sent to ``contact`` (a dict, or None for the sample
    contact), real link included; None when the template can't render."""
    template = template_for(organization, 0, "sms", review_settings_for(organization))
    try:
        return preview(template, contact).sms
    except TemplateRenderError:
        return None


def first_message_as_sent(organization, channel, contact=None):
    """The request's first message on ``channel`` exactly as ``contact`` (by default the sample contact) gets
    it, from the organization's own template and settings, footer or STOP line included, with a link as long
    as a real one (a delivery Message's column values); raises TemplateRenderError when the template cannot
    render."""
    template = template_for(organization, 0, channel, review_settings_for(organization))
    return as_sent(organization, contact or sample_recipient(organization), channel, template,
                   purpose="review_request", context={"review_link": sample_review_link(), "follow_up_step": 0})


def queue_review_message(request, step, settings, link):
    """Queue one step's message; returns the delivery Message (queued, or failed with its error)."""
    return queue_message(
        request.contact, request.channel, template_for(request.organization, step, request.channel, settings),
        purpose="review_request",
        purpose_id=request.id, marketing=True, context={"review_link": link, "follow_up_step": step},
    )


def owner_emails(organization_id):
    return db.session.scalars(
        select(User.email).join(Membership, Membership.user_id == User.id)
        .where(Membership.organization_id == organization_id, Membership.role == "owner")
    ).all()


def email_owners_about(request, kind):
    """Email the business's owners that a customer rated or left private feedback."""
    name = request.contact.display_name
    if kind == "rated":
        subject = f"{name} rated you {request.rating} star{'s' if request.rating != 1 else ''}"
    else:
        subject = f"Private feedback from {name}"
    lines = [f"{subject}.", ""]
    if request.rating:
        lines.append(f"Rating: {'★' * request.rating}{'☆' * (5 - request.rating)} ({request.rating}/5)")
    if request.feedback:
        lines += ["Their message:", "", request.feedback, ""]
    # built from the URL map, not in a request context of its own: a task can run inside a request
    # (Huey's immediate mode), whose unit of work a second request context would end
    path = current_app.url_map.bind("").build("reviews.show", {"request_id": request.id})
    lines.append(f"See the request: {public_url(path)}")
    text = "\n".join(lines)
    for address in owner_emails(request.organization_id):
        queue_direct(request.organization, "email", address, subject=subject, text=text,
                     purpose="review_notification", purpose_id=request.id)
    return "sent"
