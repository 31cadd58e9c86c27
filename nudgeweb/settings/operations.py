"""The organization's profile and its team."""
import re
from datetime import timedelta
from zoneinfo import available_timezones

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select

from nudgeweb.auth.operations import AccountError
from nudgeweb.delivery.transports import sending_settings
from nudgeweb.field_errors import FieldErrors
from nudgeweb.models import Contact, Membership, Message, Organization, db, utcnow
from nudgeweb.signals import credentials_changed, organization_created
from nudgeweb.unit_of_work import ACROSS_ORGANIZATIONS, after_commit

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DOMAIN = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
FONT = re.compile(r"^[A-Za-z0-9 ,'\"-]{1,100}$")  # a CSS font-family list, nothing that could end the declaration
SENT = ("sent", "delivered")  # the statuses of a message that went out
PROFILE_LIMITS = {"name": 200, "footer_address": 500, "logo_url": 500, "default_from_name": 200}


class ProfileError(FieldErrors):
    """A business profile that cannot be saved, by field (dotted as the API nests them: settings.branding.logo_url)."""


def update_organization(organization, **fields):
    for name, value in fields.items():
        setattr(organization, name, value)
    db.session.flush()
    return organization


def update_profile(organization, profile):
    """Change the fields of ``profile`` (seed 001's names: name, slug, domain, timezone, default_from_name,
    default_from_email, footer_address, logo_url, primary_color, font_family; "" or None clears an optional
    one); every bad field at once as a ProfileError."""
    values = _stripped(profile)
    errors = _profile_errors(organization, values)
    if errors:
        raise ProfileError(errors, duplicates={"slug"} if "slug" in errors and _slug_taken(organization,
                                                                                           values["slug"]) else ())
    sender = {name: values.pop(name) or None for name in ("default_from_name", "default_from_email") if name in values}
    if "primary_color" in values:
        values["brand_color"] = values.pop("primary_color")
    for name, value in values.items():
        setattr(organization, name, value if value != "" else None)
    organization.profile_checked_at = utcnow()  # the set-up checklist's first step
    if sender:
        settings = sending_settings(organization.id)
        settings.from_name = sender.get("default_from_name", settings.from_name)
        settings.from_email = sender.get("default_from_email", settings.from_email)
        db.session.add(settings)
    db.session.flush()
    return organization


def slug_of(organization):
    """The organization's slug; for one made before slugs were given at sign-up, the one its name would get
    (read only: a GET writes nothing)."""
    return organization.slug or free_slug(organization)


def free_slug(organization):
    """A slug from the organization's name that no other business has (acme-plumbing, acme-plumbing-2 ...)."""
    base = re.sub(r"[^a-z0-9]+", "-", organization.name.lower()).strip("-")[:56] or "business"
    candidate, n = base, 1
    while _slug_taken(organization, candidate):
        n += 1
        candidate = f"{base}-{n}"
    return candidate


@organization_created.connect
def _give_slug(organization, **_):
    """A new business gets its slug at sign-up, in the sign-up's transaction."""
    organization.slug = free_slug(organization)
    db.session.flush()


def profile_errors(organization, profile):
    """Every bad field of ``profile`` (update_profile's names) as update_profile finds them; {} when none."""
    return _profile_errors(organization, _stripped(profile))


def _stripped(profile):
    return {name: value.strip() if isinstance(value, str) else value for name, value in profile.items()}


