"""Each organization's review settings: made with sensible defaults on first use or sign-up."""
import uuid
from copy import deepcopy
from dataclasses import dataclass, fields
from urllib.parse import urlparse

from sqlalchemy import select

from nudgeweb import organization_cache
from nudgeweb.field_errors import FieldErrors
from nudgeweb.models import MessageTemplate, Organization, db
from nudgeweb.models.reviews import CHANNEL_CHOICES, MAX_FOLLOW_UPS, SITE_KINDS, ReviewSettings
from nudgeweb.reviews.site_links import review_link_problem
from nudgeweb.unit_of_work import once_per_transaction, remembered

organization_cache.watch(ReviewSettings)

SITE_NAMES = {"google": "Google", "facebook": "Facebook", "yelp": "Yelp", "trustpilot": "Trustpilot", "other": ""}
DEFAULT_FOLLOW_UPS = (
    {"delay_days": 3, "template_key": "review_follow_up_1"},
    {"delay_days": 7, "template_key": "review_follow_up_2"},
)
FOLLOW_UP_TEMPLATE_KEYS = ("review_follow_up_1", "review_follow_up_2", "review_follow_up_2")
CHANNEL_WORDS = {"email": "email", "sms": "text message"}
MAX_URL_LENGTH = 1000


class ReviewSettingsError(FieldErrors):
    """Review settings that cannot be saved, by field (``follow_ups``, ``templates-0-email`` ...)."""


def default_sites(organization):
    """None until the business pastes its own "write a review" links: a search page sends customers nowhere."""
    return []


@dataclass(frozen=True)
class ReviewSettingsValues:
    """What the settings say, as plain values (the row's attribute names), kept a moment per process."""

    review_sites: list
    default_channel: str
    default_delay_hours: int
    follow_ups: list
    request_template_key: str
    templates: dict
    ask_again_after_days: int

    @classmethod
    def of(cls, row):
        return cls(**{field.name: deepcopy(getattr(row, field.name)) for field in fields(cls)})


def review_settings_for(organization):
    """The organization's settings row, to change (or read), created with the defaults when missing (read
    once per transaction: a request that checks the review link and then asks reads them once)."""
    return once_per_transaction(("review_settings", organization.id), lambda: _settings_row(organization))


def review_settings_in_force(organization):
    """The organization's settings to read (the requests that every call makes): the row when this
    transaction holds it already (it may be changing it), else its values, kept a moment
    (organization_cache: another process sees a change within ORGANIZATION_CACHE_SECONDS)."""
    row = remembered(("review_settings", organization.id))
    if row is not None:
        return row
    return organization_cache.cached(organization.id, "review-settings",
                                     lambda: ReviewSettingsValues.of(review_settings_for(organization)))


def _settings_row(organization):
    settings = db.session.scalar(
        select(ReviewSettings).where(ReviewSettings.organization_id == organization.id)
    )
    if settings is None:
        settings = ReviewSettings(
            organization_id=organization.id,
            review_sites=default_sites(organization),
            default_channel="auto",
            default_delay_hours=0,
            follow_ups=[dict(step) for step in DEFAULT_FOLLOW_UPS],
            request_template_key="review_request",
            ask_again_after_days=30,
        )
        db.session.add(settings)
        db.session.flush()
    return settings


def give_defaults(organization):
    """organization_created receiver: a new business can send its first request at once (flushed; the
    sign-up commits it)."""
    review_settings_for(db.session.merge(organization) if organization not in db.session else organization)


def clean_site(kind, name, url):
    """(site dict, error or None) for one review site given in a form or the API."""
    kind = kind if kind in SITE_KINDS else "other"
    url = (url or "").strip()
    problem = review_link_problem(kind, url)
    if problem:
        return None, problem
    parsed = urlparse(url)
    if len(url) > MAX_URL_LENGTH:
        return None, f"Use a link of at most {MAX_URL_LENGTH} characters."
    name = (name or "").strip() or SITE_NAMES[kind] or parsed.netloc
    return {"kind": kind, "name": name[:60], "url": url}, None


def update_review_settings(settings, *, review_sites, default_channel, default_delay_hours, follow_ups,
                           ask_again_after_days, templates=None):
    """Replace the settings; raises ReviewSettingsError naming each bad value, changing nothing.

    ``templates`` ({step: {channel: template id or None}}, None: unchanged) picks the organization's
    template for each step; no id means the built-in one.
    """
    errors = template_errors(settings.organization_id, templates or {})
    if default_channel not in CHANNEL_CHOICES:
        errors["default_channel"] = f"Choose one of {', '.join(CHANNEL_CHOICES)}."
    if not isinstance(default_delay_hours, int) or not 0 <= default_delay_hours <= 24 * 60:
        errors["default_delay_hours"] = "Use a whole number of hours from 0 to 1440."
    if not isinstance(ask_again_after_days, int) or not 0 <= ask_again_after_days <= 3650:
        errors["ask_again_after_days"] = "Use a whole number of days from 0 to 3650."
    if len(follow_ups) > MAX_FOLLOW_UPS:
        errors["follow_ups"] = f"At most {MAX_FOLLOW_UPS} follow-ups."
    last = 0
    for step in follow_ups:
        days = step.get("delay_days")
        if not isinstance(days, int) or days <= last or days > 90:
            errors["follow_ups"] = "Each follow-up needs a later day than the one before (1 to 90)."
            break
        last = days
    if errors:
        raise ReviewSettingsError(errors)
    settings.review_sites = list(review_sites)
    settings.default_channel = default_channel
    settings.default_delay_hours = default_delay_hours
    settings.follow_ups = [
        {"delay_days": step["delay_days"], "template_key": step.get("template_key") or FOLLOW_UP_TEMPLATE_KEYS[i]}
        for i, step in enumerate(follow_ups)
    ]
    settings.ask_again_after_days = ask_again_after_days
    if templates is not None:
        settings.templates = {str(step): {channel: str(chosen) for channel, chosen in by_channel.items() if chosen}
                              for step, by_channel in templates.items() if any(by_channel.values())}
    return settings


def template_errors(organization_id, templates):
    """{"templates-<step>-<channel>": message} for each choice that is not one of the organization's
    templates of that channel."""
    errors = {}
    for step, by_channel in templates.items():
        for channel, chosen in by_channel.items():
            if chosen and chosen_template(organization_id, chosen, channel) is None:
                errors[f"templates-{step}-{channel}"] = f"Choose one of your {CHANNEL_WORDS[channel]} templates."
    return errors


def organization_templates(organization_id):
    """The organization's email and SMS templates by name, for the picker of each step."""
    return db.session.scalars(select(MessageTemplate).where(MessageTemplate.organization_id == organization_id)
                              .order_by(MessageTemplate.name)).all()


def chosen_template(organization_id, template_id, channel):
    """The organization's ``channel`` template with this id, or None (unknown, foreign, deleted, other channel)."""
    try:
        template_id = uuid.UUID(str(template_id))
    except ValueError:
        return None
    return db.session.scalar(select(MessageTemplate).where(
        MessageTemplate.id == template_id, MessageTemplate.organization_id == organization_id,
        MessageTemplate.channel == channel))


def organization_of(organization_id):
    return db.session.get(Organization, organization_id)
