"""Campaign periods in the API (seed 004): list, get, create, update (status active starts one, ended ends it)."""
from types import SimpleNamespace
from typing import Any

from pydantic import Field
from sqlalchemy import select

from nudgeweb.api import Attributes, Body, ListSpec, ResourceType, api_route, documents
from nudgeweb.api.credentials import current_credential
from nudgeweb.api.errors import bad_parameter, not_found
from nudgeweb.api.prepared import rows_with
from nudgeweb.api.resources.employees import millis
from nudgeweb.models import db
from nudgeweb.models.employees import GOAL_KINDS, PERIOD_CHANNELS, PERIOD_STATUSES, SCHEDULE_KINDS, CampaignParticipant, CampaignPeriod
from nudgeweb.nudges import operations

TAGS = ["Campaign periods"]


class PeriodAttributes(Attributes):
    name: str | None = Field(None, examples=["March review push"])
    starts_on: str | None = Field(None, examples=["2026-03-01"], description="First day, in the business's time zone")
    ends_on: str | None = Field(None, examples=["2026-03-31"], description="Last day, in the business's time zone")
    status: str | None = Field(None, examples=["active"], description=", ".join(PERIOD_STATUSES))
    goal_kind: str | None = Field(None, examples=["reviews"], description=", ".join(GOAL_KINDS))
    goal: int | None = Field(None, examples=[20], description="Per employee")
    schedule_kind: str | None = Field(None, examples=["weekdays"], description=", ".join(SCHEDULE_KINDS))
    weekdays: list[int] | None = Field(None, examples=[[0, 3]], description="0 = Monday ... 6 = Sunday")
    send_time: str | None = Field(None, examples=["09:00"], description="Local time of the nudges")
    every_days: int | None = Field(None, examples=[7])
    channel: str | None = Field(None, examples=["preference"], description=", ".join(PERIOD_CHANNELS))
    template_name: str | None = Field(None, description="One of the business's templates; empty: the starter nudge")
    employee_ids: list[str] | None = Field(None, description="Who takes part")
    created_at: str | None = Field(None, examples=["2026-03-05T16:00:00.000Z"])
    updated_at: str | None = Field(None, examples=["2026-03-05T16:00:00.000Z"])


class PeriodIn(Body):
    name: str | None = Field(None, max_length=200, examples=["March review push"])
    starts_on: str | None = Field(None, max_length=10, examples=["2026-03-01"])
    ends_on: str | None = Field(None, max_length=10, examples=["2026-03-31"])
    goal_kind: str | None = Field(None, description=", ".join(GOAL_KINDS))
    goal: int | None = Field(None, ge=1, le=operations.MAX_GOAL, examples=[20])
    schedule_kind: str | None = Field(None, description=", ".join(SCHEDULE_KINDS))
    weekdays: list[int] | None = Field(None, max_length=7, examples=[[0, 3]])
    send_time: str | None = Field(None, max_length=8, examples=["09:00"])
    every_days: int | None = Field(None, ge=1, le=operations.MAX_EVERY_DAYS)
    channel: str | None = Field(None, description=", ".join(PERIOD_CHANNELS))
    template_name: str | None = Field(None, max_length=100)
    employee_ids: list[str] | None = Field(None, max_length=operations.MAX_PARTICIPANTS,
                                           description="Who takes part; left out: every active employee")
    status: Any = Field(None, json_schema_extra={"type": ["string", "null"], "enum": ["active", "ended", None]},
                        description="active starts a draft; ended ends an active period")


def _attributes(p):
    return {"name": p.name, "starts_on": p.starts_on.isoformat(), "ends_on": p.ends_on.isoformat(),
            "status": p.status, "goal_kind": p.goal_kind, "goal": p.goal, "schedule_kind": p.schedule_kind,
            "weekdays": p.weekdays or [], "send_time": p.send_time.strftime("%H:%M"), "every_days": p.every_days,
            "channel": p.channel, "template_name": p.template_name,
            "employee_ids": sorted(str(employee_id) for employee_id in _participant_ids(p)),
            "created_at": millis(p.created_at), "updated_at": millis(p.updated_at)}


def _participant_ids(period):
    """Who takes part, read as bare ids (a list of periods, or one included with nudges, reads many)."""
    if isinstance(period, SimpleNamespace):  # read with its participants (included_periods)
        return period.employee_ids
    if "participants" in period.__dict__:  # already loaded with the period
        return [participant.employee_id for participant in period.participants]
    return db.session.scalars(select(CampaignParticipant.employee_id).where(
        CampaignParticipant.campaign_period_id == period.id,
        CampaignParticipant.organization_id == period.organization_id)).all()


