"""The templates resource (seed 001): CRUD, duplicate, preview, list parameters, errors, isolation."""
import pytest
from sqlalchemy import func, select

from nudgeweb.extensions import db
from nudgeweb.message_templates import operations
from nudgeweb.models import MessageTemplate
from nudgeweb.unit_of_work import unit_of_work
from tests.api_helpers import key_headers, make_key
from tests.factories import ContactFactory

PRODUCT = {
    "name": "Product Announcement",
    "description": "Template for product launches",
    "category": "announcement",
    "channel": "email",
    "subject": "Announcing {{ product_name }}",
    "html_content": "<html><head><style>b { color: red; }</style></head><body><b>{{ product_name }}</b> "
                    "for {{ first_name }}</body></html>",
    "text_content": "",
    "variables": [{"name": "product_name", "type": "text", "required": True}],
}


@pytest.fixture
def headers(owner):
    return key_headers(make_key(owner))


def count():
    return db.session.scalar(select(func.count()).select_from(MessageTemplate))


def test_create_get_update_duplicate_delete(client, headers, app_ctx):
    created = client.post("/api/v1/templates", headers=headers, json=PRODUCT)
    assert created.status_code == 201, created.json
    data = created.json["data"]
    assert data["type"] == "templates" and created.headers["Location"].endswith(f"/templates/{data['id']}")
    attributes = data["attributes"]
    assert attributes["name"] == "Product Announcement" and attributes["channel"] == "email"
    assert attributes["variables"] == [{"name": "product_name", "type": "text", "default": "", "required": True,
                                        "description": ""}]
    assert attributes["body"] is None and attributes["created_at"].endswith("Z")
    path = f"/api/v1/templates/{data['id']}"
    assert client.get(path, headers=headers).json["data"]["attributes"]["subject"] == "Announcing {{ product_name }}"

    updated = client.put(path, headers=headers, json={"subject": "New: {{ product_name }}"})
    assert updated.status_code == 200
    assert updated.json["data"]["attributes"]["subject"] == "New: {{ product_name }}"
    assert updated.json["data"]["attributes"]["name"] == "Product Announcement"

    copy = client.post(f"{path}/duplicate", headers=headers)
    assert copy.status_code == 201 and copy.json["data"]["attributes"]["name"] == "Product Announcement (copy)"
    assert client.delete(path, headers=headers).status_code == 204
    assert client.get(path, headers=headers).status_code == 404
    assert count() == 1


def test_every_bad_attribute_is_reported_with_a_pointer(client, headers, app_ctx):
    response = client.post("/api/v1/templates", headers=headers, json={
        **PRODUCT, "name": "", "channel": "fax", "category": "Not OK!"})
    assert response.status_code == 422
    pointers = {e["source"]["pointer"] for e in response.json["errors"]}
    assert pointers == {"/data/attributes/name", "/data/attributes/channel", "/data/attributes/category"}
    assert count() == 0


def test_a_bad_variable_and_the_mistakes_of_the_text_are_reported_at_once(client, headers, app_ctx):
    response = client.post("/api/v1/templates", headers=headers, json={
        **PRODUCT, "variables": [{"name": "product_name", "type": "blob"}], "subject": "Hi {{ frist_name }}",
        "html_content": "<p>{{ product_name }} {% if %}</p>"})
    assert response.status_code == 422
    details = {e["source"]["pointer"].rsplit("/", 1)[1]: e["detail"] for e in response.json["errors"]}
    assert set(details) == {"variables", "subject", "html_content"}
    assert "“frist_name” is not something" in details["subject"] and "tag is missing what it checks" in details["html_content"]


@pytest.mark.parametrize("change, pointer, message", [
    ({"html_content": "{{ ''.__class__.__mro__ }}"}, "html_content", "can't use “__class__”"),
    ({"subject": "{% for i in range(10**9) %}x{% endfor %}"}, "subject", "range() is limited"),
    ({"html_content": "{{ 'x' * 10**9 }}"}, "html_content", "larger than 256 KB"),
    ({"subject": "Hi {{ frist_name }}"}, "subject", "“frist_name” is not something"),
    ({"variables": [{"name": "product_name", "type": "blob"}]}, "variables", "type must be one of"),
])
def test_templates_the_sandbox_refuses_are_422s(client, headers, app_ctx, change, pointer, message):
    response = client.post("/api/v1/templates", headers=headers, json={**PRODUCT, **change})
    assert response.status_code == 422
    [error] = response.json["errors"]
    assert error["source"]["pointer"] == f"/data/attributes/{pointer}" and message in error["detail"]
    assert count() == 0


def test_sms_template_with_seed_shaped_variables(client, headers, app_ctx):
    response = client.post("/api/v1/templates", headers=headers, json={
        "name": "Flash sale", "channel": "sms", "body": "{{ first_name }}, {{ deal }} today only!",
        "variables": [{"name": "deal", "type": "text", "default": "20% off"}]})
    assert response.status_code == 201
    attributes = response.json["data"]["attributes"]
    assert attributes["body"] == "{{ first_name }}, {{ deal }} today only!" and attributes["subject"] is None


