"""Which backend sends an organization's email and SMS, and as whom.

The organization's own SMTP server or Twilio account (Settings → Sending) wins; else the
install's (MAIL_URL, TWILIO_*); else the local outbox.
"""
from datetime import time
from email.utils import formataddr, parseaddr
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from nudgeweb.delivery.backends.outbox import OutboxBackend
from nudgeweb.delivery.backends.smtp import SmtpBackend, SmtpServer, parse_mail_url
from nudgeweb.delivery.backends.twilio import TwilioAccount, TwilioBackend
from nudgeweb.delivery.mime import DkimKey
from nudgeweb.delivery.tracking import public_url
from nudgeweb.models import db
from nudgeweb.models.messages import SendingSettings


def sending_settings(organization_id):
    """The organization's settings row, or unsaved defaults when it never changed them."""
    settings = db.session.scalar(select(SendingSettings).where(SendingSettings.organization_id == organization_id))
    if settings is None:
        quiet_start, quiet_end = default_sms_quiet_hours()
        settings = SendingSettings(
            organization_id=organization_id, email_backend="default", sms_backend="default",
            track_opens=True, track_clicks=True, sms_quiet_start=quiet_start, sms_quiet_end=quiet_end,
        )
    return settings


def default_sms_quiet_hours():
    """(start, end) local times of SMS_QUIET_HOURS ("20:00-09:00": none from 20:00 until 9:00), or (None, None)."""
    window = current_app.config.get("SMS_QUIET_HOURS") or ""
    if not window.strip():
        return None, None
    start, _, end = window.partition("-")
    return time.fromisoformat(start.strip()), time.fromisoformat(end.strip())


def uses_own_smtp(settings):
    return settings.email_backend == "smtp" and bool(settings.smtp_host)


def uses_own_twilio(settings):
    return settings.sms_backend == "twilio" and bool(settings.twilio_account_sid and settings.twilio_auth_token)


def uses_own_transport(settings):
    """Whether the organization sends through a server of its own (whose slowness must stay its own)."""
    return uses_own_smtp(settings) or uses_own_twilio(settings)


def from_address(organization, settings):
    """The business's name on the sender: its own address with its own SMTP, else MAIL_FROM's."""
    if uses_own_smtp(settings) and settings.from_email:
        return formataddr((settings.from_name or organization.name, settings.from_email))
    return formataddr((organization.name, parseaddr(current_app.config["MAIL_FROM"])[1]))


def sender_domains(settings):
    """The domains a business may send email from: its own sending domain (the DKIM domain it signs with, and
    its own server's From address) and the install's MAIL_FROM domain, lower case, in that order."""
    own = [settings.dkim_domain or ""]
    if uses_own_smtp(settings):
        own.append(parseaddr(settings.from_email or "")[1].rpartition("@")[2])
    install = parseaddr(current_app.config["MAIL_FROM"])[1].rpartition("@")[2]
    return list(dict.fromkeys(domain.lower() for domain in [*own, install] if domain))


def _dkim_key(domain, selector, private_key):
    if not (domain and private_key):
        return None
    if not private_key.lstrip().startswith("-----") and Path(private_key).is_file():
        private_key = Path(private_key).read_text()
    return DkimKey(domain=domain, selector=selector or "nudge", private_key=private_key.encode())


def organization_smtp_server(settings):
    """The organization's own server: its fields, the product's timeout, public addresses only."""
    security = settings.smtp_security or "starttls"
    return SmtpServer(
        host=settings.smtp_host, port=settings.smtp_port or 587, timeout=current_app.config["SMTP_TIMEOUT_SECONDS"],
        username=settings.smtp_username, password=settings.smtp_password, implicit_tls=security == "ssl",
        starttls="off" if security == "off" else "required", tenant=True,
    )


def install_smtp_server():
    config = current_app.config
    return parse_mail_url(config["MAIL_URL"], timeout=config["SMTP_TIMEOUT_SECONDS"])


def email_backend(settings):
    config = current_app.config
    if uses_own_smtp(settings):
        dkim_key = _dkim_key(settings.dkim_domain, settings.dkim_selector, settings.dkim_private_key)
        return SmtpBackend(organization_smtp_server(settings), dkim_key=dkim_key, reply_to=settings.reply_to)
    if config["MAIL_URL"]:
        dkim_key = _dkim_key(config["DKIM_DOMAIN"], config["DKIM_SELECTOR"], config["DKIM_PRIVATE_KEY"])
        return SmtpBackend(install_smtp_server(), dkim_key=dkim_key, reply_to=settings.reply_to)
    return OutboxBackend()


def twilio_account(settings):
    """The Twilio account that sends (and signs the webhooks) for these settings, or None."""
    config = current_app.config
    if uses_own_twilio(settings):
        return TwilioAccount(settings.twilio_account_sid, settings.twilio_auth_token,
                             settings.twilio_from_number, settings.twilio_messaging_service_sid,
                             api_url=config["TWILIO_API_URL"] or None)
    if config["TWILIO_ACCOUNT_SID"] and config["TWILIO_AUTH_TOKEN"]:
        return TwilioAccount(config["TWILIO_ACCOUNT_SID"], config["TWILIO_AUTH_TOKEN"],
                             config["TWILIO_FROM_NUMBER"] or None, config["TWILIO_MESSAGING_SERVICE_SID"] or None,
                             api_url=config["TWILIO_API_URL"] or None)
    return None


def sms_backend(settings):
    account = twilio_account(settings)
    if account is None:
        return OutboxBackend()
    callback = public_url(f"/hooks/twilio/{settings.organization_id.hex}/status")
    return TwilioBackend(account, status_callback=callback)


def backend_for(channel, settings):
    return email_backend(settings) if channel == "email" else sms_backend(settings)


def describe_email_route(settings):
    """Where email goes, in words, for the settings page and the test email."""
    if uses_own_smtp(settings):
        return f"your SMTP server ({organization_smtp_server(settings).describe()})"
    if current_app.config["MAIL_URL"]:
        return "Nudge's mail server"
    return "the local outbox (nothing leaves this machine)"


def email_stays_local(settings):
    """Whether email goes to the local outbox only (no mail server is set up)."""
    return not uses_own_smtp(settings) and not current_app.config["MAIL_URL"]
