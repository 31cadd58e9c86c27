"""Settings → Sending: an organization's own SMTP server and Twilio account, tracking, quiet hours and the
send rate of its campaigns."""
from cryptography.hazmat.primitives.serialization import load_pem_private_key

from nudgeweb.delivery.transports import sending_settings
from nudgeweb.field_errors import FieldErrors
from nudgeweb.models import db
from nudgeweb.outbound import HostError, check_host

SMTP_SECURITY = ("starttls", "ssl", "off")
PLAIN_FIELDS = ("email_backend", "from_name", "from_email", "reply_to", "dkim_domain", "dkim_selector",
                "sms_backend", "twilio_account_sid", "twilio_from_number", "twilio_messaging_service_sid",
                "track_opens", "track_clicks", "sms_quiet_start", "sms_quiet_end", "email_quiet_start",
                "email_quiet_end", "email_rate", "sms_rate")
MAX_RATE = 1000  # messages a second


class SendingSettingsError(FieldErrors):
    """Sending settings that cannot be saved, by field."""


def form_values(settings):
    """The saved settings as the form's fields (secrets never shown)."""
    values = {name: getattr(settings, name) for name in PLAIN_FIELDS}
    if settings.smtp_host:
        values.update(smtp_host=settings.smtp_host, smtp_port=settings.smtp_port, smtp_username=settings.smtp_username,
                      smtp_security=settings.smtp_security)
    return values


def saved_secrets(settings):
    """Which secrets are saved (the form says so instead of showing them)."""
    return {
        "smtp_password": bool(settings.smtp_password),
        "dkim_private_key": bool(settings.dkim_private_key),
        "twilio_auth_token": bool(settings.twilio_auth_token),
    }


def save_sending_settings(organization_id, values):
    """Check and save; secrets left empty keep their saved value. Raises SendingSettingsError."""
    settings = sending_settings(organization_id)
    values = dict(values)
    errors = {}
    _check_smtp(values, errors, required=values.get("email_backend") == "smtp")
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
    for name in ("email_rate", "sms_rate"):
        rate = values.get(name)
        if rate not in (None, "") and (not isinstance(rate, (int, float)) or not 0 < rate <= MAX_RATE):
            errors[name] = f"Give a number of messages a second above 0 and up to {MAX_RATE:,}, or leave it empty."
    if errors:
        raise SendingSettingsError(errors)
    for name in PLAIN_FIELDS:
        if name in values:
            setattr(settings, name, values[name] if values[name] != "" else None)
    if values.get("smtp_host"):
        settings.smtp_host, settings.smtp_port = values["smtp_host"], values.get("smtp_port") or 587
        settings.smtp_security = values.get("smtp_security") or "starttls"
        settings.smtp_username = values.get("smtp_username") or None
        if values.get("smtp_password") or not settings.smtp_username:
            settings.smtp_password = values.get("smtp_password") or None
    if values.get("dkim_private_key"):
        settings.dkim_private_key = values["dkim_private_key"].strip()
    if values.get("twilio_auth_token"):
        settings.twilio_auth_token = values["twilio_auth_token"]
    db.session.add(settings)
    db.session.flush()
    return settings


def _check_smtp(values, errors, required):
    """The server's host and port are fields of their own, checked here (the host normalised in ``values``)."""
    if not values.get("smtp_host"):
        if required:
            errors["smtp_host"] = "Give your mail server's address to send through it."
    else:
        try:
            values["smtp_host"] = check_host(values["smtp_host"])
        except HostError as error:
            errors["smtp_host"] = str(error)
    port = values.get("smtp_port")
    if port is not None and port != "" and not (isinstance(port, int) and 1 <= port <= 65535):
        errors["smtp_port"] = "A port is a number from 1 to 65535."
    if values.get("smtp_security") not in (None, "", *SMTP_SECURITY):
        errors["smtp_security"] = "Choose STARTTLS, SSL/TLS or none."
    if required and not values.get("from_email"):
        errors["from_email"] = "Your own server sends from your own address: give it here."


def _check_twilio(values, settings, errors):
    if not values.get("twilio_account_sid"):
        errors["twilio_account_sid"] = "Give your Twilio Account SID (it starts with AC)."
    if not (values.get("twilio_auth_token") or settings.twilio_auth_token):
        errors["twilio_auth_token"] = "Give your Twilio auth token."
    if not (values.get("twilio_from_number") or values.get("twilio_messaging_service_sid")):
        errors["twilio_from_number"] = "Give the number to send from, or a messaging service SID."
