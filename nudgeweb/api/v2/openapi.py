"""The OpenAPI 3.1 document of /api/v2, generated like /api/v1's: v1's document (the same routes and the
same pydantic models) with seed 001's documents in place of JSON:API's: its error object on every error,
its list document, its single-resource document and the flat shapes of v2/shapes.py."""
import copy
from functools import lru_cache

from nudgeweb.api.openapi import REF
from nudgeweb.api.openapi import build_document as build_v1_document
from nudgeweb.api.resources.openapi import YAML_CONTENT
from nudgeweb.api.v2.documents import SHAPES
from nudgeweb.api.v2.routes import v2_operations

ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {
        "type": "object",
        "required": ["type", "message", "code", "details", "request_id", "documentation_url"],
        "properties": {
            "type": {"type": "string", "enum": ["authentication_error", "authorization_error", "validation_error",
                                                "not_found_error", "conflict_error", "rate_limit_error", "quota_error",
                                                "payment_error", "server_error"]},
            "message": {"type": "string"},
            "code": {"type": "string", "examples": ["ERR_VALIDATION"]},
            "details": {"type": "array", "items": {
                "type": "object", "required": ["field", "message", "code"],
                "properties": {"field": {"type": "string"}, "message": {"type": "string"},
                               "code": {"type": "string", "examples": ["invalid", "required"]}}}},
            "request_id": {"type": "string"},
            "documentation_url": {"type": "string"},
            "retry_after": {"type": "integer", "description": "Seconds to wait (429 only)."},
        },
    }},
    "examples": [{"error": {"type": "validation_error", "message": "email: value is not a valid email address.",
                            "code": "ERR_VALIDATION", "details": [{"field": "email", "code": "invalid",
                                                                   "message": "email: value is not a valid email address."}],
                            "request_id": "req_abc123", "documentation_url": "https://nudge.example/api/docs?version=2"}}],
}
RESET_AFTER = {"description": "Seconds until the window resets.", "schema": {"type": "integer"}}
ACTIVITY_ITEM = {
    "type": "object",
    "required": ["id", "type", "timestamp"],
    "properties": {"id": {"type": "string"}, "type": {"type": "string", "examples": ["email_sent"]},
                   "campaign_id": {"type": ["string", "null"]}, "timestamp": {"type": "string"},
                   "metadata": {"type": "object"}},
}


@lru_cache(maxsize=1)
def build_document():
    document = copy.deepcopy(build_v1_document())
    schemas = document["components"]["schemas"]
    schemas["V2Error"] = ERROR
    document["info"].update(title="Nudge API v2", version="2.0.0", description=(
        "Seed 001's dialect (NudgeCampaign API v2) under /api/v2, over the same operations as /api/v1. "
        "Errors: `{\"error\": {type, message, code, details, request_id, documentation_url}}`. Lists: `data`, "
        "`meta` {total, page_size, has_more} and `links` {self, next}, paged by `page[cursor]` (from links.next) "
        "and `page[size]` (at most 100). Authenticate with `Authorization: Bearer <token>` (a JWT from "
        "/api/v2/auth/login, an OAuth 2.0 access token, or an API key) or `X-API-Key: <key>`. Any write takes an "
        "`Idempotency-Key` header. Rate-limit headers: X-RateLimit-Limit, -Remaining, -Reset, -Reset-After."))
    document["paths"] = _paths(document["paths"])
    for name in list(schemas):
        if name.endswith("ListDocument"):
            schemas[name] = _list_schema(schemas[name])
        elif name.endswith("Document") and "data" in schemas[name].get("properties", {}):
            schemas[name] = {"type": "object", "required": ["data"], "properties": {
                "data": schemas[name]["properties"]["data"], "meta": {"type": "object"}}}
    for resource_type, shape in SHAPES.items():
        _reshape(schemas, resource_type, shape)
    return document


def _paths(v1_paths):
    served = {operation.endpoint.removeprefix("api.") for operation in v2_operations()}
    paths = {}
    for path, item in v1_paths.items():
        operations = {method: _operation(op) for method, op in item.items() if op.get("operationId") in served}
        if operations:
            paths["/api/v2" + path.removeprefix("/api/v1")] = operations
    own = {"application/json": {"schema": {"$ref": "#/components/schemas/OpenApiDocument"}}}
    paths["/api/v2/openapi.json"] = {"get": {"operationId": "openapi_json_v2", "summary": "This OpenAPI document",
                                             "tags": ["Meta"], "security": [],
                                             "responses": {"200": {"description": "The document", "content": own}}}}
    paths["/api/v2/openapi.yaml"] = {"get": {"operationId": "openapi_yaml_v2", "summary": "This OpenAPI document (YAML)",
                                             "tags": ["Meta"], "security": [], "responses": {"200": {
                                                 "description": "The document",
                                                 "content": YAML_CONTENT}}}}
    paths["/api/v2/oauth/authorize"] = {"get": {
        "operationId": "oauth_authorize_v2", "summary": "Start OAuth 2.0 authorization", "tags": ["Authentication"],
        "security": [], "description": "Sends the browser, with the same query, to the consent page /oauth/authorize.",
        "responses": {"302": {"description": "To the consent page"}}}}
    return paths


def _operation(operation):
    for status, response in operation["responses"].items():
        if status.startswith(("4", "5")):
            response["content"] = {"application/json": {"schema": {"$ref": REF.format(model="V2Error")}}}
        elif "headers" in response:
            response["headers"] = {**response["headers"], "X-RateLimit-Reset-After": RESET_AFTER}
    return operation


def _list_schema(v1_schema):
    return {"type": "object", "required": ["data", "meta", "links"], "properties": {
        "data": v1_schema["properties"]["data"],
        "meta": {"type": "object", "properties": {"total": {"type": ["integer", "null"]},
                                                  "page_size": {"type": "integer"}, "has_more": {"type": "boolean"}}},
        "links": {"type": "object", "properties": {"self": {"type": "string"}, "next": {"type": ["string", "null"]}}},
    }}


def _reshape(schemas, resource_type, shape):
    name = "".join(part.title() for part in resource_type.split("_")) + "Resource"
    resource = schemas.get(name)
    if resource is None:
        return
    if shape.more_schema is not None:
        resource["properties"]["attributes"] = {"allOf": [resource["properties"]["attributes"], shape.more_schema]}
    if not (shape.flat or shape.item):
        return
    if resource_type == "contact_activities":
        schemas[name] = ACTIVITY_ITEM
        return
    schemas[name] = {"allOf": [resource["properties"]["attributes"], {
        "type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}]}
