"""Campaigns: write, check, schedule, duplicate and delete them. Sending is in sending.py.

A campaign's content is its own (HTML and text, or an SMS body): written here, or copied from a
template when it is made from one, so that editing the template later never changes a campaign that
is on its way. The checks render the content for a sample contact (the templates' sandbox), so an
unknown variable is an error at its field before anything is sent.
"""
import re
import uuid
from datetime import datetime, timezone
from types import SimpleNamespace
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select

from nudgeweb.auth.verification import require_verified_sender
from nudgeweb.campaigns import audience as audiences
from nudgeweb.campaigns.lists import lists_by_ids
from nudgeweb.campaigns.signals import campaign_due
from nudgeweb.delivery.transports import sender_domains, sending_settings
from nudgeweb.field_errors import FieldErrors
from nudgeweb.message_templates import operations as templates
from nudgeweb.message_templates.rendering import TemplateRenderError, sms_segments
from nudgeweb.models import Organization, Segment, db, utcnow
from nudgeweb.models.campaigns import Campaign, CampaignRecipient
from nudgeweb.models.templates import MessageTemplate
from nudgeweb.unit_of_work import after_commit

CHANNELS = ("email", "sms")
MAX_SMS_SEGMENTS = 10
MAX_TAGS = 50
EDITABLE = ("draft", "scheduled")
TEXT_LIMITS = {"name": 200, "subject": 500, "preview_text": 200, "from_name": 200, "from_email": 254,
               "reply_to": 254, "html_content": 256 * 1024, "text_content": 128 * 1024, "body": 1600}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
DEFAULT_SETTINGS = {"track_opens": True, "track_clicks": True, "google_analytics": False}


class CampaignError(FieldErrors):
    """A campaign's attributes, or what is asked of it, cannot be used."""


class CampaignStateError(ValueError):
    """What was asked does not fit the campaign's status (the API's 409)."""


def campaigns_query(organization_id, status=None):
    query = select(Campaign).where(Campaign.organization_id == organization_id)
    return query.where(Campaign.status == status) if status else query


def create_campaign(organization, data, user=None):
    campaign = Campaign(organization_id=organization.id, channel=data.get("channel") or "email", status="draft",
                        audience={}, settings=dict(DEFAULT_SETTINGS), variables=[],
                        created_by_id=getattr(user, "id", None), **dict.fromkeys(TEXT_LIMITS, ""))
    _apply(campaign, data, new=True)
    db.session.add(campaign)
    db.session.flush()
    return campaign


def update_campaign(campaign, data):
    """Change a draft or a scheduled campaign; a scheduled one goes back to draft (to be scheduled again)."""
    if campaign.status not in EDITABLE:
        raise CampaignStateError(f"A {campaign.status} campaign can no longer be changed; duplicate it instead.")
    _apply(campaign, data)
    if campaign.status == "scheduled":
        campaign.status, campaign.scheduled_at = "draft", None
    db.session.flush()
    return campaign


def _apply(campaign, data, new=False):
    errors = {}
    if "channel" in data or new:
        if (data.get("channel") or "email") not in CHANNELS:
            errors["channel"] = "Choose email or sms."
        else:
            campaign.channel = data.get("channel") or "email"
    for field, limit in TEXT_LIMITS.items():
        if field in data and data[field] is not None:
            value = str(data[field])
            if len(value) > limit:
                errors[field] = f"{field.replace('_', ' ').capitalize()} is limited to {limit:,} characters."
            else:
                setattr(campaign, field, value.strip() if limit <= 500 else value)
    if new or "name" in data:
        if not campaign.name:
            errors.setdefault("name", "Give the campaign a name.")
    for field in ("from_email", "reply_to"):
        value = getattr(campaign, field)
        if field in data and value and not EMAIL.match(value):
            errors.setdefault(field, "Enter an email address, like news@example.com.")
    if data.get("template_id"):
        _copy_template(campaign, data, errors)
    _apply_audience(campaign, data, errors)
    if "settings" in data and data["settings"] is not None:
        _apply_settings(campaign, data["settings"], errors)
    if "send_rate" in data:
        rate = data["send_rate"]
        if rate is not None and (not isinstance(rate, (int, float)) or not 0 < rate <= 1000):
            errors["send_rate"] = "The send rate is a number of messages a second, from 0.01 to 1000."
        else:
            campaign.send_rate = rate
    if not errors:
        errors = content_errors(campaign)
    if errors:
        raise CampaignError(errors)


