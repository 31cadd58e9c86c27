"""Nudges in the API, exactly as seed 004 shows them: a read-only list with filter, sort, include and
page[number]/page[size]; each nudge links to itself as ``nudges?filter[id]=…`` (there is no
/nudges/{id}); a missing key answers the seed's 401 document word for word."""
from pydantic import Field
from sqlalchemy import false, select

from nudgeweb.api import Attributes, ListSpec, ResourceType, api_route, documents
from nudgeweb.api.credentials import current_credential
from nudgeweb.api.errors import bad_parameter
from nudgeweb.api.params import Version, paginate_prepared
from nudgeweb.api.prepared import remembered_each
from nudgeweb.api.resources.campaign_periods import included_periods
from nudgeweb.api.resources.employees import included_employees, millis
from nudgeweb.models.employees import Nudge
from nudgeweb.models.messages import MESSAGE_CHANNELS
from nudgeweb.nudges.operations import parse_uuid

FILTER_BY_ID = "?filter%5Bid%5D="


class NudgeAttributes(Attributes):
    channel: str | None = Field(None, examples=["email"], description="email or sms")
    sent_at: str | None = Field(None, examples=["2026-03-05T16:00:00.000Z"])
    template_used: str | None = Field(None, examples=["weekly-reminder-v2"])
    created_at: str | None = Field(None, examples=["2026-03-05T16:00:00.000Z"])
    updated_at: str | None = Field(None, examples=["2026-03-05T16:00:00.000Z"])


def _attributes(n):
    return {"channel": n.channel, "sent_at": millis(n.sent_at), "template_used": n.template_used,
            "created_at": millis(n.created_at), "updated_at": millis(n.updated_at)}


def _relationships(n, base=None):
    base = base or documents.api_root()
    own = _self_link(base, n.id)
    return {"employee": _related(own, base, "employee", "employees", n.employee_id),
            "campaign_period": _related(own, base, "campaign_period", "campaign_periods", n.campaign_period_id)}


def _related(own, base, name, type_, related_id):
    related_id = str(related_id)
    return {"links": {"self": f"{own}/relationships/{name}", "related": f"{base}/{type_}/{related_id}"},
            "data": {"id": related_id, "type": type_}}


def _self_link(base, nudge_id):
    return f"{base}/nudges{FILTER_BY_ID}{nudge_id}"


def _nudge(n, base):
    """A nudge's whole resource in one go (a page of them is the hot path of seed 004's list)."""
    return {"id": str(n.id), "type": "nudges", "attributes": _attributes(n), "relationships": _relationships(n, base),
            "links": {"self": _self_link(base, n.id)}}


NUDGES = ResourceType("nudges", _attributes, NudgeAttributes, path="/nudges", relationships=_relationships,
                      self_link=_self_link, build=_nudge)
NUDGE_LIST = ListSpec(
    filters={"id": "A nudge's id", "campaign_period_id": "A campaign period's id", "employee_id": "An employee's id",
             "channel": "email or sms"},
    sorts={"id": Nudge.id, "sent_at": Nudge.sent_at, "channel": Nudge.channel, "created_at": Nudge.created_at,
           "updated_at": Nudge.updated_at},
    default_sort="-created_at",
    includes={"employee": "The employee nudged", "campaign_period": "The campaign period"},
    id_column=Nudge.id)
_ID_FILTERS = {"id": Nudge.id, "campaign_period_id": Nudge.campaign_period_id, "employee_id": Nudge.employee_id}


# What a page reads of each nudge: its document's columns, as plain rows (no ORM objects to build).
READ_COLUMNS = (Nudge.id, Nudge.employee_id, Nudge.campaign_period_id, Nudge.channel, Nudge.sent_at,
                Nudge.template_used, Nudge.created_at, Nudge.updated_at)


def nudges_query(organization_id, filters):
    """The organization's nudges that pass ``filters`` (checked by check_filters), as READ_COLUMNS."""
    statement = select(*READ_COLUMNS).where(Nudge.organization_id == organization_id)
    for name, column in _ID_FILTERS.items():
        if name in filters:
            wanted = parse_uuid(filters[name].strip())
            statement = statement.where(column == wanted if wanted is not None else false())  # no such id: none
    if "channel" in filters:
        statement = statement.where(Nudge.channel == filters["channel"])
    return statement


def check_filters(filters):
    if "channel" in filters and filters["channel"] not in MESSAGE_CHANNELS:
        raise bad_parameter("filter[channel]", "filter[channel] is email or sms.")


def included(organization_id, nudges, names, version):
    """The employees and campaign periods of the page's nudges, each once. Their resources are kept in
    this process under the organization's nudges_version, which every change to its employees, periods
    and who takes part in them raises (nudges.operations)."""
    found = []
    if "employee" in names:
        found += _kept(organization_id, version, "employees", {n.employee_id for n in nudges}, included_employees)
    if "campaign_period" in names:
        found += _kept(organization_id, version, "campaign_periods", {n.campaign_period_id for n in nudges},
                       included_periods)
    return found


def _kept(organization_id, version, kind, ids, read):
    def compute(missing):
        return {r["id"]: r for r in read(organization_id, {parse_uuid(i) for i in missing})}

    return remembered_each(("included", organization_id, version, kind), sorted(map(str, ids)), compute)


@api_route("/nudges", "GET", summary="List nudges", tags=["Nudges"], scope="nudges:read", list_spec=NUDGE_LIST,
           response=NUDGES, many=True, seed_004_unauthorized=True,
           description="Reminders sent to employees during campaign periods (seed 004). Read-only.")
def list_nudges(params):
    organization_id = current_credential().organization_id
    check_filters(params.filters)
    version = Version(organization_id, "nudges_version")
    key = ("nudges", organization_id, tuple(sorted(params.filters.items())))
    page = paginate_prepared(key, lambda: nudges_query(organization_id, params.filters), NUDGE_LIST, params, version)
    # the version is read before the included rows are, so what is kept under it is never older than it
    includes = included(organization_id, page.rows, params.include, version.read()) if params.include else []
    return documents.collection(NUDGES, page.rows, page.links, page.meta, params.fields, includes)
