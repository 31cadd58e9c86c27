"""The automations resource (seed 001; /workflows as seed 003 says): CRUD, PUT against PATCH, start and pause,
enrolment and activity, paging, the alias, every bad field at its pointer with nothing saved, the limit, scopes,
the starters, and isolation."""
import uuid

import pytest
from sqlalchemy import func, select

from nudgeweb.automations import operations, starters
from nudgeweb.extensions import db
from nudgeweb.models import Automation, MessageTemplate
from nudgeweb.unit_of_work import unit_of_work
from tests.api_helpers import key_headers, make_key
from tests.factories import ContactFactory

API = "/api/v1/automations"


@pytest.fixture
def headers(owner):
    return key_headers(make_key(owner))


def template(client, headers, name, channel="email"):
    body = {"body": "Hi {{ first_name }}"} if channel == "sms" else {"subject": name, "html_content": "<p>Hi</p>"}
    made = client.post("/api/v1/templates", headers=headers, json={"name": name, "channel": channel, **body})
    assert made.status_code == 201, made.json
    return made.json["data"]["id"]


def cart_recovery(first, second):
    """Seed 001's Abandoned Cart Recovery, its template ids ours."""
    return {
        "name": "Abandoned Cart Recovery", "description": "Recover abandoned shopping carts",
        "trigger": {"type": "custom_event", "event_name": "cart_abandoned"},
        "workflow": {"steps": [
            {"type": "wait", "delay": "1 hour"},
            {"type": "send_email", "template_id": first, "subject": "You left something behind!"},
            {"type": "condition", "if": {"event": "purchase_completed"}, "then": "exit", "else": "continue"},
            {"type": "wait", "delay": "24 hours"},
            {"type": "send_email", "template_id": second, "subject": "10% off your cart items!"},
        ]},
    }


@pytest.fixture
def body(client, headers):
    return cart_recovery(template(client, headers, "Cart recovery"), template(client, headers, "Cart discount"))


def create(client, headers, body, path=API):
    made = client.post(path, json=body, headers=headers)
    assert made.status_code == 201, made.json
    return made.json["data"]


def count_automations():
    return db.session.scalar(select(func.count()).select_from(Automation).execution_options(all_organizations=True))


def pointers(response):
    return sorted(error["source"]["pointer"] for error in response.json["errors"])


def test_create_get_list_and_delete(client, owner, headers, body):
    data = create(client, headers, body)
    attributes = data["attributes"]
    assert (attributes["name"], attributes["status"], attributes["entry_rule"]) == (
        "Abandoned Cart Recovery", "draft", "once")
    assert attributes["trigger"] == {"type": "custom_event", "event_name": "cart_abandoned",
                                     "conditions": {"properties": {}}}
    steps = attributes["workflow"]["steps"]
    assert [step["id"] for step in steps] == ["step_1", "step_2", "step_3", "step_4", "step_5"]
    assert steps[2] == {"id": "step_3", "type": "condition", "if": {"event": "purchase_completed"}, "then": "exit",
                        "else": "continue"}
    assert attributes["stats"] == {"total_enrolled": 0, "currently_active": 0, "completed": 0, "stopped": 0}
    assert attributes["organization_id"] == str(owner.organization_id)
    path = f"{API}/{data['id']}"
    assert client.get(path, headers=headers).json["data"]["attributes"]["workflow"] == attributes["workflow"]
    listed = client.get(API, headers=headers).json["data"]
    assert [item["id"] for item in listed] == [data["id"]]
    assert client.get(f"{API}?filter[status]=active", headers=headers).json["data"] == []
    assert client.delete(path, headers=headers).status_code == 204
    assert client.get(path, headers=headers).status_code == 404