def _copy_template(campaign, data, errors):
    template = db.session.scalar(select(MessageTemplate).where(
        MessageTemplate.organization_id == campaign.organization_id, MessageTemplate.id == _uuid(data["template_id"])))
    if template is None:
        errors["template_id"] = "No template with this id."
        return
    if template.channel != campaign.channel:
        errors["template_id"] = f"This is an {template.channel} template; the campaign is by {campaign.channel}."
        return
    campaign.template_id = template.id
    campaign.variables = list(template.variables or [])
    for field in ("subject", "html_content", "text_content", "body"):
        if not data.get(field):
            setattr(campaign, field, getattr(template, field) or "")


AUDIENCE_FIELDS = {"recipient_list_id": "list_id", "segment_id": "segment_id", "tags": "tags",
                   "send_to_all": "all", "exclude_list_ids": "exclude_list_ids", "exclude_tags": "exclude_tags"}


def _apply_audience(campaign, data, errors):
    audience = dict(campaign.audience or {})
    organization_id = campaign.organization_id
    for field, key in AUDIENCE_FIELDS.items():
        if field not in data:
            continue
        value = data[field]
        try:
            if field == "recipient_list_id":
                value = str(lists_by_ids(organization_id, [value], field)[0].id) if value else None
            elif field == "exclude_list_ids":
                value = [str(item.id) for item in lists_by_ids(organization_id, value or [], field)]
            elif field == "segment_id":
                value = _segment_id(organization_id, value) if value else None
            elif field in ("tags", "exclude_tags"):
                value = _tags(value, field)
            else:
                value = bool(value)
        except FieldErrors as error:
            errors.update(error.errors)
            continue
        audience[key] = value
    campaign.audience = {key: value for key, value in audience.items() if value not in (None, [], False)}


def audience_from(campaign, data):
    """The audience the audience fields in ``data`` name, checked but not saved (the live count)."""
    draft = Campaign(organization_id=campaign.organization_id, channel=campaign.channel, audience={})
    _apply_audience(draft, data, {})
    return draft.audience


def _segment_id(organization_id, value):
    segment = db.session.scalar(select(Segment).where(Segment.organization_id == organization_id,
                                                      Segment.id == _uuid(value)))
    if segment is None:
        raise CampaignError({"segment_id": "No segment with this id."})
    return str(segment.id)


def _tags(value, field):
    if isinstance(value, str):
        value = [part for part in value.split(",")]
    if not isinstance(value, list) or len(value) > MAX_TAGS:
        raise CampaignError({field: f"Give at most {MAX_TAGS} tag names."})
    names = [" ".join(str(name).split()) for name in value]
    if any(len(name) > 50 for name in names):
        raise CampaignError({field: "A tag name is limited to 50 characters."})
    return [name for name in dict.fromkeys(names) if name]


def _apply_settings(campaign, settings, errors):
    if not isinstance(settings, dict):
        errors["settings"] = "Settings are an object: track_opens, track_clicks, google_analytics."
        return
    merged = dict(campaign.settings or DEFAULT_SETTINGS)
    for key in ("track_opens", "track_clicks"):
        if key in settings:
            merged[key] = bool(settings[key])
    if "google_analytics" in settings:
        value = settings["google_analytics"]
        if isinstance(value, dict):
            value = {k: str(v)[:100] for k, v in value.items() if k in ("utm_source", "utm_medium", "utm_campaign")}
        merged["google_analytics"] = value if isinstance(value, dict) else bool(value)
    campaign.settings = merged


