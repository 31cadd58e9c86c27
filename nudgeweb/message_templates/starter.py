"""The starter templates every organization gets: a review request, two follow-ups, an employee nudge.

Each comes as an email and as an SMS. ``starter_template(organization, key, channel="email")``
returns the organization's own copy (created on ``organization_created``, and on first use
when missing, e.g. after the business deleted it). The organization may edit them freely.

Names they use: ``first_name`` and ``business_name`` (always there), ``review_link`` (the
review-request sender passes it in ``context``), ``unsubscribe_link`` when the sender passes
it; the employee nudge uses ``employee_name``, ``employee_link`` and ``progress``.
"""
from copy import deepcopy
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from nudgeweb import organization_cache
from nudgeweb.message_templates.naming import free_name
from nudgeweb.models import MessageTemplate, Organization, db
from nudgeweb.signals import organization_created

organization_cache.watch(MessageTemplate)

KEYS = ("review_request", "review_follow_up_1", "review_follow_up_2", "employee_nudge")

_EMAIL_LAYOUT = """<!doctype html>
<html>
<head>
<style>
  body { margin: 0; padding: 24px 12px; background: #f4f4f7; font-family: Helvetica, Arial, sans-serif; color: #1f2937; }
  .card { max-width: 520px; margin: 0 auto; background: #ffffff; border-radius: 10px; padding: 28px; }
  h1 { font-size: 20px; margin: 0 0 16px; }
  p { font-size: 16px; line-height: 1.5; margin: 0 0 14px; }
  .button { display: inline-block; background: {{ brand_color }}; color: #ffffff; text-decoration: none; padding: 12px 22px; border-radius: 6px; font-weight: bold; }
  .footer { max-width: 520px; margin: 14px auto 0; font-size: 12px; color: #6b7280; text-align: center; }
  .footer a { color: #6b7280; }
</style>
</head>
<body>
<div class="card">
{content}
</div>
<p class="footer">{{ business_name }}{% if unsubscribe_link is defined %} · <a href="{{ unsubscribe_link }}">Unsubscribe</a>{% endif %}</p>
</body>
</html>
"""  # noqa: E501  (the CSS of the button, one rule a line)



def email_layout(content):
    """A starter's email: ``content`` (HTML) in the starters' card, with the business's name and unsubscribe link."""
    return _EMAIL_LAYOUT.replace("{content}", content)


_REVIEW_VARIABLES = []
_NUDGE_VARIABLES = [
    {"name": "employee_name", "type": "text", "default": "there", "required": False,
     "description": "The employee's first name"},
    {"name": "employee_link", "type": "url", "default": "", "required": True,
     "description": "The employee's own page, where they send review requests"},
    {"name": "progress", "type": "text", "default": "", "required": False,
     "description": "Their progress, e.g. 7 of 20 reviews"},
]

