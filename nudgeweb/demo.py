"""The demo business: a newcomer sees a living product, not empty pages.

Each area adds its demo data with a function named in DEMO_STEPS ("module:function"),
called in order with the demo organization. Running seed-demo again resets the demo business.
"""
from importlib import import_module

from sqlalchemy import select

from nudgeweb.auth.operations import add_user_to_organization
from nudgeweb.models import Organization, db, utcnow
from nudgeweb.unit_of_work import enter_organization

DEMO_ORGANIZATION = "Bluebird Bakery (demo)"
DEMO_EMAIL = "owner@bluebird.example"
DEMO_PASSWORD = "bluebird-demo"
DEMO_TEAM = (
    ("maya@bluebird.example", "Maya Chen", "admin"),
    ("sam@bluebird.example", "Sam Ortiz", "editor"),
    ("lee@bluebird.example", "Lee Park", "viewer"),
)

# Each area's seeding function, in order: step(organization) -> None.
DEMO_STEPS = [
    "nudgeweb.contacts.demo:seed_contacts",  # first: the other steps use the demo contacts
    "nudgeweb.reviews.demo:seed_review_history",
    "nudgeweb.nudges.demo:seed_employees",  # after the review history: it credits those requests
    "nudgeweb.campaigns.demo:seed_campaigns",
    "nudgeweb.oauth.demo:seed",
    "nudgeweb.imports.demo:seed_import",
    "nudgeweb.message_templates.demo:seed_templates",
    "nudgeweb.webhooks.demo:seed",
    "nudgeweb.automations.demo:seed_automations",
    "nudgeweb.analytics.demo:seed_analytics_history",  # last: it counts every demo row of the steps before
]


def seed_demo():
    """Make the demo business afresh, in the caller's unit of work (seed-demo's): the new
    organization is in force from its creation on."""
    _remove_previous_demo()
    owner = add_user_to_organization(DEMO_EMAIL, DEMO_PASSWORD, DEMO_ORGANIZATION, "owner", "Alex Rivera")
    organization = owner.organization
    organization.timezone = "America/New_York"
    organization.website = "https://bluebird.example"
    organization.slug = "bluebird-demo"
    organization.footer_address = "42 Harbor Street, Portland, ME 04101"
    organization.logo_url = "https://bluebird.example/logo.png"
    organization.font_family = "Inter"
    organization.outbox_on_purpose_at = utcnow()  # a demo keeps its messages in the Outbox, on purpose
    organization.profile_checked_at = utcnow()
    for email, name, role in DEMO_TEAM:
        add_user_to_organization(email, DEMO_PASSWORD, DEMO_ORGANIZATION, role, name)
    for step in DEMO_STEPS:
        module, function = step.split(":")
        getattr(import_module(module), function)(organization)
    db.session.flush()
    return {"email": DEMO_EMAIL, "password": DEMO_PASSWORD}


def _remove_previous_demo():
    existing = db.session.scalar(select(Organization).where(Organization.name == DEMO_ORGANIZATION))
    if existing is not None:
        enter_organization(existing.id)  # its rows are deleted with it
        db.session.delete(existing)
        db.session.flush()