def included_periods(organization_id, period_ids):
    """The resources of these periods, read as plain rows with who takes part (included with nudges)."""
    periods = rows_with(PERIOD_COLUMNS, CampaignPeriod.id, CampaignPeriod.organization_id, organization_id,
                        period_ids)
    taking_part = {period.id: [] for period in periods}
    for period_id, employee_id in rows_with(
            (CampaignParticipant.campaign_period_id, CampaignParticipant.employee_id),
            CampaignParticipant.campaign_period_id, CampaignParticipant.organization_id, organization_id,
            period_ids):
        taking_part[period_id].append(employee_id)
    return [CAMPAIGN_PERIODS.resource(SimpleNamespace(**period._asdict(), employee_ids=taking_part[period.id]))
            for period in periods]


PERIOD_COLUMNS = (CampaignPeriod.id, CampaignPeriod.name, CampaignPeriod.starts_on, CampaignPeriod.ends_on,
                  CampaignPeriod.status, CampaignPeriod.goal_kind, CampaignPeriod.goal, CampaignPeriod.schedule_kind,
                  CampaignPeriod.weekdays, CampaignPeriod.send_time, CampaignPeriod.every_days,
                  CampaignPeriod.channel, CampaignPeriod.template_name, CampaignPeriod.created_at,
                  CampaignPeriod.updated_at)
CAMPAIGN_PERIODS = ResourceType("campaign_periods", _attributes, PeriodAttributes, path="/campaign_periods")
PERIOD_LIST = ListSpec(
    filters={"status": ", ".join(PERIOD_STATUSES)},
    sorts={"starts_on": CampaignPeriod.starts_on, "name": CampaignPeriod.name,
           "created_at": CampaignPeriod.created_at, "updated_at": CampaignPeriod.updated_at},
    default_sort="-starts_on", id_column=CampaignPeriod.id)


def _period(period_id):
    period = operations.period_of(current_credential().organization_id, period_id)
    if period is None:
        raise not_found()
    return period


def _change_status(period, status):
    if status == "active" and period.status != "active":
        operations.start_period(period)
    elif status == "ended" and period.status != "ended":
        operations.end_period(period)
    elif status not in (None, "active", "ended", period.status):
        raise operations.PeriodError({"status": "status can be set to active (start) or ended (end)."})


@api_route("/campaign_periods", "GET", summary="List campaign periods", tags=TAGS, scope="campaign_periods:read",
           list_spec=PERIOD_LIST, response=CAMPAIGN_PERIODS, many=True)
def list_campaign_periods(params):
    statement = select(CampaignPeriod).where(
        CampaignPeriod.organization_id == current_credential().organization_id)
    if "status" in params.filters:
        if params.filters["status"] not in PERIOD_STATUSES:
            raise bad_parameter("filter[status]", f"filter[status] is one of {', '.join(PERIOD_STATUSES)}.")
        statement = statement.where(CampaignPeriod.status == params.filters["status"])
    return documents.list_response(CAMPAIGN_PERIODS, statement, PERIOD_LIST, params)


@api_route("/campaign_periods", "POST", summary="Create a campaign period", tags=TAGS,
           scope="campaign_periods:write", body=PeriodIn, response=CAMPAIGN_PERIODS, status=201,
           description="A draft, unless status: active starts it at once.")
def create_campaign_period(body):
    organization = current_credential().membership.organization
    data = body.model_dump(exclude_unset=True)
    status = data.pop("status", None)
    period = operations.create_period(organization, data)
    _change_status(period, status)
    return documents.single(CAMPAIGN_PERIODS, period, status=201,
                            headers={"Location": f"{documents.api_root()}/campaign_periods/{period.id}"})


@api_route("/campaign_periods/<period_id>", "GET", summary="Get a campaign period", tags=TAGS,
           scope="campaign_periods:read", response=CAMPAIGN_PERIODS)
def get_campaign_period(period_id):
    return documents.single(CAMPAIGN_PERIODS, _period(period_id))


@api_route("/campaign_periods/<period_id>", "PATCH", summary="Update a campaign period", tags=TAGS,
           scope="campaign_periods:write", body=PeriodIn, response=CAMPAIGN_PERIODS,
           description="Only the attributes given change. An ended period cannot change.")
def update_campaign_period(period_id, body):
    period = _period(period_id)
    data = body.model_dump(exclude_unset=True)
    status = data.pop("status", None)
    if data:
        operations.update_period(period, data)
    _change_status(period, status)
    return documents.single(CAMPAIGN_PERIODS, period)
