"""The campaigns, lists and segments resources (seeds 001 and 003): seed 001's bodies as they stand, every bad
field at its pointer, 409 for what a status forbids, analytics in the seed's shape, isolation."""
import pytest
from sqlalchemy import select

from nudgeweb.extensions import db
from nudgeweb.models import Campaign, ListMembership, Message, MessageEvent, new_id, utcnow
from tests.api_helpers import key_headers, make_key
from tests.delivery_support import parts_of, smtp  # noqa: F401
from tests.factories import ContactFactory

SEED_CAMPAIGN = {
    "name": "Black Friday Sale",
    "subject": "48 Hour Flash Sale - Up to 70% Off!",
    "from_name": "Your Store",
    "from_email": "deals@yourstore.com",
    "reply_to": "support@yourstore.com",
    "html_content": "<html><body><h1>Black Friday Sale!</h1></body></html>",
    "text_content": "Black Friday Sale! Visit our store...",
    "settings": {"track_opens": True, "track_clicks": True, "google_analytics": True},
}


@pytest.fixture
def headers(owner):
    owner.organization.footer_address = "12 Harbour Street, Portland, ME"
    db.session.commit()
    return key_headers(make_key(owner))


def new_list(client, headers, **data):
    answer = client.post("/api/v1/lists", headers=headers, json={"name": "Customers", **data})
    assert answer.status_code == 201, answer.json
    return answer.json["data"]["id"]


def test_lists_crud_members_and_their_contacts(client, headers, organization):
    people = [ContactFactory(organization=organization, email=f"l{n}@example.net") for n in range(3)]
    list_id = new_list(client, headers, description="Everyone who bought")
    added = client.post(f"/api/v1/lists/{list_id}/members", headers=headers,
                        json={"contact_ids": [str(person.id) for person in people]})
    assert added.status_code == 200 and added.json["meta"] == {"added": 3}
    assert added.json["data"]["attributes"]["subscribed_count"] == 3
    members = client.get(f"/api/v1/lists/{list_id}/contacts", headers=headers).json
    assert sorted(item["attributes"]["email"] for item in members["data"]) == ["l0@example.net", "l1@example.net",
                                                                              "l2@example.net"]
    assert members["data"][0]["attributes"]["lists"] == [list_id]
    filtered = client.get(f"/api/v1/contacts?filter[list_id]={list_id}", headers=headers).json
    assert len(filtered["data"]) == 3
    removed = client.delete(f"/api/v1/lists/{list_id}/members", headers=headers,
                            json={"contact_ids": [str(people[0].id)]})
    assert removed.json["meta"] == {"removed": 1}
    assert client.patch(f"/api/v1/lists/{list_id}", headers=headers,
                        json={"name": "Buyers"}).json["data"]["attributes"]["name"] == "Buyers"
    assert client.get("/api/v1/lists", headers=headers).json["data"][0]["attributes"]["subscribed_count"] == 2
    assert client.delete(f"/api/v1/lists/{list_id}", headers=headers).status_code == 204
    assert client.get(f"/api/v1/lists/{list_id}", headers=headers).status_code == 404


def test_a_contact_created_with_double_opt_in_joins_only_when_confirming(client, headers, smtp, app_ctx):
    list_id = new_list(client, headers)
    created = client.post("/api/v1/contacts", headers=headers, json={
        "email": "optin@example.net", "first_name": "Olive", "lists": [list_id], "double_opt_in": True})
    assert created.status_code == 201, created.json
    assert created.json["data"]["attributes"]["lists"] == [list_id]
    assert db.session.scalar(select(ListMembership.status)) == "pending"
    assert len(smtp.sink.to("optin@example.net")) == 1
    assert client.get(f"/api/v1/lists/{list_id}/contacts", headers=headers).json["data"] == []
    refused = client.post("/api/v1/contacts", headers=headers, json={"email": "x@example.net", "double_opt_in": True})
    assert refused.status_code == 422 and refused.json["errors"][0]["source"]["pointer"] == "/data/attributes/lists"


