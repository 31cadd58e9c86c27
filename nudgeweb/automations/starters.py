"""The starter automations: a welcome series, a low rating that tells the team, a win-back after 90 days
and a birthday message, as bodies in the workflow format (workflow.py).

Each needs its emails: they are starter templates of the business's own (``starter_key``
``automation_…``), made on first use when missing, so a starter is created and started with no other
set-up, and the business may edit the emails like any template.
"""
import copy
from dataclasses import dataclass

from nudgeweb.automations import operations
from nudgeweb.message_templates.starter import email_layout, starter_template

HELLO = "<h1>Hi {{ first_name|default('there', true) }},</h1>\n"


def _email(name, description, subject, content):
    return dict(name=name, category="automation", description=description, subject=subject,
                html_content=email_layout(HELLO + content), variables=[])


TEMPLATES = {
    ("automation_welcome", "email"): _email(
        "Welcome (automation)", "The first email of the welcome series.", "Welcome to {{ business_name }}!",
        "<p>Thank you for joining us at {{ business_name }}. We're glad you're here.</p>\n"
        "<p>We'll keep you posted with news and offers now and then, never too often.</p>"),
    ("automation_welcome_more", "email"): _email(
        "Welcome, part 2 (automation)", "The welcome series' second email, two days later.",
        "A little more about {{ business_name }}",
        "<p>A couple of days ago you joined {{ business_name }}. Here is what our customers like best about us: "
        "friendly people, fair prices and work done right the first time.</p>\n"
        "<p>Just reply to this email if there is anything we can do for you.</p>"),
    ("automation_apology", "email"): _email(
        "Sorry we let you down (automation)", "Sent the day after a customer rates their visit 2 stars or fewer.",
        "We're sorry, {{ first_name|default('there', true) }}",
        "<p>Thank you for telling us how your visit went. We're sorry it wasn't what you expected.</p>\n"
        "<p>We'd like to make it right: just reply to this email and tell us what happened.</p>"),
    ("automation_win_back", "email"): _email(
        "We miss you (automation)", "Sent 90 days after a customer's last purchase.",
        "We miss you at {{ business_name }}",
        "<p>It has been a while since your last visit to {{ business_name }}, and we'd love to see you again.</p>\n"
        "<p>Come by soon: we'll make it worth your while.</p>"),
    ("automation_birthday", "email"): _email(
        "Happy birthday (automation)", "Sent on a customer's birthday.", "Happy birthday from {{ business_name }}!",
        "<p>Everyone at {{ business_name }} wishes you a very happy birthday!</p>\n"
        "<p>Have a wonderful day.</p>"),
}


@dataclass(frozen=True)
class Starter:
    key: str
    name: str
    description: str
    body: dict  # the workflow format; a send step's ``starter_template`` becomes the template's id


STARTERS = {starter.key: starter for starter in (
    Starter("welcome_series", "Welcome series", "Greets every new subscriber, then writes again two days later.", {
        "trigger": {"type": "contact_subscribed"},
        "entry_rule": "once",
        "workflow": {"steps": [
            {"id": "welcome", "type": "send_email", "starter_template": "automation_welcome"},
            {"id": "wait_2_days", "type": "wait", "delay": "2 days"},
            {"id": "welcome_more", "type": "send_email", "starter_template": "automation_welcome_more"},
        ]},
    }),
    Starter("low_rating", "Low rating: tell me, then apologise",
            "When a customer rates 2 stars or fewer, tell the team, wait a day and send an apology.", {
                "trigger": {"type": "review_rated", "conditions": {"rating": {"lte": 2}}},
                "entry_rule": "every_time",
                "workflow": {"steps": [
                    {"id": "tell_team", "type": "notify_team", "subject": "A customer rated you 2 stars or fewer",
                     "message": "A customer just gave a low rating. See who in the automation's activity, and "
                                "reach out if you can: an apology goes to them by email tomorrow."},
                    {"id": "wait_a_day", "type": "wait", "delay": "1 day"},
                    {"id": "apology", "type": "send_email", "starter_template": "automation_apology"},
                ]},
            }),
    Starter("win_back", "Win-back after 90 days",
            "90 days after a customer's last purchase (the purchase_completed event), invites them back.", {
                "trigger": {"type": "custom_event", "event_name": "purchase_completed"},
                "entry_rule": "one_at_a_time",
                "workflow": {"steps": [
                    {"id": "wait_90_days", "type": "wait", "delay": "90 days"},
                    {"id": "bought_again", "type": "condition", "if": {"event": "purchase_completed"},
                     "then": "exit", "else": "continue"},
                    {"id": "we_miss_you", "type": "send_email", "starter_template": "automation_win_back"},
                ]},
            }),
    Starter("birthday", "Birthday message",
            "Every year at 9:00 on a contact's birthday (the custom field birthday), a happy birthday email.", {
                "trigger": {"type": "date", "conditions": {"field": "birthday", "time": "09:00"}},
                "entry_rule": "every_time",
                "workflow": {"steps": [
                    {"id": "happy_birthday", "type": "send_email", "starter_template": "automation_birthday"},
                ]},
            }),
)}


def create_from_starter(organization, key, user=None):
    """A draft automation made from the starter ``key``, its emails made first when missing."""
    starter = STARTERS.get(key)
    if starter is None:
        raise operations.AutomationError({"starter": f"No starter {key!r}; choose one of {', '.join(STARTERS)}."})
    return operations.create_automation(organization, starter_body(organization, starter), user=user,
                                        starter_key=key)


def starter_body(organization, starter):
    """The starter's body with its name and description, each template it names as this business's id."""
    body = copy.deepcopy(starter.body)
    body.update(name=starter.name, description=starter.description)
    for step in body["workflow"]["steps"]:
        key = step.pop("starter_template", None)
        if key:
            step["template_id"] = str(starter_template(organization, key, "email", TEMPLATES).id)
    return body
