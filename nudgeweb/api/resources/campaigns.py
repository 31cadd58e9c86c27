"""Campaigns (seed 001): list, get, create, update, delete, schedule, send, pause, resume, cancel, test,
duplicate and analytics, on the campaigns area's operations (the same checks as the pages)."""
from datetime import date, datetime, time, timezone
from typing import Any

from flask import g
from pydantic import BaseModel, Field
from sqlalchemy import select

from nudgeweb.api import Attributes, Body, ListSpec, ResourceType, api_route, documents, iso
from nudgeweb.api.errors import ApiError, bad_parameter
from nudgeweb.api.resources.lists import LISTS
from nudgeweb.api.resources.templates import TEMPLATES
from nudgeweb.campaigns import operations, report, sending, testing
from nudgeweb.campaigns.operations import AUDIENCE_FIELDS, CampaignStateError
from nudgeweb.models import Campaign, MessageTemplate, Organization, db
from nudgeweb.models.campaigns import CAMPAIGN_STATUSES
from nudgeweb.scoping import get_or_404

TAGS = ["Campaigns"]
INCLUDES = {"stats": "The campaign's figures in attributes.stats.",
            "templates": "The template it was made from.", "recipients": "The list it goes to."}


class Stats(BaseModel):
    recipients: int = 0
    sent: int = 0
    delivered: int = 0
    opened: int = 0
    clicked: int = 0
    bounced: int = 0
    complained: int = 0
    unsubscribed: int = 0
    kept_in_outbox: int = Field(0, description="Kept in the local outbox (no mail server or Twilio set up): "
                                               "delivered to no one, and not counted as sent.")


class CampaignAttributes(Attributes):
    organization_id: str | None = None
    user_id: str | None = None
    name: str | None = Field(None, examples=["Summer Sale Campaign"])
    channel: str | None = Field(None, examples=["email"], description="email or sms")
    subject: str | None = Field(None, examples=["Don't Miss Our Summer Sale!"])
    preview_text: str | None = None
    from_name: str | None = Field(None, examples=["Acme Plumbing"])
    from_email: str | None = Field(None, examples=["hello@example.com"])
    reply_to: str | None = Field(None, examples=["support@example.com"])
    html_content: str | None = Field(None, examples=["<html>...</html>"])
    text_content: str | None = Field(None, examples=["Plain text version..."])
    body: str | None = Field(None, description="The SMS text.")
    template_id: str | None = None
    recipient_list_id: str | None = None
    segment_id: str | None = None
    tags: list[str] | None = None
    send_to_all: bool | None = None
    exclude_list_ids: list[str] | None = None
    exclude_tags: list[str] | None = None
    status: str | None = Field(None, examples=["draft"], description=", ".join(CAMPAIGN_STATUSES))
    scheduled_at: str | None = Field(None, examples=["2026-07-01T14:00:00Z"])
    timezone: str | None = Field(None, examples=["America/New_York"])
    send_time_optimization: bool | None = None
    send_rate: float | None = Field(None, description="Messages a second (null: the channel's default).")
    sent_at: str | None = None
    settings: dict[str, Any] | None = Field(None, examples=[{"track_opens": True, "track_clicks": True,
                                                             "google_analytics": True}])
    stats: Stats | None = Field(None, description="With include=stats (always on one campaign).")
    created_at: str | None = None
    updated_at: str | None = None


