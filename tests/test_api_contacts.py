"""The contacts resource: upsert, list parameters, paging, errors, activity, subscribe, export."""
import csv
import io
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text

from nudgeweb.contacts.operations import upsert_contact
from nudgeweb.extensions import db
from nudgeweb.models import Contact, ContactActivity, utcnow
from tests.api_helpers import key_headers, make_key
from tests.factories import MembershipFactory


@pytest.fixture
def headers(owner):
    return key_headers(make_key(owner))


def add_contacts(organization, count, **data):
    made = []
    for number in range(count):
        values = {"email": f"person{number}@example.com", "first_name": f"P{number:03d}", **data}
        made.append(upsert_contact(organization, values, source="manual")[0])
    return made


def test_post_upserts_by_email(client, headers, app_ctx):
    created = client.post("/api/v1/contacts", headers=headers, json={
        "email": "Jane@Example.com", "first_name": "Jane", "mobile_phone_number": "+12125551234", "tags": ["vip"]})
    assert created.status_code == 201
    data = created.json["data"]
    assert data["type"] == "contacts" and created.headers["Location"].endswith(data["id"])
    attributes = data["attributes"]
    assert attributes["email"] == "jane@example.com" and attributes["phone"] == "+12125551234"
    assert attributes["source"] == "api" and attributes["status"] == "subscribed"
    assert attributes["created_at"].endswith("Z")
    again = client.post("/api/v1/contacts", headers=headers, json={"email": "jane@example.com", "last_name": "Smith",
                                                                    "tags": ["new"]})
    assert again.status_code == 200 and again.json["data"]["id"] == data["id"]
    assert again.json["data"]["attributes"]["full_name"] == "Jane Smith"
    assert sorted(again.json["data"]["attributes"]["tags"]) == ["new", "vip"]
    assert db.session.scalar(select(func.count()).select_from(Contact)) == 1


def test_every_bad_contact_field_is_reported_at_once(client, headers, app_ctx):
    response = client.post("/api/v1/contacts", headers=headers,
                           json={"email": "not-an-email", "phone": "12", "first_name": 5, "status": "happy"})
    assert response.status_code == 422
    pointers = {e["source"]["pointer"] for e in response.json["errors"]}
    assert pointers == {"/data/attributes/email", "/data/attributes/phone", "/data/attributes/first_name",
                        "/data/attributes/status"}
    assert response.json["meta"]["request_id"]
    assert db.session.scalar(select(func.count()).select_from(Contact)) == 0


def test_a_contact_needs_an_email_or_a_phone(client, headers):
    response = client.post("/api/v1/contacts", headers=headers, json={"first_name": "Nobody"})
    assert response.status_code == 422
    assert response.json["errors"][0]["source"]["pointer"] == "/data/attributes/email"


def test_get_patch_put_delete(client, headers, organization, app_ctx):
    [contact] = add_contacts(organization, 1)
    url = f"/api/v1/contacts/{contact.id}"
    assert client.get(url, headers=headers).json["data"]["attributes"]["email"] == "person0@example.com"
    patched = client.patch(url, headers=headers, json={"data": {"type": "contacts", "attributes": {"company_name": "Acme"}}})
    assert patched.status_code == 200 and patched.json["data"]["attributes"]["company_name"] == "Acme"
    assert patched.json["data"]["attributes"]["first_name"] == "P000"
    put = client.put(url, headers=headers, json={"last_name": "Doe"})
    assert put.status_code == 200 and put.json["data"]["attributes"]["full_name"] == "P000 Doe"
    bad = client.patch(url, headers=headers, json={"email": "", "phone": ""})
    assert bad.status_code == 422
    assert client.delete(url, headers=headers).status_code == 204
    gone = client.get(url, headers=headers)
    assert gone.status_code == 404 and gone.json["errors"][0]["code"] == "ERR_RESOURCE_NOT_FOUND"


def test_another_organizations_contact_is_not_found(client, headers, other_owner, app_ctx):
    [theirs] = add_contacts(other_owner.organization, 1)
    url = f"/api/v1/contacts/{theirs.id}"
    for method in ("get", "patch", "put", "delete"):
        response = getattr(client, method)(url, headers=headers, json={"first_name": "Mine now"})
        assert response.status_code == 404, method
    assert client.post(f"{url}/unsubscribe", headers=headers, json={}).status_code == 404
    assert client.get(f"{url}/activity", headers=headers).status_code == 404
    assert client.get("/api/v1/contacts", headers=headers).json["data"] == []
    db.session.refresh(theirs)
    assert theirs.first_name == "P000" and theirs.status == "subscribed"


def test_viewer_key_reads_but_cannot_write(client, organization, app_ctx):
    viewer = key_headers(make_key(MembershipFactory(role="viewer", organization=organization)))
    assert client.get("/api/v1/contacts", headers=viewer).status_code == 200
    refused = client.post("/api/v1/contacts", headers=viewer, json={"email": "x@example.com"})
    assert refused.status_code == 403 and refused.json["errors"][0]["code"] == "ERR_PERMISSION_DENIED"


