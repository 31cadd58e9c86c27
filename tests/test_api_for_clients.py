"""What off-the-shelf clients need of the API and its OpenAPI document (JSON:API clients, generators):
checked over the whole document, so that every resource added later is held to it too."""
from flask import g

from nudgeweb.api.errors import ApiError, error_response
from nudgeweb.api.openapi import _responses
from nudgeweb.api.platform import Operation
from tests.api_helpers import key_headers, make_key

JSON_TYPES = {"application/json", "application/vnd.api+json"}


def walk(schema, path="#"):
    """(path, schema) of ``schema`` and of every schema inside it."""
    if isinstance(schema, dict):
        yield path, schema
        for key, value in schema.items():
            yield from walk(value, f"{path}/{key}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            yield from walk(value, f"{path}/{index}")


def responses(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            for status, response in operation["responses"].items():
                yield f"{method.upper()} {path} {status}", response


def test_every_json_response_is_a_named_schema_in_both_json_media_types(client):
    document = client.get("/api/v1/openapi.json").json
    for where, response in responses(document):
        content = response.get("content", {})
        if JSON_TYPES & set(content):
            assert set(content) == JSON_TYPES, where
            assert all(set(media["schema"]) == {"$ref"} for media in content.values()), where
        else:  # CSV, YAML: text, and the YAML also as the document it is
            assert all(media["schema"] == {"type": "string"} for media in content.values() if "$ref" not in media["schema"])
            assert not content or any(media["schema"] == {"type": "string"} for media in content.values()), where


def test_generators_find_every_array_typed_and_no_error_document_carries_data(client):
    schemas = client.get("/api/v1/openapi.json").json["components"]["schemas"]
    for path, schema in walk(schemas):
        if schema.get("type") == "array":
            assert "items" in schema or "prefixItems" in schema, path
    for name, schema in schemas.items():
        properties = schema.get("properties", {})
        if "errors" in properties and name != "Seed004UnauthorizedDocument":
            assert "data" not in properties, name  # JSON:API 1.1: data and errors never together


def test_timestamps_are_date_times_and_vocabularies_are_enums(client):
    schemas = client.get("/api/v1/openapi.json").json["components"]["schemas"]
    for name, schema in schemas.items():
        for attribute, prop in schema.get("properties", {}).items():
            if attribute.endswith("_at"):
                members = [m for m in prop.get("anyOf", [prop]) if m.get("type") == "string"]
                assert members and all(m.get("format") == "date-time" for m in members), f"{name}.{attribute}"
    def vocabulary(schema, attribute):
        prop = schemas[schema]["properties"][attribute]
        ref = next(member["$ref"] for member in prop.get("anyOf", [prop]) if "$ref" in member)
        return schemas[ref.rsplit("/", 1)[1]]["enum"]  # a named enum: one class in a generated client

    assert vocabulary("ContactAttributes", "status") == ["subscribed", "unsubscribed", "bounced", "complained"]
    assert "review_request" in vocabulary("ContactAttributes", "source")
    assert vocabulary("MessageAttributes", "channel") == ["email", "sms"]
    assert "reviewed" in vocabulary("ReviewRequestAttributes", "status")
    assert "sending" in vocabulary("MessageAttributes", "status")


def test_login_and_refresh_offer_one_request_media_type(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    for path in ("/api/v1/auth/login", "/api/v1/auth/refresh"):
        assert list(paths[path]["post"]["requestBody"]["content"]) == ["application/json"]
    contacts = paths["/api/v1/contacts"]["post"]["requestBody"]["content"]
    assert contacts["application/vnd.api+json"]["schema"]["$ref"].endswith("/ContactInDocument")


def test_a_json_api_client_gets_its_media_type_back(client, owner):
    headers = key_headers(make_key(owner))
    asked = client.get("/api/v1/contacts", headers={**headers, "Accept": "application/vnd.api+json"})
    assert asked.status_code == 200 and asked.headers["Content-Type"] == "application/vnd.api+json"
    assert "Accept" in asked.headers["Vary"] and asked.json["data"] == []
    refused = client.get("/api/v1/contacts", headers={"Accept": "application/vnd.api+json"})
    assert refused.status_code == 401 and refused.headers["Content-Type"] == "application/vnd.api+json"
    assert client.get("/api/v1/contacts", headers=headers).headers["Content-Type"] == "application/json"
    either = client.get("/api/v1/contacts", headers={**headers, "Accept": "application/json, application/vnd.api+json"})
    assert either.headers["Content-Type"] == "application/json"
    posted = client.post("/api/v1/contacts", headers={**headers, "Accept": "application/vnd.api+json"},
                         data='{"data": {"type": "contacts", "attributes": {"email": "ann@example.com"}}}',
                         content_type="application/vnd.api+json")
    assert posted.status_code == 201 and posted.headers["Content-Type"] == "application/vnd.api+json"


def test_the_yaml_document_comes_as_text_to_who_asks_for_text(client):
    assert client.get("/api/v1/openapi.yaml").headers["Content-Type"].startswith("application/yaml")
    as_text = client.get("/api/v1/openapi.yaml", headers={"Accept": "text/yaml"})
    assert as_text.headers["Content-Type"].startswith("text/yaml") and as_text.data.startswith(b"openapi:")


def test_an_operation_may_keep_seed_004s_401_and_says_so(app):
    """The nudges list of seed 004 answers its 401 with data null beside errors: an operation that
    declares ``seed_004_unauthorized`` gets that document, and its OpenAPI says so."""
    operation = Operation("/nudges", "GET", "api.list_nudges", "List nudges", "", [], "nudges:read", "viewer", True,
                          None, None, None, False, 200, seed_004_unauthorized=True)
    schema = _responses(operation)["401"]["content"]["application/json"]["schema"]
    assert schema["$ref"].endswith("/Seed004UnauthorizedDocument")
    with app.test_request_context("/api/v1/nudges"):
        g.seed_004_unauthorized = True
        response = error_response(ApiError(401, "X-API-Key header is required.", "ERR_AUTH_MISSING_TOKEN"))
    body = response.get_json()
    assert body["data"] is None and body["included"] == [] and body["meta"] == {}
    assert body["links"] == {"self": "http://localhost/api/v1/nudges"}
    assert body["errors"][0]["detail"] == "X-API-Key header is required."