def test_put_replaces_and_patch_merges(client, headers, body):
    data = create(client, headers, body)
    path = f"{API}/{data['id']}"
    patched = client.patch(path, headers=headers, json={"name": "Carts", "entry_rule": "every_time"})
    assert patched.status_code == 200, patched.json
    attributes = patched.json["data"]["attributes"]
    assert (attributes["name"], attributes["description"], attributes["entry_rule"]) == (
        "Carts", "Recover abandoned shopping carts", "every_time")
    assert len(attributes["workflow"]["steps"]) == 5
    replaced = client.put(path, headers=headers, json={
        "name": "Tagged", "trigger": {"type": "tag_added", "conditions": {"tag": "vip"}},
        "workflow": {"steps": [{"type": "add_tag", "tag": "welcomed"}]}})
    assert replaced.status_code == 200, replaced.json
    attributes = replaced.json["data"]["attributes"]
    assert attributes["description"] == "" and attributes["trigger"]["type"] == "tag_added"
    assert attributes["workflow"]["steps"] == [{"id": "step_1", "type": "add_tag", "tag": "welcomed"}]
    missing = client.put(path, headers=headers, json={"name": "No steps"})
    assert missing.status_code == 422
    assert pointers(missing) == ["/data/attributes/trigger", "/data/attributes/workflow/steps"]


def test_bad_input_names_every_step_and_field_and_saves_nothing(client, headers, other_owner):
    foreign = template(client, key_headers(make_key(other_owner)), "Theirs")
    response = client.post(API, headers=headers, json={
        "name": "Broken", "trigger": {"type": "contact_subscribed"},
        "workflow": {"steps": [
            {"type": "teleport"},
            {"type": "wait", "delay": "banana"},
            {"type": "condition", "if": {"tag": "vip"}, "then": "continue"},
            {"type": "send_email", "template_id": foreign},
        ]}})
    assert response.status_code == 422
    assert pointers(response) == [f"/data/attributes/workflow/steps/{n}/{field}" for n, field in (
        (0, "type"), (1, "delay"), (2, "else"), (3, "template_id"))]
    assert "banana" in next(e["detail"] for e in response.json["errors"] if e["source"]["pointer"].endswith("delay"))
    assert count_automations() == 0


def test_a_step_must_use_a_template_of_its_channel_and_lists_of_the_business(client, headers):
    email = template(client, headers, "An email")
    response = client.post(API, headers=headers, json={
        "name": "Mixed", "trigger": {"type": "contact_subscribed", "conditions": {"list_id": "lst_abc123"}},
        "workflow": {"steps": [{"type": "send_sms", "template_id": email},
                               {"type": "add_to_list", "list_id": "0190d1a2-0000-7000-8000-000000000000"}]}})
    assert response.status_code == 422
    assert pointers(response) == ["/data/attributes/trigger/conditions/list_id",
                                  "/data/attributes/workflow/steps/0/template_id",
                                  "/data/attributes/workflow/steps/1/list_id"]
    assert "email template" in response.json["errors"][1]["detail"] + response.json["errors"][0]["detail"]


def test_start_refuses_a_step_whose_template_is_gone(client, headers, body):
    data = create(client, headers, body)
    template_id = data["attributes"]["workflow"]["steps"][1]["template_id"]
    assert client.delete(f"/api/v1/templates/{template_id}", headers=headers).status_code == 204
    response = client.post(f"{API}/{data['id']}/start", headers=headers)
    assert response.status_code == 422
    assert pointers(response) == ["/data/attributes/workflow/steps/1/template_id"]
    assert client.get(f"{API}/{data['id']}", headers=headers).json["data"]["attributes"]["status"] == "draft"


def test_start_enroll_activity_and_pause(client, headers, body, organization):
    contact = ContactFactory(organization=organization, email="ada@example.net", first_name="Ada")
    data = create(client, headers, body)
    path = f"{API}/{data['id']}"
    draft = client.post(f"{path}/enroll", headers=headers, json={"contact_id": str(contact.id)})
    assert draft.status_code == 409 and "Start the automation" in draft.json["errors"][0]["detail"]
    assert client.post(f"{path}/pause", headers=headers).status_code == 409
    started = client.post(f"{path}/start", headers=headers)
    assert started.status_code == 200 and started.json["data"]["attributes"]["status"] == "active"
    enrolled = client.post(f"{path}/enroll", headers=headers,
                           json={"contact_id": str(contact.id), "metadata": {"source": "api", "cart": "A-17"}})
    assert enrolled.status_code == 201, enrolled.json
    assert enrolled.json["data"]["attributes"]["status"] == "active"
    assert enrolled.json["data"]["attributes"]["metadata"] == {"source": "api", "cart": "A-17"}
    again = client.post(f"{path}/enroll", headers=headers, json={"contact_id": str(contact.id)})
    assert again.status_code == 409 and "once" in again.json["errors"][0]["detail"]
    activity = client.get(f"{path}/activity", headers=headers).json["data"]
    assert activity and activity[0]["attributes"]["contact_email"] == "ada@example.net"
    assert activity[0]["relationships"]["contact"]["data"]["id"] == str(contact.id)
    stats = client.get(path, headers=headers).json["data"]["attributes"]["stats"]
    assert stats["total_enrolled"] == 1 and stats["currently_active"] == 1
    paused = client.post(f"{path}/pause", headers=headers)
    assert paused.status_code == 200 and paused.json["data"]["attributes"]["status"] == "paused"
    assert client.post(f"{path}/start", headers=headers).json["data"]["attributes"]["status"] == "active"