def test_contacts_scopes(client, owner):
    read_only = key_headers(make_key(owner, scopes=["contacts:read"]))
    assert client.get("/api/v1/contacts", headers=read_only).status_code == 200
    assert client.post("/api/v1/contacts", headers=read_only, json={"email": "x@example.com"}).status_code == 403
    other_resource = key_headers(make_key(owner, scopes=["templates:read"]))
    assert client.get("/api/v1/contacts", headers=other_resource).status_code == 403


def test_page_number_paging_with_meta_and_links(client, headers, organization, app_ctx):
    add_contacts(organization, 7)
    first = client.get("/api/v1/contacts?sort=first_name&page[number]=1&page[size]=3", headers=headers).json
    assert [c["attributes"]["first_name"] for c in first["data"]] == ["P000", "P001", "P002"]
    assert first["meta"]["page"] == {"number": 1, "size": 3, "total_records": 7, "total_pages": 3}
    assert first["links"]["prev"] is None and "page%5Bnumber%5D=2" in first["links"]["next"]
    assert "page%5Bnumber%5D=3" in first["links"]["last"] and "sort=first_name" in first["links"]["next"]
    last = client.get(first["links"]["last"], headers=headers).json
    assert [c["attributes"]["first_name"] for c in last["data"]] == ["P006"] and last["links"]["next"] is None


def test_cursor_paging_walks_every_contact_once(client, headers, organization, app_ctx):
    made = add_contacts(organization, 5)
    for index, contact in enumerate(made):  # two share a last name, so the id breaks the tie
        contact.last_name = ["Brown", "Adams", "", "Adams", "Zed"][index]
    for number in range(2):  # no email: NULLs sort last when descending
        upsert_contact(organization, {"phone": f"+1212555010{number}"}, source="manual")
    db.session.commit()
    emails = [f"person{n}@example.com" for n in range(5)]
    nulls_low = db.engine.dialect.name != "postgresql"  # NULLs sort as the database's indexes keep them
    ascending = [None, None] + emails if nulls_low else emails + [None, None]
    for sort, expected in (("-last_name", ["Zed", "Brown", "Adams", "Adams", "", "", ""]),
                           ("-email", ascending[::-1]), ("email", ascending)):
        url, seen, ids = f"/api/v1/contacts?sort={sort}&page[size]=2&page[cursor]=", [], set()
        while url:
            page = client.get(url, headers=headers).json
            seen += [c["attributes"][sort.lstrip("-")] for c in page["data"]]
            ids |= {c["id"] for c in page["data"]}
            assert page["meta"]["has_more"] is bool(page["links"]["next"])
            url = page["links"]["next"]
        assert seen == expected and len(ids) == 7, sort
    bad = client.get("/api/v1/contacts?page[cursor]=garbage", headers=headers)
    assert bad.status_code == 400 and bad.json["errors"][0]["source"]["parameter"] == "page[cursor]"


def test_filters_sort_and_sparse_fields(client, headers, organization, app_ctx):
    add_contacts(organization, 3, tags=["vip"])
    add_contacts(organization, 2, status="unsubscribed", **{"email": None, "phone": "+12125550100"})
    upsert_contact(organization, {"email": "zed@example.com", "first_name": "Zed", "company_name": "Zeta"}, source="api")
    listed = lambda query: client.get(f"/api/v1/contacts?{query}", headers=headers).json  # noqa: E731
    assert len(listed("filter[tag]=vip")["data"]) == 3
    assert len(listed("filter[status]=unsubscribed")["data"]) == 1
    assert len(listed("filter[status]=subscribed,unsubscribed")["data"]) == 5
    assert [c["attributes"]["email"] for c in listed("search=zeta")["data"]] == ["zed@example.com"]
    assert [c["attributes"]["source"] for c in listed("filter[source]=api")["data"]] == ["api"]
    assert len(listed("filter[created_after]=2000-01-01&filter[created_before]=2999-01-01")["data"]) == 5
    assert listed("filter[email]=ZED@example.com")["data"][0]["attributes"]["first_name"] == "Zed"
    sparse = listed("fields[contacts]=email,status&sort=-email&filter[status]=subscribed")["data"][0]
    assert sparse["attributes"] == {"email": "zed@example.com", "status": "subscribed"}


def test_unknown_list_parameters_are_named(client, headers):
    response = client.get("/api/v1/contacts?filter[colour]=red&sort=-shoe_size&include=orders&page[size]=500",
                          headers=headers)
    assert response.status_code == 400
    details = " ".join(e["detail"] for e in response.json["errors"])
    assert "'colour'" in details and "'shoe_size'" in details and "'orders'" in details and "page[size]" in details
    bad_value = client.get("/api/v1/contacts?filter[status]=asleep", headers=headers)
    assert bad_value.status_code == 400 and "asleep" in bad_value.json["errors"][0]["detail"]