def content_template(campaign, organization=None):
    """The campaign's content as the renderer takes a template."""
    return SimpleNamespace(
        id=campaign.template_id, organization=organization or db.session.get(Organization, campaign.organization_id),
        channel=campaign.channel, subject=campaign.subject, html_content=campaign.html_content,
        text_content=campaign.text_content, body=campaign.body, variables=campaign.variables or [],
    )


def content_errors(campaign):
    """{field: message} for what rendering the content for a sample contact finds wrong."""
    template = content_template(campaign)
    has_content = (campaign.html_content.strip() or campaign.text_content.strip()) if campaign.channel == "email" \
        else campaign.body.strip()
    if not has_content:
        return {}  # a draft may be empty; sending_errors asks for content
    try:
        rendered = templates.preview(template, context={"footer_address": ""})
    except TemplateRenderError as error:
        return {error.field or ("body" if campaign.channel == "sms" else "html_content"): str(error)}
    if campaign.channel == "sms" and sms_segments(rendered.body or "").segments > MAX_SMS_SEGMENTS:
        return {"body": f"The text message is {sms_segments(rendered.body).segments} segments long; "
                        f"at most {MAX_SMS_SEGMENTS} go out. Shorten it."}
    return {}


def sending_errors(campaign, organization):
    """{field: message} for what keeps the campaign from going out (checked before sending or scheduling)."""
    errors = {}
    if campaign.channel == "email":
        if not campaign.subject.strip():
            errors["subject"] = "Write a subject line."
        if not campaign.html_content.strip() and not campaign.text_content.strip():
            errors["html_content"] = "Write the email, as HTML or as plain text."
        if not (organization.footer_address or "").strip():
            errors["footer_address"] = ("Add your business's postal address in Settings → Business profile: "
                                        "every marketing email must show it.")
    elif not campaign.body.strip():
        errors["body"] = "Write the text message."
    if not audiences.has_audience(campaign.audience or {}):
        errors["audience"] = "Choose who gets the campaign: a list, a segment, tags, or every subscribed contact."
    errors.update(content_errors(campaign))
    sender = sender_error(campaign)
    if sender:
        errors["from_email"] = sender
    return errors


def sender_error(campaign, from_email=None):
    """Why the campaign may not send from its ``from_email`` (or the one given; None when it may, or has none):
    only from the business's own sending domain or the install's. A draft may hold another (seed 001's body
    does); sending or scheduling it is refused at the field, and the pages refuse it at the sender step."""
    from_email = campaign.from_email if from_email is None else from_email
    if campaign.channel != "email" or not from_email:
        return None
    domains = sender_domains(sending_settings(campaign.organization_id))
    if from_email.rpartition("@")[2].lower() in domains:
        return None
    return (f"Send from an address at {' or '.join(domains)}: mail from another domain is refused or lands in spam. "
            "To use your own, set up your mail server or DKIM in Settings → Sending.")


def check_sendable(campaign, organization):
    """Raise what keeps the campaign from going: its status, its fields (CampaignError), or an owner whose
    email is not verified yet (EmailNotVerified: nothing goes to customers until it is)."""
    if campaign.status not in EDITABLE:
        raise CampaignStateError(f"The campaign is {campaign.status}; only a draft or a scheduled one can be sent.")
    require_verified_sender(organization.id)
    errors = sending_errors(campaign, organization)
    if errors:
        raise CampaignError(errors)


def local_moment(value, zone_name, field="scheduled_at"):
    """``value`` (an aware datetime, or a naive one / ISO text meaning wall time in ``zone_name``) in UTC."""
    try:
        zone = ZoneInfo(zone_name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        raise CampaignError({"timezone": "Use a time zone name, like America/New_York."}) from None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise CampaignError({field: "Use an ISO 8601 time, like 2026-07-01T10:00:00."}) from None
    if not isinstance(value, datetime):
        raise CampaignError({field: "Give the time to send."})
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)  # wall time there; zoneinfo picks the right offset across DST
    return value.astimezone(timezone.utc)