def test_preview_with_variables_for_a_contact_and_a_missing_required_variable(client, headers, organization):
    with unit_of_work(organization.id):
        template = operations.create_template(organization, {**PRODUCT})
    contact = ContactFactory(organization=organization, first_name="Anna")
    path = f"/api/v1/templates/{template.id}/preview"
    response = client.post(path, headers=headers, json={
        "variables": {"product_name": "Amazing Product", "price": "$99.99"}, "contact_id": str(contact.id)})
    assert response.status_code == 200, response.json
    attributes = response.json["data"]["attributes"]
    assert response.json["data"]["type"] == "template_previews"
    assert attributes["subject"] == "Announcing Amazing Product"
    assert '<b style="color: red;">Amazing Product</b> for Anna' in attributes["html"]
    assert attributes["text"] == "Amazing Product for Anna"
    sample = client.post(path, headers=headers, json={})
    assert sample.json["data"]["attributes"]["subject"] == "Announcing [product_name]"

    with unit_of_work(organization.id):
        sms = operations.create_template(organization, {"name": "T", "channel": "sms", "body": "Hi {{ first_name }} 🙂"})
    size = client.post(f"/api/v1/templates/{sms.id}/preview", headers=headers, json={}).json["data"]["attributes"]
    assert (size["body"], size["segments"], size["encoding"]) == ("Hi Jamie 🙂", 1, "UCS-2")


def test_list_filters_sorts_and_pages(client, headers, organization):
    for name, channel in [("B email", "email"), ("A text", "sms"), ("C text", "sms")]:
        body = {"body": "Hi"} if channel == "sms" else {"subject": "Hi", "html_content": "<p>Hi</p>"}
        with unit_of_work(organization.id):
            operations.create_template(organization, {"name": name, "channel": channel, **body})
    names = lambda response: [item["attributes"]["name"] for item in response.json["data"]]  # noqa: E731
    assert names(client.get("/api/v1/templates", headers=headers)) == ["A text", "B email", "C text"]
    assert names(client.get("/api/v1/templates?filter[channel]=sms&sort=-name", headers=headers)) == ["C text", "A text"]
    assert names(client.get("/api/v1/templates?search=email", headers=headers)) == ["B email"]
    page = client.get("/api/v1/templates?page[number]=2&page[size]=2", headers=headers).json
    assert [item["attributes"]["name"] for item in page["data"]] == ["C text"]
    assert page["meta"]["page"]["total_records"] == 3


def test_a_read_only_key_cannot_write_but_can_preview(client, owner, organization):
    headers = key_headers(make_key(owner, scopes=["templates:read"]))
    with unit_of_work(organization.id):
        template = operations.create_template(organization, {"name": "T", "channel": "sms", "body": "Hi"})
    assert client.post("/api/v1/templates", headers=headers, json=PRODUCT).status_code == 403
    assert client.post(f"/api/v1/templates/{template.id}/duplicate", headers=headers).status_code == 403
    assert client.post(f"/api/v1/templates/{template.id}/preview", headers=headers, json={}).status_code == 200


def test_another_business_cannot_see_preview_duplicate_change_or_delete(client, other_owner, organization):
    headers = key_headers(make_key(other_owner))
    with unit_of_work(organization.id):
        template = operations.create_template(organization, {"name": "Secret", "channel": "sms", "body": "Hi"})
    with unit_of_work(other_owner.organization_id):
        mine = operations.create_template(other_owner.organization, {"name": "Mine", "channel": "sms", "body": "Hi"})
    contact = ContactFactory(organization=organization)
    assert [t["attributes"]["name"] for t in client.get("/api/v1/templates", headers=headers).json["data"]] == ["Mine"]
    path = f"/api/v1/templates/{template.id}"
    assert client.get(path, headers=headers).status_code == 404
    assert client.put(path, headers=headers, json={"name": "Stolen"}).status_code == 404
    assert client.post(f"{path}/duplicate", headers=headers).status_code == 404
    assert client.post(f"{path}/preview", headers=headers, json={}).status_code == 404
    assert client.delete(path, headers=headers).status_code == 404
    foreign_contact = client.post(f"/api/v1/templates/{mine.id}/preview", headers=headers,
                                  json={"contact_id": str(contact.id)})
    assert foreign_contact.status_code == 404 and "Jamie" not in foreign_contact.get_data(as_text=True)
    assert count() == 2


SEED_001_CREATE = {
    "name": "Product Announcement",
    "description": "Template for product launches",
    "category": "announcement",
    "html_content": "<html><body>{{product_name}}</body></html>",
    "text_content": "Announcing {{product_name}}",
    "variables": [{"name": "product_name", "type": "text", "required": True}],
}


def test_seed_001_create_body_as_it_stands_makes_an_email_template(client, headers, app_ctx):
    response = client.post("/api/v1/templates", headers=headers, json=SEED_001_CREATE)
    assert response.status_code == 201, response.json
    attributes = response.json["data"]["attributes"]
    assert attributes["channel"] == "email" and attributes["subject"] == "Product Announcement"
    assert attributes["usage_count"] == 0 and attributes["is_public"] is False and attributes["thumbnail_url"] is None


def test_every_missing_field_is_reported_at_once(client, headers, app_ctx):
    response = client.post("/api/v1/templates", headers=headers, json={"description": "No name, no content"})
    assert response.status_code == 422
    pointers = {e["source"]["pointer"] for e in response.json["errors"]}
    assert pointers == {"/data/attributes/name", "/data/attributes/subject", "/data/attributes/html_content"}
    sms = client.post("/api/v1/templates", headers=headers, json={"channel": "sms"})
    assert {e["source"]["pointer"] for e in sms.json["errors"]} == {"/data/attributes/name", "/data/attributes/body"}