def test_unsubscribe_subscribe_and_activity(client, headers, organization, app_ctx):
    [contact] = add_contacts(organization, 1)
    url = f"/api/v1/contacts/{contact.id}"
    out = client.post(f"{url}/unsubscribe", headers=headers, json={"reason": "User requested", "feedback": "Too many"})
    assert out.status_code == 200 and out.json["data"]["attributes"]["status"] == "unsubscribed"
    assert out.json["data"]["attributes"]["unsubscribed_at"]
    back = client.post(f"{url}/subscribe", headers=headers, json={"reason": "Came back", "feedback": "Missed you"})
    assert back.json["data"]["attributes"]["status"] == "subscribed"
    activity = client.get(f"{url}/activity", headers=headers).json
    kinds = [a["attributes"]["kind"] for a in activity["data"]]
    assert kinds == ["subscribed", "unsubscribed", "created"]
    assert activity["data"][1]["attributes"]["data"] == {"reason": "User requested", "feedback": "Too many"}
    assert activity["data"][0]["attributes"]["data"] == {"reason": "Came back", "feedback": "Missed you"}
    assert activity["data"][0]["attributes"]["summary"] == "Subscribed: Came back"
    assert activity["data"][0]["relationships"]["contact"]["data"] == {"type": "contacts", "id": str(contact.id)}
    only = client.get(f"{url}/activity?filter[kind]=created", headers=headers).json["data"]
    assert [a["attributes"]["kind"] for a in only] == ["created"]


def test_idempotent_contact_creation(client, headers, app_ctx):
    body = {"email": "once@example.com", "idempotency_key": "signup-42"}
    first = client.post("/api/v1/contacts", headers=headers, json=body)
    db.session.execute(select(ContactActivity))  # nothing else happens in between
    replay = client.post("/api/v1/contacts", headers=headers, json=body)
    assert first.status_code == replay.status_code == 201 and replay.headers["Idempotent-Replayed"] == "true"
    assert db.session.scalar(select(func.count()).select_from(ContactActivity)) == 1  # created once