def test_segments_crud_and_contacts(client, headers, organization):
    ContactFactory(organization=organization, email="a@example.net", status="unsubscribed")
    ContactFactory(organization=organization, email="b@example.net")
    created = client.post("/api/v1/segments", headers=headers, json={"name": "Gone", "filters": {"status": "unsubscribed"}})
    assert created.status_code == 201, created.json
    segment_id = created.json["data"]["id"]
    assert created.json["data"]["attributes"]["contact_count"] == 1
    contacts = client.get(f"/api/v1/segments/{segment_id}/contacts", headers=headers).json["data"]
    assert [item["attributes"]["email"] for item in contacts] == ["a@example.net"]
    renamed = client.patch(f"/api/v1/segments/{segment_id}", headers=headers, json={"name": "Lapsed"})
    assert renamed.json["data"]["attributes"]["name"] == "Lapsed"
    assert client.delete(f"/api/v1/segments/{segment_id}", headers=headers).status_code == 204


def test_seed_create_update_send_and_delete_rules(client, headers, organization, smtp):
    ContactFactory(organization=organization, email="fan@example.net", first_name="Fay")
    list_id = new_list(client, headers)
    db.session.add(ListMembership(organization_id=organization.id, list_id=db.session.get(
        __import__("nudgeweb.models", fromlist=["ContactList"]).ContactList, __import__("uuid").UUID(list_id)).id,
        contact_id=db.session.scalar(select(__import__("nudgeweb.models", fromlist=["Contact"]).Contact.id)),
        status="subscribed"))
    db.session.commit()
    created = client.post("/api/v1/campaigns", headers=headers, json={**SEED_CAMPAIGN, "recipient_list_id": list_id})
    assert created.status_code == 201, created.json
    campaign = created.json["data"]
    assert campaign["attributes"]["status"] == "draft" and campaign["attributes"]["recipient_list_id"] == list_id
    path = f"/api/v1/campaigns/{campaign['id']}"
    assert client.put(path, headers=headers, json={"name": "Updated Campaign Name", "subject": "New Subject Line",
                                                   "html_content": "<html>Updated content</html>"}).status_code == 200
    test = client.post(f"{path}/test", headers=headers, json={"recipients": ["me@example.com"],
                                                              "personalization": {"first_name": "John"}})
    assert test.status_code == 200 and test.json["meta"]["sent_to"] == ["me@example.com"]
    assert smtp.sink.to("me@example.com")[0]["Subject"] == "[Test] New Subject Line"
    refused = client.post(f"{path}/send", headers=headers, json={})  # yourstore.com is not a domain it sends from
    assert refused.status_code == 422 and [error["source"]["pointer"] for error in refused.json["errors"]] == [
        "/data/attributes/from_email"] and "Send from an address at" in refused.json["errors"][0]["detail"]
    assert client.patch(path, headers=headers, json={"from_email": ""}).status_code == 200
    sent = client.post(f"{path}/send", headers=headers, json={})
    assert sent.status_code == 200, sent.json
    assert client.get(path, headers=headers).json["data"]["attributes"]["status"] == "sent"
    assert [m["To"] for m in smtp.sink.messages if m["To"] == "fan@example.net"] == ["fan@example.net"]
    refused = client.delete(path, headers=headers)
    assert refused.status_code == 409 and "Only a draft can be deleted" in refused.json["errors"][0]["detail"]
    assert client.post(f"{path}/pause", headers=headers).status_code == 409
    got = client.get(f"{path}?include=stats,recipients", headers=headers).json
    assert got["data"]["attributes"]["stats"]["sent"] == 1
    assert [item["type"] for item in got["included"]] == ["lists"]
    copy = client.post(f"{path}/duplicate", headers=headers, json={"name": "Copy of Summer Campaign",
                                                                   "include_recipients": False})
    assert copy.status_code == 201 and copy.json["data"]["attributes"]["recipient_list_id"] is None
    assert client.delete(f"/api/v1/campaigns/{copy.json['data']['id']}", headers=headers).status_code == 204