class CampaignIn(Body):
    """A campaign's attributes (seed 001's create body); on update only those given change."""

    name: str | None = Field(None, max_length=200, examples=["Black Friday Sale"])
    channel: str | None = Field(None, examples=["email"], description="email (default) or sms")
    subject: str | None = Field(None, max_length=500, examples=["48 Hour Flash Sale - Up to 70% Off!"])
    preview_text: str | None = Field(None, max_length=200)
    from_name: str | None = Field(None, max_length=200, examples=["Your Store"])
    from_email: str | None = Field(None, max_length=254, examples=["deals@yourstore.com"], description=(
        "Kept with the campaign; email goes out from your verified sending address with from_name as its name."))
    reply_to: str | None = Field(None, max_length=254, examples=["support@yourstore.com"])
    html_content: str | None = Field(None, max_length=256 * 1024)
    text_content: str | None = Field(None, max_length=128 * 1024)
    body: str | None = Field(None, max_length=1600, description="The SMS text (at most 10 segments).")
    template_id: str | None = Field(None, description="Copy the content of this template (of the same channel).")
    recipient_list_id: str | None = Field(None, description="Send to the confirmed members of this list.")
    segment_id: str | None = Field(None, description="...and/or the contacts of this segment.")
    tags: list[str] | None = Field(None, max_length=50, description="...and/or the contacts with any of these tags.")
    send_to_all: bool | None = Field(None, description="Every subscribed contact.")
    exclude_list_ids: list[str] | None = Field(None, max_length=50)
    exclude_tags: list[str] | None = Field(None, max_length=50)
    settings: dict[str, Any] | None = Field(None, description="track_opens, track_clicks, google_analytics (true, or "
                                                              "an object of utm_source, utm_medium, utm_campaign).")
    send_rate: float | None = Field(None, gt=0, le=1000)

    model_config = {"json_schema_extra": {"examples": [{
        "name": "Black Friday Sale", "subject": "48 Hour Flash Sale - Up to 70% Off!", "from_name": "Your Store",
        "from_email": "deals@yourstore.com", "reply_to": "support@yourstore.com",
        "html_content": "<html><body><h1>Black Friday Sale!</h1></body></html>",
        "text_content": "Black Friday Sale! Visit our store...", "recipient_list_id": "0190d1a2-0000-7000-8000-000000000000",
        "settings": {"track_opens": True, "track_clicks": True, "google_analytics": True},
    }]}}


class ScheduleIn(Body):
    scheduled_at: str = Field(max_length=40, examples=["2026-07-01T10:00:00"], description=(
        "ISO 8601; without an offset it is wall-clock time in ``timezone``."))
    timezone: str | None = Field(None, max_length=64, examples=["America/New_York"])
    send_time_optimization: bool = Field(False, description="Each contact with a time zone gets it at that time "
                                                            "in their own zone.")


class SendIn(Body):
    scheduled_at: str | None = Field(None, max_length=40, description="Schedule instead of sending now (the SDK's "
                                                                      "send with a time).")
    timezone: str | None = Field(None, max_length=64)


class CampaignTestIn(Body):
    recipients: list[str] = Field(min_length=1, max_length=10, examples=[["test1@example.com"]])
    personalization: dict[str, Any] | None = Field(None, examples=[{"first_name": "John", "last_name": "Doe"}])


class DuplicateIn(Body):
    name: str | None = Field(None, max_length=200, examples=["Copy of Summer Campaign"])
    include_recipients: bool = True


def _attributes(campaign):
    audience = campaign.audience or {}
    attributes = {
        "organization_id": str(campaign.organization_id),
        "user_id": str(campaign.created_by_id) if campaign.created_by_id else None,
        **{name: getattr(campaign, name) or None for name in (
            "name", "channel", "subject", "preview_text", "from_name", "from_email", "reply_to", "html_content",
            "text_content", "body", "status", "timezone", "send_rate")},
        **{field: audience.get(key) for field, key in AUDIENCE_FIELDS.items()},
        "send_to_all": bool(audience.get("all")),
        "template_id": str(campaign.template_id) if campaign.template_id else None,
        "send_time_optimization": campaign.send_time_optimization,
        "scheduled_at": iso(campaign.scheduled_at), "sent_at": iso(campaign.sent_at),
        "settings": campaign.settings or {}, "created_at": iso(campaign.created_at),
        "updated_at": iso(campaign.updated_at),
        "stats": report.stats(campaign) if "stats" in g.get("campaign_include", ()) else None,
    }
    return attributes


def _relationships(campaign):
    audience = campaign.audience or {}
    return {
        "template": {"data": {"type": "templates", "id": str(campaign.template_id)} if campaign.template_id else None},
        "recipient_list": {"data": {"type": "lists", "id": audience["list_id"]} if audience.get("list_id") else None},
    }


CAMPAIGNS = ResourceType("campaigns", _attributes, CampaignAttributes, path="/campaigns",
                         relationships=_relationships, includes=INCLUDES)
CAMPAIGN_LIST = ListSpec(
    filters={"status": f"One of {', '.join(CAMPAIGN_STATUSES)}.",
             "created_after": "Created on or after this date or time (ISO 8601, UTC)."},
    sorts={"created_at": Campaign.created_at, "scheduled_at": Campaign.scheduled_at, "name": Campaign.name},
    includes=INCLUDES, default_sort="-created_at", id_column=Campaign.id,
)