def test_export_job_streams_the_csv(client, headers, organization, app_ctx):
    add_contacts(organization, 3, tags=["customer"])
    add_contacts(organization, 1, email="other@example.com")
    job = client.post("/api/v1/contacts/export", headers=headers,
                      json={"format": "csv", "fields": ["email", "tags"], "filters": {"tags": ["customer"]}})
    assert job.status_code == 201 and job.headers["Location"] == job.json["data"]["links"]["self"]
    attributes = job.json["data"]["attributes"]
    assert attributes["status"] == "completed" and attributes["total"] == 3
    assert client.get(job.json["data"]["links"]["self"], headers=headers).json["data"]["attributes"]["total"] == 3
    download = client.get(attributes["download_url"], headers=headers, buffered=True)
    assert download.status_code == 200 and download.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(download.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["email", "tags"] and sorted(r[0] for r in rows[1:]) == [
        "person0@example.com", "person1@example.com", "person2@example.com"]
    bad = client.post("/api/v1/contacts/export", headers=headers, json={"format": "xml", "fields": ["shoe"]})
    assert bad.status_code == 422 and len(bad.json["errors"]) == 2


def test_another_organization_cannot_download_an_export(client, headers, other_owner):
    job = client.post("/api/v1/contacts/export", headers=headers, json={}).json["data"]
    theirs = key_headers(make_key(other_owner))
    assert client.get(job["attributes"]["download_url"], headers=theirs).status_code == 404
    assert client.get("/api/v1/contacts/export/forged/download", headers=headers).status_code == 404


def test_an_export_has_a_uuid_and_lasts_a_day(client, headers, app_ctx):
    import uuid

    from nudgeweb.api.tasks import forget_expired_contact_exports
    from nudgeweb.models import ContactExport

    job = client.post("/api/v1/contacts/export", headers=headers, json={}).json["data"]
    assert uuid.UUID(job["id"]).version == 7
    export = db.session.get(ContactExport, uuid.UUID(job["id"]))
    assert export.expires_at - export.created_at == timedelta(hours=24)
    assert job["attributes"]["expires_at"].endswith("Z")
    export.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    expired = client.get(job["attributes"]["download_url"], headers=headers)
    assert expired.status_code == 404 and "24 hours" in expired.json["errors"][0]["detail"]
    assert forget_expired_contact_exports.call_local() == 1
    assert db.session.scalar(select(func.count()).select_from(ContactExport)) == 0


def test_input_fields_include_custom_fields(client, headers, organization, app_ctx):
    from nudgeweb.models import CustomFieldDefinition

    db.session.add(CustomFieldDefinition(organization_id=organization.id, key="birthday", label="Birthday",
                                         field_type="date"))
    db.session.commit()
    fields = client.get("/api/v1/input_fields", headers=headers).json["fields"]
    keys = [f["key"] for f in fields]
    assert keys[:7] == ["first_name", "last_name", "email", "mobile_phone_number", "company_name", "delay_hours",
                        "metadata"]
    assert fields[-1] == {"key": "custom_fields.birthday", "label": "Birthday", "type": "date", "required": False,
                          "help_text": "Custom field (date)."}
    assert set(fields[0]) == {"key", "label", "type", "required", "help_text"}


def test_custom_fields_read_back_alike_from_every_read(client, headers, organization, app_ctx):
    from nudgeweb.models import CustomFieldDefinition

    for key, kind in (("birthday", "date"), ("visits", "number"), ("notes", "text")):
        db.session.add(CustomFieldDefinition(organization_id=organization.id, key=key, label=key.title(),
                                             field_type=kind))
    db.session.commit()
    created = client.post("/api/v1/contacts", headers=headers, json={
        "email": "ada@example.com", "custom_fields": {"birthday": "1990-12-10", "visits": 3, "notes": "Likes \"tea\" ☕"}})
    assert created.status_code == 201, created.json
    expected = created.json["data"]["attributes"]["custom_fields"]
    assert expected == {"birthday": "1990-12-10", "visits": 3, "notes": 'Likes "tea" ☕'}
    add_contacts(organization, 1)  # and one without any
    for query in ("page[cursor]=", "page[number]=1", "sort=email&page[cursor]=", "filter[email]=ada@example.com"):
        listed = {c["attributes"]["email"]: c["attributes"]["custom_fields"]
                  for c in client.get(f"/api/v1/contacts?{query}", headers=headers).json["data"]}
        assert listed["ada@example.com"] == expected, query
        assert listed.get("person0@example.com", {}) == {}, query
    one = client.get(f"/api/v1/contacts/{created.json['data']['id']}", headers=headers).json
    assert one["data"]["attributes"]["custom_fields"] == expected


def test_created_filters_accept_times(client, headers, organization, app_ctx):
    [contact] = add_contacts(organization, 1)
    contact.created_at = utcnow() - timedelta(days=3)
    db.session.commit()
    since = (utcnow() - timedelta(days=1)).isoformat().replace("+00:00", "Z")
    assert client.get(f"/api/v1/contacts?filter[created_after]={since}", headers=headers).json["data"] == []


def test_oauth_tokens_work_on_the_api_with_their_scopes(app, client, owner):
    from tests.oauth_flow import OAuthDance, register_client

    client_id, secret = register_client(owner, scope="contacts:read read")
    tokens = OAuthDance(app, client_id, secret).tokens_for(owner.user.email, scope="contacts:read")
    bearer = {"Authorization": f"Bearer {tokens['access_token']}"}
    connection = client.get("/api/v1/connection", headers=bearer).json
    assert connection["auth_type"] == "oauth" and connection["scopes"] == ["contacts:read"]
    assert connection["user_id"] == str(owner.user_id) and connection["expires_at"].endswith("Z")
    assert client.get("/api/v1/contacts", headers=bearer).status_code == 200
    denied = client.post("/api/v1/contacts", headers=bearer, json={"email": "x@example.com"})
    assert denied.status_code == 403 and denied.json["errors"][0]["code"] == "ERR_PERMISSION_DENIED"
    assert client.post("/oauth/revoke", headers=bearer).status_code == 200
    refused = client.get("/api/v1/contacts", headers=bearer)
    assert refused.status_code == 401 and "data" not in refused.json


def test_totals_and_tag_lists_follow_every_change_at_once(client, headers, organization, app_ctx):
    """A list's total and its statement are kept between requests; every write shows at once."""
    from nudgeweb.bulk import insert_rows
    from nudgeweb.contacts import operations
    from nudgeweb.contacts.fields import contact_insert_values
    from nudgeweb.contacts.version import contacts_changed

    vips = add_contacts(organization, 3, tags=["vip"])

    def total(query=""):
        return client.get(f"/api/v1/contacts?page[number]=1{query}", headers=headers).json["meta"]["page"]["total_records"]

    def tagged(name):
        return [c["attributes"]["email"] for c in
                client.get(f"/api/v1/contacts?filter[tag]={name}&page[cursor]=", headers=headers).json["data"]]

    assert (total(), total("&filter[tag]=vip"), tagged("gold")) == (3, 3, [])
    created = client.post("/api/v1/contacts", json={"email": "new@example.com", "tags": ["vip"]}, headers=headers)
    assert created.status_code == 201 and (total(), total("&filter[tag]=vip")) == (4, 4)
    operations.bulk_untag(organization.id, [vips[0].id], "vip")
    assert total("&filter[tag]=vip") == 3
    operations.bulk_tag(organization.id, [vips[1].id], "gold")  # a tag that did not exist a moment ago
    assert tagged("gold") == [vips[1].email]
    insert_rows(Contact.__table__, [contact_insert_values(organization.id, {"email": "raw@example.com"}, "import",
                                                          utcnow())])  # as a bulk import writes, saying so
    contacts_changed(organization.id)
    db.session.commit()
    assert total() == 5 and total("&filter[status]=subscribed") == 5
    assert client.delete(f"/api/v1/contacts/{created.json['data']['id']}", headers=headers).status_code == 204
    assert (total(), total("&filter[tag]=vip")) == (4, 2)


def _total(client, headers, query=""):
    response = client.get(f"/api/v1/contacts?page[number]=1{query}", headers=headers)
    return response.json["meta"]["page"]["total_records"]


def test_a_client_sees_its_own_writes_in_the_total_at_once(client, headers, organization, app_ctx):
    """Totals are kept between requests under the organization's contacts version; each write changes it."""
    add_contacts(organization, 3)
    assert _total(client, headers) == 3 and _total(client, headers, "&filter[status]=subscribed") == 3
    created = client.post("/api/v1/contacts", json={"email": "new@example.com"}, headers=headers).json["data"]
    assert _total(client, headers) == 4 and _total(client, headers, "&filter[status]=subscribed") == 4
    client.post(f"/api/v1/contacts/{created['id']}/unsubscribe", json={"reason": "asked"}, headers=headers)
    assert _total(client, headers) == 4 and _total(client, headers, "&filter[status]=subscribed") == 3
    client.patch(f"/api/v1/contacts/{created['id']}", json={"status": "subscribed"}, headers=headers)
    assert _total(client, headers, "&filter[status]=subscribed") == 4
    assert client.delete(f"/api/v1/contacts/{created['id']}", headers=headers).status_code == 204
    assert _total(client, headers) == 3 and _total(client, headers, "&filter[status]=subscribed") == 3


def test_totals_follow_imports_and_bulk_actions(client, headers, organization, app_ctx):
    from nudgeweb.contacts import operations

    add_contacts(organization, 2)
    assert _total(client, headers) == 2
    rows = "".join(f"imported{n}@example.com,Im{n}\n" for n in range(600))  # a file worked in a Huey task
    imported = client.post("/api/v1/contacts/import", headers=headers, content_type="multipart/form-data",
                           data={"file": (io.BytesIO(f"Email,First name\n{rows}".encode()), "more.csv")})
    assert imported.status_code == 202
    status = client.get(f"/api/v1/contacts/import/{imported.json['data']['id']}", headers=headers).json
    assert status["data"]["attributes"]["status"] == "completed"
    assert _total(client, headers) == 602 == db.session.scalar(
        select(func.count()).where(Contact.organization_id == organization.id))
    everyone = operations.chosen_contacts(organization.id, filters={"search": "imported1"})
    operations.bulk_unsubscribe(organization.id, everyone.ids)
    assert _total(client, headers, "&filter[status]=unsubscribed") == everyone.count == 111
    operations.bulk_delete(organization.id, everyone.ids)
    assert _total(client, headers) == 602 - 111


def test_a_write_from_another_session_shows_in_the_total(app, client, headers, organization, app_ctx):
    """Another web process or a Huey worker writes through the operations, in a session and unit of work of its own."""
    from nudgeweb.contacts.operations import create_contact
    from nudgeweb.models import Organization
    from nudgeweb.unit_of_work import unit_of_work

    add_contacts(organization, 2)
    assert _total(client, headers) == 2
    with app.app_context(), unit_of_work(organization.id):
        create_contact(db.session.get(Organization, organization.id), {"email": "elsewhere@example.com",
                                                                       "status": "bounced"})
    assert _total(client, headers) == 3 and _total(client, headers, "&filter[status]=bounced") == 1


def test_one_organizations_writes_leave_anothers_version_and_total(client, headers, organization, other_owner,
                                                                    app_ctx):
    from nudgeweb.models import Organization

    other_headers = key_headers(make_key(other_owner))
    add_contacts(organization, 2)
    add_contacts(other_owner.organization, 5)
    assert (_total(client, headers), _total(client, other_headers)) == (2, 5)
    db.session.expire_all()
    other_version = db.session.get(Organization, other_owner.organization_id).contacts_version
    client.post("/api/v1/contacts", json={"email": "mine@example.com"}, headers=headers)
    db.session.expire_all()
    assert db.session.get(Organization, other_owner.organization_id).contacts_version == other_version
    assert (_total(client, headers), _total(client, other_headers)) == (3, 5)


def test_numbered_and_cursor_pages_hold_only_the_callers_contacts(client, headers, organization, other_owner, app_ctx):
    add_contacts(organization, 3, tags=["mine"])
    add_contacts(other_owner.organization, 4, tags=["theirs"])  # the same emails, in another business
    for query in ("page[number]=1", "page[number]=1&filter[status]=subscribed", "page[cursor]=",
                  "page[cursor]=&filter[status]=subscribed"):
        listed = client.get(f"/api/v1/contacts?{query}", headers=headers).json["data"]
        assert sorted(c["attributes"]["first_name"] for c in listed) == ["P000", "P001", "P002"], query
        assert {tuple(c["attributes"]["tags"]) for c in listed} == {("mine",)}, query


def test_lists_survive_the_database_dropping_their_connections(client, headers, organization, app_ctx):
    """List reads keep their connections between requests without a liveness ping: when the server
    ends them (a restart, an idle timeout), the next list is still answered."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no server to drop a connection")
    add_contacts(organization, 3)
    for query in ("page[cursor]=", "page[number]=1"):
        assert len(client.get(f"/api/v1/contacts?{query}", headers=headers).json["data"]) == 3
    with db.engine.connect() as connection:
        dropped = connection.execute(text(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()")).scalar()
    assert dropped >= 1
    for query in ("page[cursor]=", "page[number]=1&sort=email"):
        response = client.get(f"/api/v1/contacts?{query}", headers=headers)
        assert response.status_code == 200 and len(response.json["data"]) == 3, query


def test_an_upsert_onto_another_contacts_phone_is_a_409_that_changes_nothing(client, headers, app_ctx):
    first = client.post("/api/v1/contacts", headers=headers, json={"email": "ua@example.com"})
    second = client.post("/api/v1/contacts", headers=headers, json={"phone": "+14155559999", "first_name": "Bea"})
    assert (first.status_code, second.status_code) == (201, 201)
    clash = client.post("/api/v1/contacts", headers=headers, json={"email": "ua@example.com", "phone": "+14155559999"})
    assert clash.status_code == 409
    assert clash.json["errors"] == [{
        "status": "409", "code": "ERR_DUPLICATE_RESOURCE", "title": "Conflict",
        "detail": "Another contact (Bea) already has this phone number.",
        "source": {"pointer": "/data/attributes/phone"}}]
    attributes = client.get(f"/api/v1/contacts/{first.json['data']['id']}", headers=headers).json["data"]["attributes"]
    assert attributes["phone"] is None and attributes["updated_at"] == first.json["data"]["attributes"]["updated_at"]
    assert db.session.scalar(select(func.count()).select_from(Contact)) == 2
    assert db.session.scalar(select(func.count()).select_from(ContactActivity)) == 2  # their "created" only


def test_patch_and_put_onto_another_contacts_email_are_409s(client, headers, organization, app_ctx):
    ada, eve = add_contacts(organization, 2)
    url = f"/api/v1/contacts/{ada.id}"
    for send in (client.patch, client.put):
        clash = send(url, headers=headers, json={"email": eve.email})
        assert clash.status_code == 409
        [error] = clash.json["errors"]
        assert (error["code"], error["title"], error["source"]) == (
            "ERR_DUPLICATE_RESOURCE", "Conflict", {"pointer": "/data/attributes/email"})
        assert error["detail"] == f"Another contact ({eve.display_name}) already has this email address."
    # A duplicate among other bad fields: one 422 names them all (see contacts._api_error).
    mixed = client.patch(url, headers=headers, json={"email": eve.email, "timezone": "Mars/Base"})
    assert mixed.status_code == 422 and {e["code"] for e in mixed.json["errors"]} == {"ERR_VALIDATION"}
    assert {e["source"]["pointer"] for e in mixed.json["errors"]} == {"/data/attributes/email",
                                                                      "/data/attributes/timezone"}
    spec = client.get("/api/v1/openapi.json").json["paths"]["/api/v1/contacts/{contact_id}"]
    assert "409" in spec["patch"]["responses"] and "409" in spec["put"]["responses"]


def test_the_phone_filter_reads_numbers_as_writes_do(client, headers, organization, app_ctx):
    created = client.post("/api/v1/contacts", headers=headers, json={"phone": "(212) 555-1234"})
    assert created.json["data"]["attributes"]["phone"] == "+12125551234"
    for written in ("(212) 555-1234", "212.555.1234", "+1 212 555 1234", "+12125551234"):
        found = client.get("/api/v1/contacts", headers=headers, query_string={"filter[phone]": written})
        assert [c["id"] for c in found.json["data"]] == [created.json["data"]["id"]], written
    bad = client.get("/api/v1/contacts", headers=headers, query_string={"filter[phone]": "call me"})
    assert bad.status_code == 400
    assert bad.json["errors"][0]["code"] == "ERR_INVALID_PARAMETER"
    assert bad.json["errors"][0]["source"] == {"parameter": "filter[phone]"}
    nul = client.get("/api/v1/contacts", headers=headers, query_string={"filter[email]": "a\u0000b", "filter[tag]": "\u0000"})
    assert nul.status_code == 400  # (not a 500 on PostgreSQL, whose text refuses NUL)
    assert {e["source"]["parameter"] for e in nul.json["errors"]} == {"filter[email]", "filter[tag]"}


def test_bad_export_filter_values_are_422s_at_the_body_field(client, headers):
    for filters, pointer in (({"status": "bogus"}, "/data/attributes/filters/status"),
                             ({"statuses": ["bogus"]}, "/data/attributes/filters/statuses"),
                             ({"created_after": "x"}, "/data/attributes/filters/created_after"),
                             ({"phone": "call me"}, "/data/attributes/filters/phone"),
                             ({"tags": 5}, "/data/attributes/filters/tags"),
                             ({"tags": [["vip"]]}, "/data/attributes/filters/tags"),
                             ({"search": {"a": 1}}, "/data/attributes/filters/search"),
                             ({"search": "a\u0000b"}, "/data/attributes/filters/search")):
        response = client.post("/api/v1/contacts/export", headers=headers, json={"filters": filters})
        assert response.status_code == 422, filters
        [error] = response.json["errors"]
        assert (error["code"], error["source"]) == ("ERR_VALIDATION", {"pointer": pointer}), filters
    every = client.post("/api/v1/contacts/export", headers=headers,
                        json={"fields": ["shoe"], "filters": {"status": "bogus", "created_before": "x", "colour": 1}})
    assert every.status_code == 422 and len(every.json["errors"]) == 4
    fine = client.post("/api/v1/contacts/export", headers=headers,
                       json={"filters": {"statuses": ["subscribed"], "tags": "vip", "created_after": "2026-01-01"}})
    assert fine.status_code == 201


def test_control_characters_in_contact_fields_are_422s(client, headers, organization, app_ctx):
    # (a NUL anywhere in an API body is refused before: test_api_platform.py)
    response = client.post("/api/v1/contacts", headers=headers,
                           json={"email": "bel@example.com", "first_name": "a\u0007b", "tags": ["ok", "b\u001b"]})
    assert response.status_code == 422
    assert {e["source"]["pointer"]: e["detail"] for e in response.json["errors"]} == {
        "/data/attributes/first_name": "Must not contain control characters.",
        "/data/attributes/tags": "Must not contain control characters."}
    assert db.session.scalar(select(func.count()).select_from(Contact)) == 0
    [contact] = add_contacts(organization, 1)
    patched = client.patch(f"/api/v1/contacts/{contact.id}", headers=headers, json={"company_name": "x\u0008"})
    assert patched.status_code == 422
    assert patched.json["errors"][0]["source"]["pointer"] == "/data/attributes/company_name"


def test_a_busy_clients_list_reads_run_nothing_through_the_orm(client, headers, organization, app_ctx):
    """Once its credential is known, a list request is one prepared read: no ORM query (loading
    the organization's membership for every request once halved the contacts list's throughput)."""
    from sqlalchemy import event

    add_contacts(organization, 3)
    lists = ("filter[status]=subscribed&sort=-created_at&page[cursor]=", "filter[status]=subscribed&page[number]=1")
    for query in lists:
        assert client.get(f"/api/v1/contacts?{query}", headers=headers).status_code == 200  # credential, statements
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731  (before_cursor_execute's statement)
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        for query in lists:
            assert len(client.get(f"/api/v1/contacts?{query}", headers=headers).json["data"]) == 3
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert statements == []


SEED_001_CREATE_CONTACT = {  # seed 001's Create Contact example, as it stands
    "email": "jane@example.com", "first_name": "Jane", "last_name": "Smith", "tags": ["lead", "webinar"],
    "custom_fields": {"company": "Tech Corp", "role": "Marketing Manager"}, "lists": ["lst_abc123"],
    "double_opt_in": True,
}


def test_seed_001s_create_contact_example_is_taken_and_its_custom_fields_defined(client, headers, other_owner):
    unknown = client.post("/api/v1/contacts", headers=headers, json=SEED_001_CREATE_CONTACT)
    assert unknown.status_code == 422  # the seed's list id names no list here
    assert unknown.json["errors"][0]["source"]["pointer"] == "/data/attributes/lists"
    list_id = client.post("/api/v1/lists", headers=headers, json={"name": "Leads"}).json["data"]["id"]
    created = client.post("/api/v1/contacts", headers=headers, json={**SEED_001_CREATE_CONTACT, "lists": [list_id]})
    assert created.status_code == 201, created.json
    attributes = created.json["data"]["attributes"]
    assert attributes["lists"] == [list_id]  # pending: double_opt_in waits for the contact's confirmation
    assert attributes["custom_fields"] == {"company": "Tech Corp", "role": "Marketing Manager"}
    assert sorted(attributes["tags"]) == ["lead", "webinar"]
    typed = client.post("/api/v1/contacts", headers=headers, json={
        "email": "ada@example.com", "custom_fields": {"visits": 3, "vip": True, "role": "CTO"}})
    assert typed.status_code == 201, typed.json
    assert typed.json["data"]["attributes"]["custom_fields"] == {"visits": 3, "vip": True, "role": "CTO"}
    fields = {f["key"]: f for f in client.get("/api/v1/input_fields", headers=headers).json["fields"]}
    assert fields["custom_fields.company"]["label"] == "Company"
    assert (fields["custom_fields.visits"]["type"], fields["custom_fields.vip"]["type"]) == ("number", "boolean")
    wrong_type = client.patch(f"/api/v1/contacts/{typed.json['data']['id']}", headers=headers,
                              json={"custom_fields": {"visits": "many"}})
    assert wrong_type.status_code == 422
    assert wrong_type.json["errors"][0]["source"]["pointer"] == "/data/attributes/custom_fields/visits"
    theirs = client.get("/api/v1/input_fields", headers=key_headers(make_key(other_owner))).json["fields"]
    assert not [f for f in theirs if f["key"].startswith("custom_fields.")]


def test_custom_field_names_that_cannot_be_keys_are_refused_and_define_nothing(client, headers, app_ctx):
    from nudgeweb.models import CustomFieldDefinition

    response = client.post("/api/v1/contacts", headers=headers, json={
        "email": "ada@example.com", "custom_fields": {"Shoe Size": "9", "email": "x", "notes": {"a": 1}, "ok": "yes"},
        "status": "happy"})
    assert response.status_code == 422
    pointers = {e["source"]["pointer"] for e in response.json["errors"]}
    assert pointers == {"/data/attributes/custom_fields/Shoe Size", "/data/attributes/custom_fields/email",
                        "/data/attributes/custom_fields/notes", "/data/attributes/status"}
    assert "lower-case letters" in response.json["errors"][0]["detail"]
    assert db.session.scalar(select(func.count()).select_from(CustomFieldDefinition)) == 0  # not even "ok"


def test_unknown_attributes_are_ignored_whether_or_not_another_is_bad(client, headers):
    bad = client.post("/api/v1/contacts", headers=headers, json={"email": "ada@example.com", "status": "happy",
                                                                 "whatever": 1})
    assert [e["source"]["pointer"] for e in bad.json["errors"]] == ["/data/attributes/status"]
    good = client.post("/api/v1/contacts", headers=headers, json={"email": "ada@example.com", "whatever": 1})
    assert good.status_code == 201 and "whatever" not in good.json["data"]["attributes"]


def test_one_contact_answers_with_the_sparse_fieldset_asked(client, headers, organization, app_ctx):
    [contact] = add_contacts(organization, 1)
    url = f"/api/v1/contacts/{contact.id}"
    one = client.get(f"{url}?fields[contacts]=email,status", headers=headers)
    assert one.json["data"]["attributes"] == {"email": "person0@example.com", "status": "subscribed"}
    patched = client.patch(f"{url}?fields[contacts]=first_name", headers=headers, json={"first_name": "Ada"})
    assert patched.json["data"]["attributes"] == {"first_name": "Ada"}
    refused = client.patch(f"{url}?include=orders&fields[contacts]=shoe_size&sort=email", headers=headers,
                           json={"first_name": "Bob"})
    assert refused.status_code == 400
    assert {e["source"]["parameter"] for e in refused.json["errors"]} == {"include", "fields[contacts]", "sort"}
    db.session.expire_all()
    assert db.session.get(Contact, contact.id).first_name == "Ada"


def test_malformed_list_parameters_are_named(client, headers, organization, app_ctx):
    for query, parameter in (("sort=--email", "sort"), ("filter=abc", "filter"), ("page=3", "page"),
                             ("fields=email", "fields"), ("filter[segment_id]=abc", "filter[segment_id]")):
        response = client.get(f"/api/v1/contacts?{query}", headers=headers)
        assert response.status_code == 400, query
        assert response.json["errors"][0]["source"]["parameter"] == parameter, query
    add_contacts(organization, 3)
    past_the_end = client.get("/api/v1/contacts?page[number]=9&page[size]=2", headers=headers).json
    assert past_the_end["data"] == [] and past_the_end["meta"]["page"]["total_pages"] == 2
    assert "page%5Bnumber%5D=2" in past_the_end["links"]["prev"]


def test_a_phone_and_its_alias_that_differ_are_a_422(client, headers):
    both = client.post("/api/v1/contacts", headers=headers, json={
        "email": "ada@example.com", "phone": "+14155550199", "mobile_phone_number": "+14155550198"})
    assert both.status_code == 422
    assert [e["source"]["pointer"] for e in both.json["errors"]] == ["/data/attributes/mobile_phone_number"]
    same = client.post("/api/v1/contacts", headers=headers, json={
        "email": "ada@example.com", "phone": "+14155550199", "mobile_phone_number": "+14155550199"})
    assert same.status_code == 201 and same.json["data"]["attributes"]["phone"] == "+14155550199"


def test_a_collection_action_asked_with_another_method_is_a_405_not_a_contact_id(client, headers):
    for path in ("/api/v1/contacts/export", "/api/v1/contacts/import"):
        response = client.get(path, headers=headers)
        assert response.status_code == 405 and "POST" in response.headers["Allow"], path
        assert response.json["errors"][0]["code"] == "ERR_METHOD_NOT_ALLOWED"
    assert client.get("/api/v1/contacts/not-an-id", headers=headers).status_code == 404
