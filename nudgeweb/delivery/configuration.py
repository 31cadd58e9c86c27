"""Settings → Sending: an organization's own SMTP server and Twilio account, tracking and quiet hours."""
from urllib.parse import quote

from cryptography.hazmat.primitives.serialization import load_pem_private_key

from nudgeweb.delivery.backends.smtp import MailUrlError, parse_mail_url
from nudgeweb.delivery.transports import sending_settings
from nudgeweb.models import db

PLAIN_FIELDS = ("email_backend", "from_name", "from_email", "reply_to", "dkim_domain", "dkim_selector",
                "sms_backend", "twilio_account_sid", "twilio_from_number", "twilio_messaging_service_sid",
                "track_opens", "track_clicks", "sms_quiet_start", "sms_quiet_end", "email_quiet_start",
                "email_quiet_end")


class SendingSettingsError(ValueError):
    def __init__(self, errors):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def form_values(settings):
    """The saved settings as the form's fields (the SMTP address split up; secrets never shown)."""
    values = {name: getattr(settings, name) for name in PLAIN_FIELDS}
    if settings.smtp_url:
        server = parse_mail_url(settings.smtp_url)
        security = "ssl" if server.implicit_tls else ("off" if server.starttls == "off" else "starttls")
        values.update(smtp_host=server.host, smtp_port=server.port, smtp_username=server.username,
                      smtp_security=security)
    return values


def saved_secrets(settings):
    """Which secrets are saved (the form says so instead of showing them)."""
    return {
        "smtp_password": bool(settings.smtp_url and parse_mail_url(settings.smtp_url).password),
        "dkim_private_key": bool(settings.dkim_private_key),
        "twilio_auth_token": bool(settings.twilio_auth_token),
    }


def smtp_url_from(host, port, security, username, password):
    scheme = "smtps" if security == "ssl" else "smtp"
    credentials = f"{quote(username, safe='')}:{quote(password or '', safe='')}@" if username else ""
    query = {"starttls": "?starttls=required", "off": "?starttls=off"}.get(security, "")
    return f"{scheme}://{credentials}{host}:{port}{query}"


def save_sending_settings(organization_id, values):
    """Check and save; secrets left empty keep their saved value. Raises SendingSettingsError."""
    settings = sending_settings(organization_id)
    saved_password = parse_mail_url(settings.smtp_url).password if settings.smtp_url else None
    errors = {}
    if values.get("email_backend") == "smtp":
        _check_smtp(values, errors)
    if values.get("sms_backend") == "twilio":
        _check_twilio(values, settings, errors)
    if values.get("dkim_private_key"):
        try:
            load_pem_private_key(values["dkim_private_key"].strip().encode(), password=None)
        except (ValueError, TypeError):
            errors["dkim_private_key"] = "This is not a private key in PEM format (-----BEGIN PRIVATE KEY----- …)."
    for channel in ("sms", "email"):
        start, end = values.get(f"{channel}_quiet_start"), values.get(f"{channel}_quiet_end")
        if (start is None) != (end is None):
            errors[f"{channel}_quiet_end"] = "Give both times, or neither."
    if errors:
        raise SendingSettingsError(errors)
    for name in PLAIN_FIELDS:
        if name in values:
            setattr(settings, name, values[name] if values[name] != "" else None)
    if values.get("smtp_host"):
        settings.smtp_url = smtp_url_from(values["smtp_host"], values.get("smtp_port") or 587,
                                          values.get("smtp_security", "starttls"), values.get("smtp_username"),
                                          values.get("smtp_password") or saved_password)
    if values.get("dkim_private_key"):
        settings.dkim_private_key = values["dkim_private_key"].strip()
    if values.get("twilio_auth_token"):
        settings.twilio_auth_token = values["twilio_auth_token"]
    db.session.add(settings)
    db.session.flush()
    return settings


def _check_smtp(values, errors):
    if not values.get("smtp_host"):
        errors["smtp_host"] = "Give your mail server's address to send through it."
    elif values.get("smtp_port"):
        try:
            parse_mail_url(smtp_url_from(values["smtp_host"], values["smtp_port"], "starttls", None, None))
        except MailUrlError as error:
            errors["smtp_host"] = str(error)
    if not values.get("from_email"):
        errors["from_email"] = "Your own server sends from your own address: give it here."


def _check_twilio(values, settings, errors):
    if not values.get("twilio_account_sid"):
        errors["twilio_account_sid"] = "Give your Twilio Account SID (it starts with AC)."
    if not (values.get("twilio_auth_token") or settings.twilio_auth_token):
        errors["twilio_auth_token"] = "Give your Twilio auth token."
    if not (values.get("twilio_from_number") or values.get("twilio_messaging_service_sid")):
        errors["twilio_from_number"] = "Give the number to send from, or a messaging service SID."