def test_enrolling_an_unknown_contact_is_a_422_at_contact_id(client, headers, body, other_owner):
    data = create(client, headers, body)
    client.post(f"{API}/{data['id']}/start", headers=headers)
    theirs = ContactFactory(organization=other_owner.organization)
    for contact_id in (str(theirs.id), "con_abc123"):
        response = client.post(f"{API}/{data['id']}/enroll", headers=headers, json={"contact_id": contact_id})
        assert response.status_code == 422 and pointers(response) == ["/data/attributes/contact_id"]


def test_workflows_is_the_same_resource(client, headers, body):
    data = create(client, headers, body, path="/api/v1/workflows")
    assert client.get(f"{API}/{data['id']}", headers=headers).status_code == 200
    assert [item["id"] for item in client.get("/api/v1/workflows", headers=headers).json["data"]] == [data["id"]]
    assert client.post(f"/api/v1/workflows/{data['id']}/start", headers=headers).status_code == 200
    assert client.get(f"{API}/{data['id']}", headers=headers).json["data"]["attributes"]["status"] == "active"
    assert client.get(f"/api/v2/workflows/{data['id']}", headers=headers).json["data"]["id"] == data["id"]


def test_the_openapi_documents_name_workflows_as_an_alias_not_as_more_operations(client):
    """Each operation once in the documents, and so in the generated SDKs; the Automations tag names the alias."""
    for version in ("v1", "v2"):
        document = client.get(f"/api/{version}/openapi.json").json
        assert f"/api/{version}/automations/{{automation_id}}/start" in document["paths"]
        assert [path for path in document["paths"] if "workflows" in path] == []
        tags = {tag["name"]: tag["description"] for tag in document["tags"]}
        assert "`/workflows` in place of `/automations`" in tags["Automations"]


def test_lists_page_by_cursor(client, headers, body):
    made = {create(client, headers, {**body, "name": f"Carts {n}"})["id"] for n in range(3)}
    first = client.get(f"{API}?page[cursor]=&page[size]=2", headers=headers).json
    assert len(first["data"]) == 2 and first["meta"]["has_more"] is True
    second = client.get(first["links"]["next"], headers=headers).json
    assert {item["id"] for item in first["data"] + second["data"]} == made and second["meta"]["has_more"] is False


def test_a_business_has_at_most_the_limit_of_automations(client, headers, body, organization):
    db.session.add_all(Automation(organization_id=organization.id, name=f"A{n}", trigger_type="manual",
                                  trigger={"type": "manual", "conditions": {}}, steps=[])
                       for n in range(operations.MAX_AUTOMATIONS))
    db.session.commit()
    response = client.post(API, headers=headers, json=body)
    assert response.status_code == 403 and response.json["errors"][0]["code"] == "ERR_QUOTA_EXCEEDED"
    assert f"at most {operations.MAX_AUTOMATIONS}" in response.json["errors"][0]["detail"]


def test_scopes(client, owner, body):
    reader = key_headers(make_key(owner, scopes=("automations:read",)))
    assert client.get(API, headers=reader).status_code == 200
    assert client.post(API, headers=reader, json=body).status_code == 403
    assert client.get(API, headers=key_headers(make_key(owner, scopes=("contacts:read",)))).status_code == 403


def test_another_organization_sees_nothing(client, headers, body, other_owner):
    data = create(client, headers, body)
    theirs = key_headers(make_key(other_owner))
    assert client.get(API, headers=theirs).json["data"] == []
    for method, suffix in (("get", ""), ("patch", ""), ("delete", ""), ("post", "/start"), ("post", "/pause"),
                           ("get", "/activity"), ("post", "/enroll")):
        response = getattr(client, method)(f"{API}/{data['id']}{suffix}", headers=theirs,
                                           json={"name": "x", "contact_id": "x"} if method != "get" else None)
        assert response.status_code == 404, (method, suffix)
    assert client.get(f"{API}/{data['id']}", headers=headers).json["data"]["attributes"]["name"] == body["name"]