def _included(campaigns, names):
    found = []
    if "templates" in names:
        ids = {c.template_id for c in campaigns if c.template_id}
        found += [TEMPLATES.resource(t) for t in db.session.scalars(
            select(MessageTemplate).where(MessageTemplate.id.in_(ids)))] if ids else []
    if "recipients" in names:
        ids = {(c.audience or {}).get("list_id") for c in campaigns} - {None}
        if ids:
            from nudgeweb.campaigns.lists import lists_by_ids

            found += [LISTS.resource(item) for item in lists_by_ids(g.credential.organization_id, ids)]
    return found


def _organization():
    return db.session.get(Organization, g.credential.organization_id)


def _campaign(campaign_id):
    return get_or_404(Campaign, campaign_id)


def _one(campaign, status=200, headers=None):
    g.campaign_include = {"stats", *g.get("document_include", ())}
    return documents.single(CAMPAIGNS, campaign, status=status, headers=headers,
                            included=_included([campaign], g.get("document_include", ())))


def _state_changed(action):
    """Run ``action``; a request that does not fit the campaign's status is a 409 saying why."""
    try:
        return action()
    except CampaignStateError as error:
        raise ApiError(409, str(error), "ERR_INVALID_STATE", "Not possible in this status") from None


@api_route("/campaigns", "GET", summary="List campaigns", tags=TAGS, scope="campaigns:read", list_spec=CAMPAIGN_LIST,
           response=CAMPAIGNS, many=True)
def list_campaigns(params):
    g.campaign_include = set(params.include)
    statement = operations.campaigns_query(g.credential.organization_id)
    if "status" in params.filters:
        if params.filters["status"] not in CAMPAIGN_STATUSES:
            raise bad_parameter("filter[status]", f"Use one of {', '.join(CAMPAIGN_STATUSES)}.")
        statement = statement.where(Campaign.status == params.filters["status"])
    if "created_after" in params.filters:
        statement = statement.where(Campaign.created_at >= _moment(params.filters["created_after"],
                                                                   "filter[created_after]"))
    return documents.list_response(CAMPAIGNS, statement, CAMPAIGN_LIST, params, include=_included)


def _moment(value, parameter):
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = datetime.combine(date.fromisoformat(value), time())
        except ValueError:
            raise bad_parameter(parameter, "Use an ISO 8601 date or time, like 2026-01-31.") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


@api_route("/campaigns", "POST", summary="Create a campaign", tags=TAGS, scope="campaigns:write", body=CampaignIn,
           response=CAMPAIGNS, status=201,
           description="A draft. Its content is rendered for a sample contact first: an unknown variable, a list, "
                       "segment or template of no one here, an SMS over 10 segments are each a 422 at the attribute.")
def create_campaign(body):
    campaign = operations.create_campaign(_organization(), body.model_dump(exclude_unset=True),
                                          user=g.credential.membership.user)
    return _one(campaign, 201, {"Location": f"{documents.api_root()}/campaigns/{campaign.id}"})


@api_route("/campaigns/<campaign_id>", "GET", summary="Get a campaign", tags=TAGS, scope="campaigns:read",
           response=CAMPAIGNS, description="Always with its stats; include=templates,recipients adds those.")
def get_campaign(campaign_id):
    return _one(_campaign(campaign_id))


def _update(campaign_id, body):
    campaign = _campaign(campaign_id)
    return _one(_state_changed(lambda: operations.update_campaign(campaign, body.model_dump(exclude_unset=True))))


@api_route("/campaigns/<campaign_id>", "PUT", summary="Update a campaign", tags=TAGS, scope="campaigns:write",
           body=CampaignIn, response=CAMPAIGNS, endpoint="put_campaign", errors=("409",),
           description="A draft or a scheduled campaign (which goes back to draft); the attributes given change.")
def put_campaign(campaign_id, body):
    return _update(campaign_id, body)


@api_route("/campaigns/<campaign_id>", "PATCH", summary="Update some of a campaign", tags=TAGS,
           scope="campaigns:write", body=CampaignIn, response=CAMPAIGNS, endpoint="patch_campaign", errors=("409",))
def patch_campaign(campaign_id, body):
    return _update(campaign_id, body)


@api_route("/campaigns/<campaign_id>", "DELETE", summary="Delete a draft campaign", tags=TAGS,
           scope="campaigns:write", status=204, errors=("409",))
def delete_campaign(campaign_id):
    campaign = _campaign(campaign_id)
    _state_changed(lambda: operations.delete_campaign(campaign))
    return None


