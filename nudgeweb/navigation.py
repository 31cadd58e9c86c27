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
    Area("campaigns", "Campaigns", "/campaigns", None,
         "Send email and SMS campaigns to a tag, a segment or a list, and see who opened and clicked."),
    Area("templates", "Templates", "/templates", "message_templates.index",
         "Write the emails and text messages that Nudge sends, with a live preview."),
    Area("automations", "Automations", "/automations", None,
         "Send the right message when a customer subscribes, is tagged, or does something you track."),
    Area("employees", "Employees", "/employees", None,
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


# The tabs of Settings: (endpoint, label). Areas add theirs here.
SETTINGS_SECTIONS = (
    ("settings.organization", "Business profile"),
    ("settings.account", "Your account"),
    ("settings.team", "Team"),
    ("contacts_settings.custom_fields", "Custom fields"),
    ("contacts_settings.tags", "Tags"),
    ("reviews.settings_page", "Reviews"),
    ("api_settings.api_keys", "API keys"),
    ("oauth_settings.apps", "OAuth apps"),
    ("oauth_settings.connections", "Connected apps"),
    ("delivery.sending_settings_page", "Sending"),
)