def _profile_errors(organization, values):
    errors = {}
    for name, limit in PROFILE_LIMITS.items():
        if len(values.get(name) or "") > limit:
            errors[name] = f"At most {limit} characters."
    for name in ("name", "timezone", "primary_color"):
        if name in values and not values[name]:
            errors[name] = "Your business needs a name." if name == "name" else "This cannot be empty."
    checks = {
        "slug": (lambda v: SLUG.match(v) and len(v) <= 63, "Lower-case letters, digits and single hyphens, at most "
                                                           "63 characters, like acme-corp."),
        "domain": (lambda v: DOMAIN.match(v.lower()), "A domain name, like acme.com."),
        "timezone": (lambda v: v in available_timezones(), "An IANA time zone, like America/New_York."),
        "primary_color": (lambda v: COLOR.match(v), "A colour like #22C55E."),
        "font_family": (FONT.match, "Letters, digits, spaces, commas, quotes and hyphens, like Inter."),
        "logo_url": (lambda v: v.startswith("https://") and " " not in v, "An https:// address of the logo image."),
        "default_from_email": (_is_email, "An email address, like hello@acme.com."),
    }
    for name, (ok, message) in checks.items():
        if values.get(name) and name not in errors and not ok(values[name]):
            errors[name] = message
    if "slug" not in errors and values.get("slug") and _slug_taken(organization, values["slug"]):
        errors["slug"] = "Another business has this slug."
    return errors


def _is_email(value):
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def _slug_taken(organization, slug):
    return db.session.scalar(
        select(Organization.id).where(Organization.slug == slug, Organization.id != organization.id)
        .execution_options(**ACROSS_ORGANIZATIONS)  # slugs are unique across every business
    ) is not None


def organization_stats(organization_id):
    """Seed 001's stats of an organization, counted in SQL."""
    contacts = db.session.scalar(select(func.count()).select_from(Contact)
                                 .where(Contact.organization_id == organization_id))
    emails = db.session.scalar(select(func.count()).select_from(Message).where(
        Message.organization_id == organization_id, Message.channel == "email", Message.status.in_(SENT)))
    return {"total_contacts": contacts, "total_campaigns": _campaign_count(organization_id), "total_emails_sent": emails}


def subscription_of(organization_id, now=None):
    """Seed 001's subscription object for an installation without billing: no plan limit, and the
    emails sent this calendar month (UTC), the period that ends at ``billing_period_end``."""
    now = now or utcnow()
    start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    end = (start + timedelta(days=32)).replace(day=1)
    sent = db.session.scalar(select(func.count()).select_from(Message).where(
        Message.organization_id == organization_id, Message.channel == "email",
        Message.status.in_(SENT), Message.sent_at >= start))
    return {"plan": "self_hosted", "status": "active", "email_limit": None, "emails_sent": sent,
            "billing_period_end": end}


def _campaign_count(organization_id):
    try:
        from nudgeweb.models import Campaign
    except ImportError:  # the campaigns area is not in this build yet
        return 0
    return db.session.scalar(select(func.count()).select_from(Campaign)
                             .where(Campaign.organization_id == organization_id))


def team_of(organization_id):
    return db.session.scalars(
        select(Membership).where(Membership.organization_id == organization_id).order_by(Membership.created_at)
    ).all()


def member_of(organization_id, user_id):
    """The membership of ``user_id`` in the organization, or None."""
    return db.session.scalar(select(Membership).where(Membership.organization_id == organization_id,
                                                      Membership.user_id == user_id))


def _owner_count(organization_id):
    return db.session.scalar(
        select(func.count()).where(
            Membership.organization_id == organization_id, Membership.role == "owner"
        )
    )


def change_role(membership, role, acting):
    """Owners may change anyone; admins may not touch owners or make one."""
    if acting.role != "owner" and "owner" in (membership.role, role):
        raise AccountError("Only an owner can change who is an owner.", "role")
    if membership.role == "owner" and role != "owner" and _owner_count(membership.organization_id) == 1:
        raise AccountError("A business needs at least one owner.", "role")
    membership.role = role
    db.session.flush()
    after_commit(credentials_changed.send)  # the member's keys and tokens act with the new role


def remove_member(membership, acting):
    if membership.role == "owner" and acting.role != "owner":
        raise AccountError("Only an owner can remove an owner.", "role")
    if membership.role == "owner" and _owner_count(membership.organization_id) == 1:
        raise AccountError("A business needs at least one owner.", "role")
    db.session.delete(membership)
    db.session.flush()
    after_commit(credentials_changed.send)  # the member's keys and tokens stop working