@pytest.mark.parametrize("key", list(starters.STARTERS))
def test_each_starter_is_created_and_started_with_no_other_set_up(client, headers, owner, key):
    with unit_of_work(owner.organization_id):
        automation = starters.create_from_starter(owner.organization, key, owner.user)
        again = starters.create_from_starter(owner.organization, key, owner.user)
    started = client.post(f"{API}/{automation.id}/start", headers=headers)
    assert started.status_code == 200, started.json
    assert started.json["data"]["attributes"]["starter_key"] == key
    template_ids = {step["template_id"] for step in started.json["data"]["attributes"]["workflow"]["steps"]
                    if "template_id" in step}
    assert template_ids == {step["template_id"] for step in again.steps if "template_id" in step}
    made = db.session.scalars(select(MessageTemplate).where(MessageTemplate.starter_key.like("automation_%"))
                              .execution_options(all_organizations=True)).all()
    assert {str(t.id) for t in made} == template_ids and {t.organization_id for t in made} == {owner.organization_id}


def test_the_low_rating_starter_says_what_the_owner_asked_for():
    steps = starters.STARTERS["low_rating"].body["workflow"]["steps"]
    assert starters.STARTERS["low_rating"].body["trigger"] == {"type": "review_rated",
                                                               "conditions": {"rating": {"lte": 2}}}
    assert [(step["type"], step.get("delay")) for step in steps] == [
        ("notify_team", None), ("wait", "1 day"), ("send_email", None)]


def test_editing_a_running_automation_moves_contacts_off_a_removed_step(client, headers, body, organization):
    contact = ContactFactory(organization=organization)
    data = create(client, headers, body)
    path = f"{API}/{data['id']}"
    client.post(f"{path}/start", headers=headers)
    assert client.post(f"{path}/enroll", headers=headers, json={"contact_id": str(contact.id)}).status_code == 201
    steps = data["attributes"]["workflow"]["steps"]
    edited = client.patch(path, headers=headers, json={"workflow": {"steps": steps[1:]}})  # the first wait goes
    assert edited.status_code == 200, edited.json
    assert edited.json["meta"] == {"moved_enrollments": 1}
    assert [step["id"] for step in edited.json["data"]["attributes"]["workflow"]["steps"]] == [
        "step_2", "step_3", "step_4", "step_5"]


def test_the_activity_pages_newest_first_with_each_contact(client, headers, body, organization):
    data = create(client, headers, body)
    client.post(f"{API}/{data['id']}/start", headers=headers)
    for n in range(3):
        contact = ContactFactory(organization=organization, email=f"p{n}@example.net")
        assert client.post(f"{API}/{data['id']}/enroll", headers=headers,
                           json={"contact_id": str(contact.id)}).status_code == 201
    automation = db.session.get(Automation, uuid.UUID(data["id"]))
    everything = db.session.scalars(operations.activity_query(automation)).all()
    seen, cursor = [], None
    while True:
        runs, cursor = operations.activity(automation, cursor, limit=2)
        seen += runs
        assert all(run.contact.organization_id == organization.id for run in runs)
        if cursor is None:
            break
    assert [run.id for run in seen] == [run.id for run in everything] and len(seen) >= 3
    assert [run.occurred_at for run in seen] == sorted((run.occurred_at for run in seen), reverse=True)
    api = client.get(f"{API}/{data['id']}/activity?page[cursor]=&page[size]=2", headers=headers).json
    assert [item["id"] for item in api["data"]] == [str(run.id) for run in everything[:2]]


def test_a_mistyped_attribute_and_a_bad_step_are_told_together(client, headers):
    response = client.post(API, headers=headers, json={
        "name": ["not", "a", "name"], "trigger": {"type": "manual"},
        "workflow": {"steps": [{"type": "wait", "delay": "banana"}]}})
    assert response.status_code == 422
    assert pointers(response) == ["/data/attributes/name", "/data/attributes/workflow/steps/0/delay"]
    assert count_automations() == 0