@api_route("/campaigns/<campaign_id>/schedule", "POST", summary="Schedule a campaign", tags=TAGS,
           scope="campaigns:write", body=ScheduleIn, response=CAMPAIGNS, errors=("409",))
def schedule_campaign(campaign_id, body):
    campaign = _campaign(campaign_id)
    return _one(_state_changed(lambda: operations.schedule(
        campaign, _organization(), body.scheduled_at, body.timezone, body.send_time_optimization)))


@api_route("/campaigns/<campaign_id>/send", "POST", summary="Send a campaign now", tags=TAGS,
           scope="campaigns:write", body=SendIn, response=CAMPAIGNS, errors=("409",),
           description="Fixes the audience and starts sending (or schedules, given scheduled_at).")
def send_campaign(campaign_id, body):
    campaign, organization = _campaign(campaign_id), _organization()
    if body.scheduled_at:
        return _one(_state_changed(lambda: operations.schedule(campaign, organization, body.scheduled_at,
                                                               body.timezone)))
    return _one(_state_changed(lambda: sending.start(campaign, organization)))


def _action(rule, summary, action, description=""):
    def view(campaign_id):
        campaign = _campaign(campaign_id)
        return _one(_state_changed(lambda: action(campaign)))

    view.__name__ = f"{summary.split()[0].lower()}_campaign"
    api_route(f"/campaigns/<campaign_id>/{rule}", "POST", summary=summary, tags=TAGS, scope="campaigns:write",
              response=CAMPAIGNS, errors=("409",), description=description)(view)


_action("pause", "Pause a sending campaign", sending.pause, "Nobody else gets it until it is resumed.")
_action("resume", "Resume a paused campaign", sending.resume)
_action("cancel", "Cancel a campaign", sending.cancel, "Scheduled, sending or paused: nobody else gets it.")


@api_route("/campaigns/<campaign_id>/test", "POST", summary="Send a test", tags=TAGS, scope="campaigns:write",
           body=CampaignTestIn, response=CAMPAIGNS,
           description="The message as a contact with the personalization given would get it, to these addresses "
                       "(email) or numbers (SMS); nothing is counted in the campaign's figures.")
def test_campaign(campaign_id, body):
    campaign = _campaign(campaign_id)
    sent = testing.send_test(campaign, _organization(), body.recipients, body.personalization or {})
    g.campaign_include = set()
    return documents.single(CAMPAIGNS, campaign, meta={"sent_to": sent})


@api_route("/campaigns/<campaign_id>/duplicate", "POST", summary="Duplicate a campaign", tags=TAGS,
           scope="campaigns:write", body=DuplicateIn, response=CAMPAIGNS, status=201)
def duplicate_campaign(campaign_id, body):
    copy = operations.duplicate(_campaign(campaign_id), body.name, body.include_recipients)
    return _one(copy, 201, {"Location": f"{documents.api_root()}/campaigns/{copy.id}"})


class AnalyticsQuery(BaseModel):
    granularity: str | None = Field(None, description="hour, day, week or month (default: hours for the first "
                                                       "two days, then days)")
    metrics: str | None = Field(None, description="Comma-separated names of metrics to answer (default: all).")
    start_date: str | None = Field(None, description="ISO 8601 date or time (the timeline from then).")
    end_date: str | None = Field(None, description="ISO 8601 date or time (the timeline until then).")


@api_route("/campaigns/<campaign_id>/analytics", "GET", summary="A campaign's analytics", tags=TAGS,
           scope="campaigns:read", query=AnalyticsQuery)
def campaign_analytics(campaign_id, query):
    campaign = _campaign(campaign_id)
    if query.granularity and query.granularity not in ("hour", "day", "week", "month"):
        raise bad_parameter("granularity", "Use hour, day, week or month.")
    start = _moment(query.start_date, "start_date") if query.start_date else None
    end = _moment(query.end_date, "end_date") if query.end_date else None
    figures = report.metrics(campaign)
    if query.metrics:
        wanted = {name.strip() for name in query.metrics.split(",")}
        figures = {name: value for name, value in figures.items() if name in wanted or name.split("_rate")[0] in wanted}
    devices, clients = report.devices_and_clients(campaign)
    return documents.respond({"data": {
        "campaign_id": str(campaign.id), "metrics": figures,
        "timeline": report.timeline(campaign, query.granularity, start, end),
        "links": report.top_links(campaign), "devices": devices, "clients": clients,
    }})