def test_bad_input_names_each_field_and_nothing_is_sent(client, headers, other_owner, smtp):
    theirs = new_list(client, key_headers(make_key(other_owner)), name="Theirs")
    answer = client.post("/api/v1/campaigns", headers=headers, json={
        "name": "", "recipient_list_id": theirs, "html_content": "<p>{{ frist_name }}</p>", "reply_to": "nope"})
    assert answer.status_code == 422
    pointers = {error["source"]["pointer"] for error in answer.json["errors"]}
    assert {"/data/attributes/name", "/data/attributes/recipient_list_id", "/data/attributes/reply_to"} <= pointers
    draft = client.post("/api/v1/campaigns", headers=headers, json={"name": "Empty"}).json["data"]
    refused = client.post(f"/api/v1/campaigns/{draft['id']}/send", headers=headers, json={})
    assert refused.status_code == 422
    assert {error["source"]["pointer"] for error in refused.json["errors"]} == {
        "/data/attributes/subject", "/data/attributes/html_content", "/data/attributes/audience"}
    past = client.post(f"/api/v1/campaigns/{draft['id']}/schedule", headers=headers,
                       json={"scheduled_at": "2020-01-01T10:00:00", "timezone": "America/New_York"})
    assert past.status_code == 422
    sms = client.post("/api/v1/campaigns", headers=headers, json={"name": "Long", "channel": "sms", "body": "✓" * 1000})
    assert sms.status_code == 422 and sms.json["errors"][0]["source"]["pointer"] == "/data/attributes/body"
    assert db.session.scalar(select(Message.id)) is None and smtp.sink.messages == []


def test_schedule_list_filters_and_analytics_shape(client, headers, organization):
    ContactFactory(organization=organization, email="s@example.net")
    created = client.post("/api/v1/campaigns", headers=headers, json={
        **SEED_CAMPAIGN, "from_email": "", "send_to_all": True}).json  # (yourstore.com is not a domain it sends from)
    path = f"/api/v1/campaigns/{created['data']['id']}"
    scheduled = client.post(f"{path}/schedule", headers=headers, json={
        "scheduled_at": "2027-07-01T10:00:00", "timezone": "America/New_York", "send_time_optimization": True})
    assert scheduled.status_code == 200, scheduled.json
    assert scheduled.json["data"]["attributes"]["scheduled_at"] == "2027-07-01T14:00:00Z"
    assert [c["id"] for c in client.get("/api/v1/campaigns?filter[status]=scheduled&sort=-created_at",
                                        headers=headers).json["data"]] == [created["data"]["id"]]
    assert client.get("/api/v1/campaigns?filter[status]=sent", headers=headers).json["data"] == []
    assert client.get("/api/v1/campaigns?filter[status]=nope", headers=headers).status_code == 400
    campaign = db.session.get(Campaign, __import__("uuid").UUID(created["data"]["id"]))
    message = Message(organization_id=organization.id, channel="email", purpose="campaign", purpose_id=campaign.id,
                      to="s@example.net", status="sent", sent_at=utcnow(), opened_at=utcnow(), clicked_at=utcnow())
    db.session.add(message)
    db.session.flush()
    for kind, agent in (("opened", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15"),
                        ("clicked", "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)")):
        db.session.add(MessageEvent(id=new_id(), organization_id=organization.id, message_id=message.id, type=kind,
                                    url="https://example.com/sale" if kind == "clicked" else None, user_agent=agent))
    db.session.commit()
    analytics = client.get(f"{path}/analytics?granularity=day", headers=headers).json["data"]
    assert analytics["metrics"]["opened"] == 1 and analytics["metrics"]["click_to_open_rate"] == 1.0
    assert analytics["links"] == [{"url": "https://example.com/sale", "clicks": 1, "unique_clicks": 1}]
    assert analytics["devices"] == {"mobile": 0.5, "desktop": 0.5}
    assert set(analytics["clients"]) == {"gmail", "apple_mail"}
    assert analytics["timeline"][0]["opened"] == 1 and analytics["timeline"][0]["timestamp"].endswith("T00:00:00Z")


def test_another_organization_sees_nothing(client, headers, other_owner):
    created = client.post("/api/v1/campaigns", headers=headers, json=SEED_CAMPAIGN).json["data"]
    list_id = new_list(client, headers)
    theirs = key_headers(make_key(other_owner))
    for path in (f"/api/v1/campaigns/{created['id']}", f"/api/v1/campaigns/{created['id']}/analytics",
                 f"/api/v1/lists/{list_id}", f"/api/v1/lists/{list_id}/contacts"):
        assert client.get(path, headers=theirs).status_code == 404
    assert client.get("/api/v1/campaigns", headers=theirs).json["data"] == []
    assert client.get("/api/v1/lists", headers=theirs).json["data"] == []
    assert client.post(f"/api/v1/campaigns/{created['id']}/send", headers=theirs, json={}).status_code == 404