STARTERS = {
    ("review_request", "email"): dict(
        name="Review request (email)",
        category="review_request",
        description="Asks a customer for a review right after their visit.",
        subject="How did we do, {{ first_name|default('there', true) }}?",
        html_content=email_layout("""<h1>Hi {{ first_name|default('there', true) }},</h1>
<p>Thank you for choosing {{ business_name }}! We'd love to hear how it went.</p>
<p>Would you take a minute to leave us a review? It helps neighbours find us.</p>
<p><a class="button" href="{{ review_link }}">Leave a review</a></p>
<p>Thank you,<br>The {{ business_name }} team</p>"""),
        variables=_REVIEW_VARIABLES,
    ),
    ("review_request", "sms"): dict(
        name="Review request (SMS)",
        category="review_request",
        description="Asks a customer for a review by text.",
        body="Hi {{ first_name|default('there', true) }}, thanks for choosing {{ business_name }}! "
        "Would you leave us a quick review? {{ review_link }}",
        variables=_REVIEW_VARIABLES,
    ),
    ("review_follow_up_1", "email"): dict(
        name="Review follow-up 1 (email)",
        category="follow_up",
        description="A gentle reminder a few days later.",
        subject="A quick favour for {{ business_name }}?",
        html_content=email_layout("""<h1>Hi {{ first_name|default('there', true) }},</h1>
<p>Just a friendly reminder: if you have a minute, we'd be grateful for a review of your visit to {{ business_name }}.</p>
<p><a class="button" href="{{ review_link }}">Share your experience</a></p>
<p>Thanks so much!</p>"""),
        variables=_REVIEW_VARIABLES,
    ),
    ("review_follow_up_1", "sms"): dict(
        name="Review follow-up 1 (SMS)",
        category="follow_up",
        description="A gentle reminder a few days later, by text.",
        body="Hi {{ first_name|default('there', true) }}, a friendly reminder from {{ business_name }}: "
        "we'd love your review when you have a minute. {{ review_link }}",
        variables=_REVIEW_VARIABLES,
    ),
    ("review_follow_up_2", "email"): dict(
        name="Review follow-up 2 (email)",
        category="follow_up",
        description="The last reminder; after this Nudge stops asking.",
        subject="Last reminder: your thoughts on {{ business_name }}",
        html_content=email_layout("""<h1>Hi {{ first_name|default('there', true) }},</h1>
<p>This is our last note, promise. Your review would mean a lot to the {{ business_name }} team.</p>
<p><a class="button" href="{{ review_link }}">Leave a review</a></p>
<p>Thank you for your time!</p>"""),
        variables=_REVIEW_VARIABLES,
    ),
    ("review_follow_up_2", "sms"): dict(
        name="Review follow-up 2 (SMS)",
        category="follow_up",
        description="The last reminder by text.",
        body="Hi {{ first_name|default('there', true) }}, last reminder from {{ business_name }}: "
        "your review would mean a lot to us. {{ review_link }}",
        variables=_REVIEW_VARIABLES,
    ),
    ("employee_nudge", "email"): dict(
        name="Employee nudge (email)",
        category="employee_nudge",
        description="Reminds an employee to ask customers for reviews.",
        subject="Keep the reviews coming, {{ employee_name }}!",
        html_content=email_layout("""<h1>Hi {{ employee_name }},</h1>
<p>A quick reminder to ask your happy customers for a review of {{ business_name }}.</p>
{% if progress %}<p>So far: <strong>{{ progress }}</strong>. Nice work!</p>{% endif %}
<p><a class="button" href="{{ employee_link }}">Send a review request</a></p>"""),
        variables=_NUDGE_VARIABLES,
    ),
    ("employee_nudge", "sms"): dict(
        name="Employee nudge (SMS)",
        category="employee_nudge",
        description="Reminds an employee by text.",
        body="Hi {{ employee_name }}, a reminder to ask customers for a review of {{ business_name }}."
        "{% if progress %} So far: {{ progress }}.{% endif %} Send one here: {{ employee_link }}",
        variables=_NUDGE_VARIABLES,
    ),
}


def starter_template(organization, key, channel="email", starters=STARTERS):
    """The organization's starter template for ``key`` and ``channel``, created when missing; ``starters``:
    another area's own starter templates (the automations' starters), made only on first use."""
    if (key, channel) not in starters:
        raise KeyError(f"No starter template {key!r} for {channel!r}")
    template = _find(organization.id, key, channel)
    if template is None:
        try:
            with db.session.begin_nested():
                template = _create(organization, key, channel, starters)
        except IntegrityError:  # another request made it at the same moment
            template = _find(organization.id, key, channel)
    return template


@dataclass(frozen=True)
class TemplateValues:
    """What rendering and sending read of a template, as plain values (a MessageTemplate's names)."""

    id: object
    organization_id: object
    name: str
    channel: str
    subject: str
    html_content: str
    text_content: str
    body: str
    variables: list

    @classmethod
    def of(cls, template):
        return cls(template.id, template.organization_id, template.name, template.channel, template.subject,
                   template.html_content, template.text_content, template.body, deepcopy(template.variables))

    @property
    def organization(self):
        """The template's organization (already in the session: the request or task works for it)."""
        return db.session.get(Organization, self.organization_id)


def starter_template_in_force(organization, key, channel="email"):
    """starter_template's values, kept a moment (organization_cache): what each review request renders."""
    return organization_cache.cached(organization.id, f"starter-template:{key}:{channel}",
                                     lambda: TemplateValues.of(starter_template(organization, key, channel)))


def create_starter_templates(organization):
    """Give ``organization`` every starter template it doesn't have yet (flushed; the caller commits)."""
    for key, channel in STARTERS:
        if _find(organization.id, key, channel) is None:
            _create(organization, key, channel)


@organization_created.connect
def _on_organization_created(organization, **_):
    create_starter_templates(organization)


def _find(organization_id, key, channel):
    return db.session.scalar(
        select(MessageTemplate).where(
            MessageTemplate.organization_id == organization_id,
            MessageTemplate.starter_key == key,
            MessageTemplate.channel == channel,
        )
    )


def _create(organization, key, channel, starters=STARTERS):
    fields = dict(starters[key, channel])
    fields["name"] = free_name(organization.id, fields["name"])
    fields["variables"] = [dict(variable) for variable in fields["variables"]]
    template = MessageTemplate(organization=organization, starter_key=key, channel=channel, **fields)
    db.session.add(template)
    db.session.flush()
    return template
