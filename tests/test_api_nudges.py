"""Seed 004's Nudges API replayed as it stands and compared field by field; employees and campaign
periods through the API; the seed's 401; isolation."""
import json
from datetime import date, datetime, timedelta, timezone

import pytest

from nudgeweb.extensions import db
from nudgeweb.models.employees import Nudge
from nudgeweb.unit_of_work import unit_of_work
from tests.api_helpers import key_headers, make_key
from tests.nudges_support import make_period, make_team

HOST = "https://cases.shipmentbot.com"
SEED_QUERY = ("/api/v1/nudges?filter[channel]=email&filter[campaign_period_id]={period}&sort=-sent_at"
              "&include=employee,campaign_period&page[number]=1&page[size]=25")
# The response of seed 004 with its ids (21, 4, 11) as placeholders.
SEED_RESPONSE = """{
"data": [{"id": "NUDGE", "type": "nudges",
  "attributes": {"channel": "email", "sent_at": "2026-03-05T16:00:00.000Z", "template_used": "weekly-reminder-v2",
                 "created_at": "2026-03-05T16:00:00.000Z", "updated_at": "2026-03-05T16:00:00.000Z"},
  "relationships": {
    "employee": {"links": {"self": "https://cases.shipmentbot.com/api/v1/nudges?filter%5Bid%5D=NUDGE/relationships/employee",
                           "related": "https://cases.shipmentbot.com/api/v1/employees/EMPLOYEE"},
                 "data": {"id": "EMPLOYEE", "type": "employees"}},
    "campaign_period": {"links": {"self": "https://cases.shipmentbot.com/api/v1/nudges?filter%5Bid%5D=NUDGE/relationships/campaign_period",
                                  "related": "https://cases.shipmentbot.com/api/v1/campaign_periods/PERIOD"},
                        "data": {"id": "PERIOD", "type": "campaign_periods"}}},
  "links": {"self": "https://cases.shipmentbot.com/api/v1/nudges?filter%5Bid%5D=NUDGE"}}],
"included": [],
"links": {
  "self": "https://cases.shipmentbot.com/api/v1/nudges?filter%5Bchannel%5D=email&filter%5Bcampaign_period_id%5D=PERIOD&sort=-sent_at&include=employee%2Ccampaign_period&page%5Bnumber%5D=1&page%5Bsize%5D=25",
  "first": "https://cases.shipmentbot.com/api/v1/nudges?filter%5Bchannel%5D=email&filter%5Bcampaign_period_id%5D=PERIOD&sort=-sent_at&include=employee%2Ccampaign_period&page%5Bnumber%5D=1&page%5Bsize%5D=25",
  "last": "https://cases.shipmentbot.com/api/v1/nudges?filter%5Bchannel%5D=email&filter%5Bcampaign_period_id%5D=PERIOD&sort=-sent_at&include=employee%2Ccampaign_period&page%5Bnumber%5D=1&page%5Bsize%5D=25",
  "next": null, "prev": null},
"meta": {"page": {"number": 1, "size": 25, "total_records": 1, "total_pages": 1}}
}"""  # noqa: E501
SEED_401 = {"data": None, "included": [], "links": {"self": "https://cases.shipmentbot.com/api/v1/nudges"},
            "meta": {}, "errors": [{"status": "401", "title": "Unauthorized", "detail": "X-API-Key header is required."}]}
