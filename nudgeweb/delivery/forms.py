from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    FloatField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import Email, Length, NumberRange, Optional, Regexp, ValidationError

from nudgeweb.models.messages import MESSAGE_CHANNELS, MESSAGE_STATUSES
from nudgeweb.outbound import HostError, check_host

KEEP = "Leave empty to keep the saved one."


def public_host(form, field):
    """Beside the other fields' errors (save_sending_settings checks it again for every caller)."""
    try:
        check_host(field.data)
    except HostError as error:
        raise ValidationError(str(error)) from None


class SendingForm(FlaskForm):
    email_backend = RadioField("Send email through", choices=[
        ("default", "Nudge's mail settings"), ("smtp", "My own SMTP server")], default="default")
    smtp_host = StringField("SMTP server", validators=[Optional(), Length(max=253), public_host],
                            description="Its name, like smtp.gmail.com or mail.yourbusiness.com, or its public IP address.")
    smtp_port = IntegerField("Port", validators=[Optional(), NumberRange(1, 65535, "A port is a number from 1 to 65535.")],
                             default=587)
    smtp_security = SelectField("Security", choices=[
        ("starttls", "STARTTLS (usually port 587)"), ("ssl", "SSL/TLS (usually port 465)"),
        ("off", "None (not encrypted)")], default="starttls")
    smtp_username = StringField("User name", validators=[Optional(), Length(max=254)])
    smtp_password = PasswordField("Password", validators=[Optional(), Length(max=500)])
    from_name = StringField("Sender name", validators=[Optional(), Length(max=200)],
                            description="Defaults to your business name.")
    from_email = EmailField("Sender email", validators=[Optional(), Email("Enter an email address."), Length(max=254)])
    reply_to = EmailField("Replies go to", validators=[Optional(), Email("Enter an email address."), Length(max=254)])
    dkim_domain = StringField("DKIM domain", validators=[Optional(), Length(max=253)])
    dkim_selector = StringField("DKIM selector", validators=[Optional(), Length(max=63)], default="nudge")
    dkim_private_key = TextAreaField("DKIM private key (PEM)", validators=[Optional(), Length(max=10000)])

    sms_backend = RadioField("Send text messages through", choices=[
        ("default", "Nudge's SMS settings"), ("twilio", "My own Twilio account")], default="default")
    twilio_account_sid = StringField("Account SID", validators=[
        Optional(), Regexp(r"^AC[0-9a-fA-F]{32}$", message="An Account SID starts with AC and has 34 characters.")])
    twilio_auth_token = PasswordField("Auth token", validators=[Optional(), Length(max=100)])
    twilio_from_number = StringField("From number", validators=[
        Optional(), Regexp(r"^\+[1-9]\d{6,14}$", message="Write the number with its country code, like +15551234567.")])
    twilio_messaging_service_sid = StringField("Messaging service SID", validators=[
        Optional(), Regexp(r"^MG[0-9a-fA-F]{32}$", message="A messaging service SID starts with MG and has 34 characters.")],
        description="Instead of a from number.")

    track_opens = BooleanField("Track when emails are opened")
    track_clicks = BooleanField("Track clicks on links")
    sms_quiet_start = TimeField("No text messages from", validators=[Optional()])
    sms_quiet_end = TimeField("until", validators=[Optional()])
    email_quiet_start = TimeField("No emails from", validators=[Optional()])
    email_quiet_end = TimeField("until", validators=[Optional()])

    email_rate = FloatField("Emails a second", validators=[Optional()],
                            description="Across all your campaigns. Empty: as fast as the mail server takes them.")
    sms_rate = FloatField("Text messages a second", validators=[Optional()],
                          description="Across all your campaigns. Empty: one a second, what a Twilio long code takes.")

    SECRET_FIELDS = ("smtp_password", "dkim_private_key", "twilio_auth_token")


# The statuses, with "sent" a message that left the machine and "kept" one the local outbox kept (the API's "sent" too)
OUTBOX_STATUS_CHOICES = [(status, status.title()) for status in MESSAGE_STATUSES]
OUTBOX_STATUS_CHOICES.insert(MESSAGE_STATUSES.index("sent") + 1, ("kept", "Kept in the Outbox"))


class OutboxFilterForm(FlaskForm):
    class Meta:
        csrf = False

    channel = SelectField("Channel", choices=[("", "All channels")]
                          + [(c, c.upper() if c == "sms" else c.title()) for c in MESSAGE_CHANNELS],
                          validators=[Optional()])
    status = SelectField("Status", choices=[("", "Any status")] + OUTBOX_STATUS_CHOICES, validators=[Optional()])
    q = StringField("Search", validators=[Optional(), Length(max=200)])

    def url_args(self):
        """What the form asks, for the links of its pages (none when it is not valid)."""
        return {name: value for name, value in self.data.items() if value} if self.validate() else {}

    def filters(self):
        """messages_query's filters for what the form asks (none when it is not valid)."""
        filters = self.url_args()
        if filters.get("status") in ("sent", "kept"):
            filters["kept_in_outbox"] = filters["status"] == "kept"
            filters["status"] = "sent"
        return filters
