"""Addresses recipients and Twilio reach without logging in: /t/ (tracking), /u/ (unsubscribe), /hooks/twilio/."""
import base64
import uuid
from xml.sax.saxutils import escape

from flask import Blueprint, abort, make_response, redirect, render_template, request

from nudgeweb.delivery import public, tracking
from nudgeweb.delivery.transports import sending_settings, twilio_account
from nudgeweb.extensions import csrf
from nudgeweb.models import Organization, db
from nudgeweb.security_headers import token_in_url
from nudgeweb.unit_of_work import enter_organization

bp = Blueprint("tracking", __name__)
csrf.exempt(bp)  # signed tokens and Twilio's signature stand in for the CSRF token here

PIXEL = base64.b64decode("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==")


def _client():
    return {"ip": request.remote_addr, "user_agent": request.headers.get("User-Agent")}


@bp.get("/t/o/<token>.gif")
@token_in_url
def opened(token):
    public.record_open(token, **_client())
    response = make_response(PIXEL)
    response.headers.update({"Content-Type": "image/gif", "Cache-Control": "no-store, max-age=0"})
    return response


@bp.get("/t/c/<token>")
@token_in_url
def clicked(token):
    url = public.record_click(token, **_client())
    if url is None:
        return render_template("public/link_broken.html"), 404
    return redirect(url, 302)


@bp.route("/u/<token>", methods=["GET", "POST"])
@token_in_url
def unsubscribe(token):
    try:
        message, _ = public.message_from_token(tracking.UNSUBSCRIBE, token)
    except (tracking.InvalidToken, ValueError, IndexError):
        return render_template("public/link_broken.html"), 404
    organization = db.session.get(Organization, message.organization_id)
    if request.method == "POST" and request.form.get("List-Unsubscribe") == "One-Click":  # RFC 8058
        public.unsubscribe_by_message(message, reason="One-click unsubscribe from the email program", **_client())
        return "You are unsubscribed.\n", 200, {"Content-Type": "text/plain; charset=utf-8"}
    if request.method == "POST":
        reason = public.reason_label(request.form.get("reason") or "other")
        feedback = (request.form.get("feedback") or "").strip()[:1000] or None
        contact = public.unsubscribe_by_message(message, reason, feedback, **_client())
        return render_template("public/unsubscribed.html", organization=organization, contact=contact)
    contact = public.message_contact(message)
    return render_template("public/unsubscribe.html", organization=organization, contact=contact, message=message,
                           reasons=public.UNSUBSCRIBE_REASONS)


def _organization_and_account(organization_hex):
    """The organization a Twilio webhook is for, once Twilio's signature checks out."""
    try:
        organization = db.session.get(Organization, uuid.UUID(hex=organization_hex))
    except ValueError:
        abort(404)
    if organization is None:
        abort(404)
    enter_organization(organization.id)  # its settings hold the account that signs the request
    account = twilio_account(sending_settings(organization.id))
    signature = request.headers.get("X-Twilio-Signature", "")
    url = tracking.public_url(request.full_path if request.query_string else request.path)
    if account is None or not account.validator().validate(url, request.form.to_dict(), signature):
        abort(403)
    return organization


@bp.post("/hooks/twilio/<organization_hex>/status")
def twilio_status(organization_hex):
    organization = _organization_and_account(organization_hex)
    public.apply_status_callback(organization.id, request.form)
    return "", 204


@bp.post("/hooks/twilio/<organization_hex>/inbound")
def twilio_inbound(organization_hex):
    organization = _organization_and_account(organization_hex)
    reply = public.handle_inbound_sms(organization, request.form)
    body = f"<Message>{escape(reply)}</Message>" if reply else ""
    return f'<?xml version="1.0" encoding="UTF-8"?><Response>{body}</Response>', 200, {"Content-Type": "application/xml"}
