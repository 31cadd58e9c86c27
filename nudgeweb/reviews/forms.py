from flask_wtf import FlaskForm
from wtforms import BooleanField, FieldList, FormField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, NumberRange, Optional

from nudgeweb.models.reviews import MAX_FOLLOW_UPS

CHANNEL_LABELS = [("auto", "Text if mobile, else email"),
                  ("email", "Always email"), ("sms", "Always text message")]
SITE_KIND_LABELS = [("google", "Google"), ("facebook", "Facebook"), ("yelp", "Yelp"),
                    ("trustpilot", "Trustpilot"), ("other", "Other site")]
MAX_SITES = 6


class SendReviewRequestForm(FlaskForm):
    first_name = StringField("First name")
    last_name = StringField("Last name")
    phone = StringField("Mobile phone", description="With +country code, or a number of your country.")
    email = StringField("Email")
    delay_hours = IntegerField("Send after (hours)", default=0, validators=[
        InputRequired("Give a number of hours (0 sends now)."),
        NumberRange(min=0, max=8760, message="Use 0 to 8760 hours.")])
    channel = SelectField("Send by", choices=CHANNEL_LABELS, default="auto")
    insist = BooleanField("Ask even if they were asked recently")
    employee_id = SelectField("Credit to", choices=[("", "No one")], validate_choice=False,
                              description="The employee who served this customer (their leaderboard counts it).")


class BulkSendForm(FlaskForm):
    search = HiddenField()
    status = HiddenField()
    tag = HiddenField()
    source = HiddenField()
    segment_id = HiddenField()
    everyone = HiddenField()  # "yes": all the contacts, chosen in words (never the default)
    delay_hours = IntegerField("Send after (hours)", default=0, validators=[
        InputRequired("Give a number of hours (0 sends now)."),
        NumberRange(min=0, max=8760, message="Use 0 to 8760 hours.")])
    insist = BooleanField("Also ask contacts who were asked recently")
    confirmed = BooleanField("I have read the message above and want to send it to these customers")


class SiteForm(FlaskForm):
    class Meta:
        csrf = False

    kind = SelectField("Site", choices=SITE_KIND_LABELS, default="google")
    name = StringField("Name shown")
    url = StringField("Link to your review page")


class FollowUpForm(FlaskForm):
    class Meta:
        csrf = False

    delay_days = IntegerField("Days after the first message", validators=[
        Optional(), NumberRange(min=1, max=90, message="Use 1 to 90 days.")])


class StepTemplatesForm(FlaskForm):
    """The email and SMS template of one step; the choices are the organization's (set by the page)."""

    class Meta:
        csrf = False

    email = SelectField("Email", choices=[("", "")], validate_choice=False)  # the operation checks the id
    sms = SelectField("Text message", choices=[("", "")], validate_choice=False)


class ReviewSettingsForm(FlaskForm):
    sites = FieldList(FormField(SiteForm), min_entries=MAX_SITES, max_entries=MAX_SITES)
    default_channel = SelectField("Send review requests by", choices=CHANNEL_LABELS)
    default_delay_hours = IntegerField("Default delay (hours)", validators=[
        InputRequired("Give a number of hours."), NumberRange(min=0, max=1440, message="Use 0 to 1440 hours.")],
        description="How long after the visit the request goes out, unless the sender says otherwise.")
    follow_ups = FieldList(FormField(FollowUpForm), min_entries=MAX_FOLLOW_UPS, max_entries=MAX_FOLLOW_UPS)
    ask_again_after_days = IntegerField("Don't ask the same customer again within (days)", validators=[
        InputRequired("Give a number of days (0: no limit)."), NumberRange(min=0, max=3650, message="Use 0 to 3650.")])
    # Step 0 is the request, step n follow-up n.
    templates = FieldList(FormField(StepTemplatesForm), min_entries=1 + MAX_FOLLOW_UPS, max_entries=1 + MAX_FOLLOW_UPS)

    def offer_templates(self, templates):
        """Let each step choose among ``templates`` (the organization's), the built-in one first."""
        for entry in self.templates.entries:
            for channel in ("email", "sms"):
                entry[channel].choices = [("", "The built-in one")] + [
                    (str(t.id), t.name) for t in templates if t.channel == channel]

    def chosen_templates(self):
        """{step: {"email": id or "", "sms": id or ""}} as chosen."""
        return {step: {"email": entry.email.data, "sms": entry.sms.data}
                for step, entry in enumerate(self.templates.entries)}


class FeedbackForm(FlaskForm):
    feedback = TextAreaField("Anything you'd like to tell us privately?")
