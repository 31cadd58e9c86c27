"""The areas of the app, in the order the navigation shows them.

An area whose blueprint is not built yet gets an honest "coming soon" page at its address
(see main.routes). When an area is built, set its ``endpoint`` to the real view.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Area:
    key: str
    label: str
    path: str
    endpoint: str | None  # None: not built yet
    blurb: str


AREAS = (
    Area("dashboard", "Dashboard", "/", "main.dashboard", "Your business at a glance."),
    Area("contacts", "Contacts", "/contacts", "contacts.index",
         "Add, import and search your customers, with tags, custom fields and an activity timeline."),
    Area("review_requests", "Review requests", "/review-requests", "reviews.index",
         "Ask customers for a review by SMS or email, follow up automatically, and watch the ratings come in."),
    Area("campaigns", "Campaigns", "/campaigns", "campaigns.index",
         "Send email and SMS campaigns to a tag, a segment or a list, and see who opened and clicked."),
    Area("templates", "Templates", "/templates", "message_templates.index",
         "Write the emails and text messages that Nudge sends, with a live preview."),
    Area("automations", "Automations", "/automations", "automations.index",
         "Send the right message when a customer subscribes, is tagged, or does something you track."),
    Area("employees", "Employees", "/employees", "employees.index",
         "Remind your team to ask for reviews during a campaign period, and see who is leading."),
    Area("analytics", "Analytics", "/analytics", "analytics.index",
         "Charts of messages, the review funnel, ratings and engagement."),
    Area("outbox", "Outbox", "/outbox", "delivery.outbox",
         "Every email and text message your business sent, with what happened to it."),
    Area("settings", "Settings", "/settings", "settings.organization",
         "Your business profile, your team and your integrations."),
)


def area_endpoint(area):
    return area.endpoint or f"soon_{area.key}"


# The tabs of Settings: (endpoint, label). Areas add theirs here; settings_groups() files each one.
SETTINGS_SECTIONS = (
    ("settings.organization", "Business profile"),
    ("reviews.settings_page", "Reviews"),
    ("delivery.sending_settings_page", "Sending"),
    ("settings.team", "Team"),
    ("contacts_settings.custom_fields", "Custom fields"),
    ("contacts_settings.tags", "Tags"),
    ("settings.account", "Your account"),
    ("api_settings.api_keys", "API keys"),
    ("oauth_settings.apps", "OAuth apps"),
    ("oauth_settings.connections", "Connected apps"),
    ("webhooks.index", "Webhooks"),
)
# A section whose endpoint holds one of these is for developers (API keys, OAuth, webhooks ...).
DEVELOPER_MARKS = ("api_", "oauth", "webhook", "developer")
SETTINGS_GROUPS = (("business", "Your business"), ("developers", "Developers"))


def settings_group_of(endpoint):
    return "developers" if any(mark in endpoint for mark in DEVELOPER_MARKS) else "business"


def settings_groups(sections=SETTINGS_SECTIONS):
    """[(group label, [(endpoint, label), ...])] in SETTINGS_GROUPS' order, each in SETTINGS_SECTIONS' order."""
    return [(label, [section for section in sections if settings_group_of(section[0]) == key])
            for key, label in SETTINGS_GROUPS]
