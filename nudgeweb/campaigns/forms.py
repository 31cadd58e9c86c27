"""The forms of the campaign pages: one per step of the editor (they check shape; operations check meaning)."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from nudgeweb.settings.forms import time_zone_field

STEPS = (("content", "Content"), ("audience", "Audience"), ("sender", "Sender"), ("schedule", "Schedule"),
         ("review", "Review and send"))


class ContentForm(FlaskForm):
    name = StringField("Campaign name", validators=[DataRequired("Give the campaign a name."), Length(max=200)],
                       description="Only you see it.")
    template_id = SelectField("Start from a template", choices=[], validate_choice=False,
                              description="Copies the template's words here, to change as you like.")
    subject = StringField("Subject", validators=[Length(max=500)])
    preview_text = StringField("Preview text", validators=[Length(max=200)],
                               description="The line inboxes show after the subject.")
    html_content = TextAreaField("Email (HTML)", validators=[Length(max=256 * 1024)])
    text_content = TextAreaField("Plain-text version", validators=[Length(max=128 * 1024)],
                                 description="Left empty, it is made from the HTML.")
    body = TextAreaField("Text message", validators=[Length(max=1600)])

    def data_for(self, channel):
        names = ("name", "subject", "preview_text", "html_content", "text_content") if channel == "email" \
            else ("name", "body")
        data = {name: self[name].data or "" for name in names}
        if self.template_id.data:
            data["template_id"] = self.template_id.data
            for name in ("subject", "html_content", "text_content", "body"):
                data.pop(name, None)  # the template's words, unless written here after choosing it
        return data


class AudienceForm(FlaskForm):
    recipient_list_id = SelectField("A list", choices=[], validate_choice=False)
    segment_id = SelectField("A segment", choices=[], validate_choice=False)
    tags = StringField("Contacts with any of these tags", validators=[Length(max=1000)],
                       description="Comma-separated, e.g. vip, regulars.")
    send_to_all = BooleanField("Every subscribed contact")
    exclude_list_ids = SelectField("Leave out the members of", choices=[], validate_choice=False)
    exclude_tags = StringField("Leave out contacts tagged", validators=[Length(max=1000)])

    def data_for(self):
        return {
            "recipient_list_id": self.recipient_list_id.data or None, "segment_id": self.segment_id.data or None,
            "tags": self.tags.data or "", "send_to_all": self.send_to_all.data,
            "exclude_list_ids": [self.exclude_list_ids.data] if self.exclude_list_ids.data else [],
            "exclude_tags": self.exclude_tags.data or "",
        }


class SenderForm(FlaskForm):
    from_name = StringField("From name", validators=[Length(max=200)],
                            description="Left empty, your business's name.")
    from_email = StringField("From address", validators=[Optional(), Length(max=254)], render_kw={"type": "email"},
                             description="Left empty, your business's usual sender. Only at a domain you send from.")
    reply_to = StringField("Reply-to address", validators=[Optional(), Length(max=254)],
                           render_kw={"type": "email"})
    track_opens = BooleanField("Count opens")
    track_clicks = BooleanField("Count clicks")
    google_analytics = BooleanField("Add Google Analytics tags (UTM) to links")

    def data_for(self):
        return {"from_name": self.from_name.data or "", "from_email": (self.from_email.data or "").strip(),
                "reply_to": self.reply_to.data or "", "settings": {
            "track_opens": self.track_opens.data, "track_clicks": self.track_clicks.data,
            "google_analytics": self.google_analytics.data}}


class ScheduleForm(FlaskForm):
    when = SelectField("When", choices=[("now", "Send now"), ("later", "Send later")], default="now")
    scheduled_at = StringField("Date and time", render_kw={"type": "datetime-local"})
    timezone = time_zone_field()
    send_time_optimization = BooleanField("At this time in each contact's own time zone, where we know it")


class TestForm(FlaskForm):
    recipients = StringField("Send a test to", validators=[DataRequired("Give an address."), Length(max=1000)],
                             description="Comma-separated; up to 10.")


class ConfirmForm(FlaskForm):
    confirm = BooleanField("I checked the message and the recipients",
                           validators=[DataRequired("Tick the box to confirm: this can't be undone.")])