def schedule(campaign, organization, scheduled_at, zone_name=None, send_time_optimization=False, now=None):
    """Send the campaign at ``scheduled_at`` (see local_moment); with ``send_time_optimization`` each
    contact who has a time zone gets it at that wall-clock time in their own zone."""
    check_sendable(campaign, organization)
    zone_name = zone_name or organization.timezone
    moment = local_moment(scheduled_at, zone_name)
    if moment <= (now or utcnow()):
        raise CampaignError({"scheduled_at": "This time has passed; choose a time in the future."})
    campaign.status, campaign.scheduled_at, campaign.timezone = "scheduled", moment, zone_name
    campaign.send_time_optimization = bool(send_time_optimization)
    db.session.flush()
    start = earliest_start(campaign) if campaign.send_time_optimization else moment
    after_commit(campaign_due.send, campaign.organization_id, campaign_id=campaign.id, eta=start)
    return campaign


def plan_schedule(campaign, organization, scheduled_at=None, zone_name=None, send_time_optimization=False,
                  now=None):
    """Remember when a draft is to go (None: as soon as it is sent); schedule() makes it so."""
    if campaign.status not in EDITABLE:
        raise CampaignStateError(f"A {campaign.status} campaign can no longer be changed.")
    if scheduled_at in (None, ""):
        campaign.scheduled_at, campaign.send_time_optimization = None, False
    else:
        zone_name = zone_name or organization.timezone
        moment = local_moment(scheduled_at, zone_name)
        if moment <= (now or utcnow()):
            raise CampaignError({"scheduled_at": "This time has passed; choose a time in the future."})
        campaign.scheduled_at, campaign.timezone = moment, zone_name
        campaign.send_time_optimization = bool(send_time_optimization)
    if campaign.status == "scheduled":
        campaign.status = "draft"
    db.session.flush()
    return campaign


def earliest_start(campaign):
    """When the first contact's local time reaches the scheduled wall-clock time (UTC+14 comes first)."""
    wall = campaign.scheduled_at.astimezone(ZoneInfo(campaign.timezone or "UTC")).replace(tzinfo=None)
    return min(campaign.scheduled_at, wall.replace(tzinfo=ZoneInfo("Etc/GMT-14")).astimezone(timezone.utc))


def unschedule(campaign):
    if campaign.status != "scheduled":
        raise CampaignStateError(f"The campaign is {campaign.status}, not scheduled.")
    campaign.status, campaign.scheduled_at = "draft", None
    db.session.flush()
    return campaign


def duplicate(campaign, name=None, include_recipients=True):
    copy = Campaign(organization_id=campaign.organization_id, status="draft", created_by_id=campaign.created_by_id)
    for column in ("channel", "subject", "preview_text", "from_name", "from_email", "reply_to", "template_id",
                   "html_content", "text_content", "body", "variables", "settings", "send_rate", "timezone"):
        setattr(copy, column, getattr(campaign, column))
    copy.audience = dict(campaign.audience or {}) if include_recipients else {}
    copy.name = (name or f"Copy of {campaign.name}")[:200]
    db.session.add(copy)
    db.session.flush()
    return copy


def delete_campaign(campaign):
    if campaign.status != "draft":
        raise CampaignStateError(f"Only a draft can be deleted; this campaign is {campaign.status}"
                                 + (" (cancel it first)." if campaign.status in ("scheduled", "sending", "paused")
                                    else " and its report is kept."))
    db.session.delete(campaign)
    db.session.flush()


def recipient_count(campaign):
    from sqlalchemy import func

    return db.session.scalar(select(func.count()).select_from(CampaignRecipient).where(
        CampaignRecipient.organization_id == campaign.organization_id, CampaignRecipient.campaign_id == campaign.id))


def _uuid(value):
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError:
        return None