AT = datetime(2026, 3, 5, 16, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def seed_host(app):
    """The seed's host is one this server answers to (as an operator's TRUSTED_HOSTS would say)."""
    app.config["TRUSTED_HOSTS"].append("cases.shipmentbot.com")
    yield
    app.config["TRUSTED_HOSTS"].remove("cases.shipmentbot.com")


@pytest.fixture
def headers(owner):
    return {"Accept": "application/json", **key_headers(make_key(owner))}


def add_nudge(organization, employee_id, period_id, channel="email", sent_at=AT, template="weekly-reminder-v2"):
    with unit_of_work(organization.id):
        nudge = Nudge(organization_id=organization.id, employee_id=employee_id, campaign_period_id=period_id,
                      due_at=sent_at, channel=channel, sent_at=sent_at, template_used=template, status="sent",
                      created_at=sent_at, updated_at=sent_at)
        db.session.add(nudge)
        db.session.flush()
        return nudge.id


@pytest.fixture
def seed_data(organization):
    maria, dev, _sam = make_team(organization)
    period = make_period(organization)
    other_period = make_period(organization, name="Winter")
    nudge = add_nudge(organization, maria, period)
    add_nudge(organization, dev, period, channel="sms")  # filtered out by channel
    add_nudge(organization, maria, other_period)  # and by period
    return {"NUDGE": str(nudge), "EMPLOYEE": str(maria), "PERIOD": str(period), "DEV": str(dev), "ids": (dev, period)}


def test_the_seed_request_answers_the_seed_document_field_by_field(client, headers, seed_data):
    response = client.get(SEED_QUERY.format(period=seed_data["PERIOD"]), headers=headers, base_url=HOST)
    assert response.status_code == 200, response.json
    expected = SEED_RESPONSE
    for placeholder in ("NUDGE", "EMPLOYEE", "PERIOD"):
        expected = expected.replace(placeholder, seed_data[placeholder])
    expected = json.loads(expected)
    got = response.json
    assert got["data"] == expected["data"]
    assert got["links"] == expected["links"]
    assert got["meta"] == expected["meta"]
    # include=employee,campaign_period: the two related resources are really there (the seed shows [])
    assert {(r["type"], r["id"]) for r in got["included"]} == {("employees", seed_data["EMPLOYEE"]),
                                                                ("campaign_periods", seed_data["PERIOD"])}
    employee = next(r for r in got["included"] if r["type"] == "employees")
    assert employee["attributes"]["name"] == "Maria Lopez"
    assert employee["links"]["self"] == expected["data"][0]["relationships"]["employee"]["links"]["related"]
    for resource in got["included"]:  # each included resource is the one its own GET answers
        own = client.get(resource["links"]["self"].removeprefix(HOST), headers=headers, base_url=HOST)
        assert own.json["data"] == resource
    period = next(r for r in got["included"] if r["type"] == "campaign_periods")
    assert len(period["attributes"]["employee_ids"]) == 2 and period["attributes"]["send_time"] == "09:00"


def test_a_missing_key_answers_the_seed_401_word_for_word(client, seed_data):
    response = client.get("/api/v1/nudges", base_url=HOST, headers={"Accept": "application/json"})
    assert response.status_code == 401
    assert response.json == SEED_401


def test_sort_filters_and_page_links(client, headers, seed_data, organization):
    for day in (6, 7, 8):
        add_nudge(organization, *seed_data["ids"], sent_at=AT.replace(day=day))
    listed = client.get(f"/api/v1/nudges?filter[campaign_period_id]={seed_data['PERIOD']}&sort=-sent_at"
                        "&page[size]=2&page[number]=2", headers=headers).json
    assert [n["attributes"]["sent_at"][:10] for n in listed["data"]] == ["2026-03-06", "2026-03-05"]
    assert listed["meta"]["page"] == {"number": 2, "size": 2, "total_records": 5, "total_pages": 3}
    assert listed["links"]["prev"].endswith("page%5Bnumber%5D=1&page%5Bsize%5D=2")
    assert listed["links"]["next"].endswith("page%5Bnumber%5D=3&page%5Bsize%5D=2")
    assert listed["included"] == []
    by_employee = client.get(f"/api/v1/nudges?filter[employee_id]={seed_data['DEV']}&sort=channel,sent_at",
                             headers=headers).json["data"]
    assert [n["attributes"]["channel"] for n in by_employee] == ["email", "email", "email", "sms"]
    one = client.get(f"/api/v1/nudges?filter[id]={seed_data['NUDGE']}", headers=headers).json["data"]
    assert [n["id"] for n in one] == [seed_data["NUDGE"]]
    assert client.get("/api/v1/nudges?filter[id]=21", headers=headers).json["data"] == []
    bad = client.get("/api/v1/nudges?filter[channel]=fax&sort=status&include=contact", headers=headers)
    assert bad.status_code == 400
    assert {e["source"]["parameter"] for e in bad.json["errors"]} == {"sort", "include"}


def test_another_business_sees_none_of_it(client, seed_data, other_owner):
    theirs = key_headers(make_key(other_owner))
    assert client.get("/api/v1/nudges", headers=theirs).json["data"] == []
    assert client.get(f"/api/v1/nudges?filter[id]={seed_data['NUDGE']}", headers=theirs).json["data"] == []
    assert client.get(f"/api/v1/employees/{seed_data['EMPLOYEE']}", headers=theirs).status_code == 404
    assert client.get(f"/api/v1/campaign_periods/{seed_data['PERIOD']}", headers=theirs).status_code == 404
    assert client.get("/api/v1/employees", headers=theirs).json["data"] == []
    assert client.patch(f"/api/v1/employees/{seed_data['EMPLOYEE']}", headers=theirs,
                        json={"name": "Taken"}).status_code == 404


def test_employees_create_update_delete(client, headers, owner, other_owner):
    created = client.post("/api/v1/employees", headers=headers,
                          json={"name": "Ana Ruiz", "phone": "(212) 555-0199", "title": "Front desk"})
    assert created.status_code == 201, created.json
    data = created.json["data"]
    assert data["attributes"]["phone"] == "+12125550199" and data["attributes"]["preferred_channel"] == "sms"
    path = f"/api/v1/employees/{data['id']}"
    patched = client.patch(path, headers=headers, json={"active": False, "email": "ana@example.net",
                                                        "user_id": str(owner.user_id)})
    assert patched.json["data"]["attributes"]["active"] is False
    assert patched.json["data"]["attributes"]["user_id"] == str(owner.user_id)
    stranger = client.patch(path, headers=headers, json={"user_id": str(other_owner.user_id)})
    assert stranger.status_code == 422 and stranger.json["errors"][0]["source"]["pointer"] == "/data/attributes/user_id"
    assert client.get("/api/v1/employees?filter[active]=false", headers=headers).json["meta"]["page"]["total_records"] == 1
    bad = client.post("/api/v1/employees", headers=headers, json={"name": "", "email": "nope", "phone": "1"})
    assert bad.status_code == 422
    assert {e["source"]["pointer"] for e in bad.json["errors"]} == {
        "/data/attributes/name", "/data/attributes/email", "/data/attributes/phone"}
    assert client.delete(path, headers=headers).status_code == 204
    assert client.get(path, headers=headers).status_code == 404


def test_campaign_periods_create_start_and_end(client, headers, organization):
    maria, _dev, _sam = make_team(organization)
    body = {"name": "March push", "starts_on": date.today().isoformat(),
            "ends_on": (date.today() + timedelta(days=60)).isoformat(), "goal_kind": "reviews",
            "goal": 20, "schedule_kind": "weekdays", "weekdays": [0, 3], "send_time": "09:30", "channel": "email",
            "employee_ids": [str(maria)]}
    created = client.post("/api/v1/campaign_periods", headers=headers, json=body)
    assert created.status_code == 201, created.json
    attributes = created.json["data"]["attributes"]
    assert attributes["status"] == "draft" and attributes["employee_ids"] == [str(maria)]
    assert attributes["send_time"] == "09:30" and attributes["weekdays"] == [0, 3]
    path = f"/api/v1/campaign_periods/{created.json['data']['id']}"
    assert client.patch(path, headers=headers, json={"status": "active"}).json["data"]["attributes"]["status"] == "active"
    assert client.get("/api/v1/campaign_periods?filter[status]=active", headers=headers).json["meta"]["page"]["total_records"] == 1
    assert client.patch(path, headers=headers, json={"status": "ended"}).json["data"]["attributes"]["status"] == "ended"
    refused = client.patch(path, headers=headers, json={"goal": 30})
    assert refused.status_code == 422 and refused.json["errors"][0]["source"]["pointer"] == "/data/attributes/status"
    bad = client.post("/api/v1/campaign_periods", headers=headers,
                      json={"name": "x", "starts_on": "soon", "ends_on": "2026-01-01", "weekdays": [],
                            "employee_ids": ["not-an-id"]})
    assert bad.status_code == 422
    assert {e["source"]["pointer"].rsplit("/", 1)[1] for e in bad.json["errors"]} >= {"starts_on", "weekdays",
                                                                                      "employee_ids"}


def test_add_contact_credits_a_review_request_to_an_employee(client, headers, organization, other_owner,
                                                              review_link):
    maria, _dev, _sam = make_team(organization)
    body = {"email": "jane@example.net", "first_name": "Jane", "employee_id": str(maria)}
    created = client.post("/api/v1/review_requests", headers=headers, json=body)
    assert created.status_code == 201, created.json
    listed = client.get(f"/api/v1/review_requests?filter[employee_id]={maria}", headers=headers).json["data"]
    assert [r["attributes"]["employee_id"] for r in listed] == [str(maria)]
    theirs = make_team(other_owner.organization, [{"name": "Not Yours", "email": "x@example.net"}])[0]
    refused = client.post("/api/v1/review_requests", headers=headers,
                          json={"email": "joe@example.net", "employee_id": str(theirs)})
    assert refused.status_code == 422 and refused.json["errors"][0]["source"]["pointer"] == "/data/attributes/employee_id"


def test_cursor_paging_and_sparse_fields(client, headers, seed_data):
    first = client.get("/api/v1/nudges?page[cursor]=&page[size]=2&sort=-sent_at&fields[nudges]=channel",
                       headers=headers).json
    assert len(first["data"]) == 2 and first["meta"]["has_more"] is True
    assert set(first["data"][0]["attributes"]) == {"channel"}
    rest = client.get(first["links"]["next"], headers=headers).json
    assert len(rest["data"]) == 1 and rest["meta"]["has_more"] is False
    assert {n["id"] for n in first["data"] + rest["data"]} >= {seed_data["NUDGE"]}


def test_the_total_follows_the_nudges_queued_and_an_employee_deleted(client, headers, organization):
    from nudgeweb import clock
    from nudgeweb.models.employees import Employee
    from nudgeweb.nudges import operations
    from nudgeweb.nudges.tasks import send_due_nudges
    from tests.nudges_support import first_day, local
    from tests.reviews_support import travel_and_run

    def total():
        return client.get("/api/v1/nudges", headers=headers).json["meta"]["page"]["total_records"]

    _maria, dev, _sam = make_team(organization)
    make_period(organization)
    assert total() == 0
    try:
        travel_and_run(local(organization, first_day(organization), 9, 5))
        send_due_nudges(str(organization.id))
    finally:
        clock.travel_to(None)
    assert total() == 2  # counted again: the totals are kept per nudges version
    with unit_of_work(organization.id):
        operations.delete_employee(db.session.get(Employee, dev))
    assert total() == 1


def test_included_resources_show_each_change_made_since_the_last_request(client, headers, seed_data, organization):
    from nudgeweb.nudges import operations

    path = SEED_QUERY.format(period=seed_data["PERIOD"])

    def included():
        return {r["type"]: r["attributes"] for r in client.get(path, headers=headers).json["included"]}

    assert included()["employees"]["name"] == "Maria Lopez"
    with unit_of_work(organization.id):
        operations.update_employee(operations.employee_of(organization.id, seed_data["EMPLOYEE"]),
                                   {"name": "Maria Lopez-Diaz"})
    assert included()["employees"]["name"] == "Maria Lopez-Diaz"
    with unit_of_work(organization.id):
        period = operations.period_of(organization.id, seed_data["PERIOD"])
        operations.set_participants(period, [operations.parse_uuid(seed_data["EMPLOYEE"])])
    assert included()["campaign_periods"]["employee_ids"] == [seed_data["EMPLOYEE"]]
    with unit_of_work(organization.id):
        operations.end_period(operations.period_of(organization.id, seed_data["PERIOD"]))
    assert included()["campaign_periods"]["status"] == "ended"
