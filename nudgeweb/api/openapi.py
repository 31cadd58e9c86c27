"""The OpenAPI 3.1 document, built from the routes declared with ``api_route`` and the very
pydantic models that validate their requests (JSON Schema 2020-12, which OpenAPI 3.1 speaks).
"""
import re
from functools import lru_cache

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from nudgeweb.api.documents import ResourceType
from nudgeweb.api.params import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from nudgeweb.api.platform import OPERATIONS, TAG_DESCRIPTIONS, Operation

REF = "#/components/schemas/{model}"
JSON_MEDIA_TYPES = ("application/json", "application/vnd.api+json")
_PATH_PARAM = re.compile(r"<(?:[a-z]+:)?([a-z_]+)>")


def _ref(model):
    return {"$ref": REF.format(model=model)}


_TEXT = {"type": "string"}
_MAYBE_TEXT = {"type": ["string", "null"]}

# The pieces every document shares, each a named schema, so that a generated client has one class
# for each (links, meta, relationships, included resources, errors) whatever resource it reads.
SHARED_SCHEMAS = {
    "ResourceLinks": {"type": "object", "properties": {"self": _TEXT}, "additionalProperties": _TEXT,
                      "description": "Links of a resource object (`self`, and e.g. `download` of an export)."},
    "DocumentLinks": {"type": "object", "properties": {"self": _TEXT}},
    "ListLinks": {"type": "object", "properties": {name: _MAYBE_TEXT for name in ("self", "first", "last", "next",
                                                                                    "prev")}},
    "PageMeta": {"type": "object", "properties": {
        "number": {"type": "integer"}, "size": {"type": "integer"}, "total_records": {"type": "integer"},
        "total_pages": {"type": "integer"}, "next_cursor": _MAYBE_TEXT}},
    "ListMeta": {"type": "object", "properties": {"page": _ref("PageMeta"), "has_more": {"type": "boolean"}},
                 "description": "`page` for page[number] paging; `has_more` (and page.next_cursor) for cursor paging."},
    "DocumentMeta": {"type": "object", "additionalProperties": True},
    "ResourceIdentifier": {"type": "object", "required": ["id", "type"],
                           "properties": {"id": _TEXT, "type": _TEXT}},
    "RelationshipLinks": {"type": "object", "properties": {"self": _TEXT, "related": _TEXT}},
    "Relationship": {"type": "object", "properties": {
        "data": {"anyOf": [_ref("ResourceIdentifier"), {"type": "array", "items": _ref("ResourceIdentifier")},
                           {"type": "null"}]},
        "links": _ref("RelationshipLinks")}},
    "Relationships": {"type": "object", "additionalProperties": _ref("Relationship")},
    "IncludedResource": {
        "type": "object", "required": ["id", "type"],
        "description": "A related resource of `include=`: its attributes are those of its type's schema.",
        "properties": {"id": _TEXT, "type": _TEXT, "attributes": {"type": "object", "additionalProperties": True},
                       "relationships": _ref("Relationships"), "links": _ref("ResourceLinks")}},
    "OpenApiDocument": {"type": "object", "required": ["openapi", "info", "paths"], "additionalProperties": True,
                        "properties": {"openapi": _TEXT, "info": {"type": "object", "additionalProperties": True},
                                       "paths": {"type": "object", "additionalProperties": True}}},
}

_ERROR_EXAMPLE = {"status": "401", "code": "ERR_AUTH_MISSING_TOKEN", "title": "Unauthorized",
                  "detail": "X-API-Key header is required."}

ERROR_SCHEMAS = {
    "ErrorSource": {"type": "object", "properties": {"pointer": _TEXT, "parameter": _TEXT}},
    "ErrorMeta": {"type": "object", "properties": {"request_id": _TEXT}, "additionalProperties": True},
    "Error": {
        "type": "object",
        "required": ["status", "code", "title", "detail"],
        "properties": {
            "status": {"type": "string", "examples": ["422"]},
            "code": {"type": "string", "examples": ["ERR_VALIDATION"]},
            "title": _TEXT,
            "detail": _MAYBE_TEXT,
            "source": _ref("ErrorSource"),
            "meta": _ref("ErrorMeta"),
        },
    },
    "ErrorDocument": {
        "type": "object",
        "required": ["errors", "meta"],
        "description": "JSON:API errors (no `data`); `meta.request_id` names the request in our logs.",
        "properties": {
            "errors": {"type": "array", "items": _ref("Error")},
            "meta": _ref("ErrorMeta"),
            "links": _ref("DocumentLinks"),
        },
        "examples": [{"errors": [{"status": "422", "code": "ERR_VALIDATION", "title": "Invalid attribute",
                                  "detail": "email: value is not a valid email address.",
                                  "source": {"pointer": "/data/attributes/email"}}],
                      "meta": {"request_id": "req_3f2c9a7e"}}],
    },
    # Seed 004's 401, kept by the operations that declare ``seed_004_unauthorized`` (the nudges
    # list): ``data: null`` beside ``errors``, and an ``included`` that is always empty.
    "Seed004Error": {  # seed 004's error object: status, title and detail, word for word
        "type": "object",
        "required": ["status", "title", "detail"],
        "properties": {"status": {"type": "string", "examples": ["401"]}, "title": _TEXT, "detail": _TEXT},
    },
    "Seed004UnauthorizedDocument": {
        "type": "object",
        "required": ["data", "included", "links", "meta", "errors"],
        "properties": {
            "data": {"type": "null"},
            "included": {"type": "array", "items": _ref("IncludedResource"), "maxItems": 0},
            "links": _ref("DocumentLinks"),
            "meta": _ref("DocumentMeta"),
            "errors": {"type": "array", "items": _ref("Seed004Error")},
        },
        "examples": [{"data": None, "included": [], "links": {"self": "https://nudge.example/api/v1/nudges"},
                      "meta": {}, "errors": [_ERROR_EXAMPLE]}],
    },
}

ERROR_RESPONSES = {
    "400": ("Bad request: a malformed body or an unknown/invalid query parameter.", "ErrorDocument"),
    "401": ("Missing or invalid credentials (ERR_AUTH_MISSING_TOKEN, ERR_AUTH_INVALID_TOKEN).", "ErrorDocument"),
    "403": ("The credential lacks the scope (with WWW-Authenticate: Bearer error=\"insufficient_scope\"), "
            "or the user's role is too low (ERR_PERMISSION_DENIED).", "ErrorDocument"),
    "404": ("No such resource in your organization (ERR_RESOURCE_NOT_FOUND).", "ErrorDocument"),
    "409": ("Conflict (a duplicate, or the same Idempotency-Key still being processed).", "ErrorDocument"),
    "422": ("Validation failed: one error per invalid attribute (ERR_VALIDATION), or an Idempotency-Key "
            "reused with another body (ERR_IDEMPOTENCY_KEY_REUSED).", "ErrorDocument"),
    "415": ("The body is not JSON (send application/json or application/vnd.api+json): "
            "ERR_UNSUPPORTED_MEDIA_TYPE.", "ErrorDocument"),
    "429": ("Rate limit exceeded (ERR_RATE_LIMIT); see Retry-After.", "ErrorDocument"),
}
SEED_004_UNAUTHORIZED = ("Missing or invalid credentials, in the 401 document of seed 004 (data null beside errors).",
                         "Seed004UnauthorizedDocument")

RATE_HEADERS = {
    "X-RateLimit-Limit": {"description": "Requests allowed per minute.", "schema": {"type": "integer"}},
    "X-RateLimit-Remaining": {"description": "Requests left in this minute.", "schema": {"type": "integer"}},
    "X-RateLimit-Reset": {"description": "Unix time when the window resets.", "schema": {"type": "integer"}},
    "X-Request-Id": {"description": "The request's id (also in meta.request_id of errors).", "schema": {"type": "string"}},
}


def openapi_path(rule):
    return _PATH_PARAM.sub(r"{\1}", rule)


@lru_cache(maxsize=1)
def build_document():
    models = _models()
    _, definitions = models_json_schema([(m, "validation") for m in models], ref_template=REF)
    schemas = {**definitions.get("$defs", {}), **SHARED_SCHEMAS, **ERROR_SCHEMAS}
    for resource in _resource_types():
        schemas.update(_resource_schemas(resource))
    for operation in OPERATIONS:
        if _takes_documents(operation):
            schemas.update(_body_document_schemas(operation.body))
    for schema in schemas.values():
        _timestamps_are_date_times(schema)
    paths = {}
    for operation in OPERATIONS:
        if operation.documented:
            path = "/api/v1" + openapi_path(operation.rule)
            paths.setdefault(path, {})[operation.method.lower()] = _operation(operation)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Nudge API",
            "version": "1.0.0",
            "summary": "Review requests, contacts, campaigns and more, for integrations.",
            "description": (
                "JSON:API 1.1 documents under /api/v1. Authenticate with `X-API-Key: <key>` or "
                "`Authorization: Bearer <token>` (an OAuth 2.0 access token or a JWT from /api/v1/auth/login). "
                "Scopes: `read`, `write`, or per resource (`contacts:read`, `contacts:write` ...). "
                "Any write (POST, PUT, PATCH, DELETE) accepts an `Idempotency-Key` header (or `idempotency_key` in the body): the same key "
                "and body within 24 hours replay the first answer. 1,000 requests a minute per credential by "
                "default. Bodies may be plain JSON objects or JSON:API documents (application/json or "
                "application/vnd.api+json); answers are application/json, or application/vnd.api+json to a "
                "client whose Accept prefers it. A Python SDK generated from this document is in the "
                "repository under clients/python."
            ),
            "contact": {"name": "Nudge support", "email": "support@justanudge.co"},
        },
        "servers": [{"url": "/", "description": "This Nudge installation"}],
        "security": [{"ApiKeyAuth": []}, {"BearerAuth": []}, {"OAuth2": []}],
        "tags": [{"name": name, "description": text} for name, text in sorted(TAG_DESCRIPTIONS.items())],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "ApiKeyAuth": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
                "BearerAuth": {"type": "http", "scheme": "bearer",
                               "description": "An OAuth 2.0 access token or a JWT from POST /api/v1/auth/login."},
                "OAuth2": _oauth2_scheme(),
            },
        },
    }


def _oauth2_scheme():
    """The OAuth 2.0 server's flow (seed 000): authorization code with PKCE S256, rotating refresh tokens."""
    from nudgeweb.oauth.scopes import SCOPES

    return {"type": "oauth2", "description": "Authorization code with PKCE (S256; required of public clients). "
                                             "Revoke at POST /oauth/revoke: with the client's own "
                                             "credentials and a form `token` (RFC 7009: a form naming "
                                             "`token` and `client_id`; a Bearer header beside it is "
                                             "ignored), or with the access "
                                             "token as Bearer and an optional JSON `token` (seed 000); the "
                                             "empty-body form revokes every token of the calling app for "
                                             "that user, never another app's.",
            "flows": {"authorizationCode": {"authorizationUrl": "/oauth/authorize", "tokenUrl": "/oauth/token",
                                            "refreshUrl": "/oauth/token", "scopes": dict(SCOPES)}}}


def _models():
    found = []
    for operation in OPERATIONS:
        for candidate in (operation.body, operation.query, operation.response):
            if isinstance(candidate, type) and issubclass(candidate, BaseModel) and candidate not in found:
                found.append(candidate)
    for resource in _resource_types():
        if resource.schema not in found:
            found.append(resource.schema)
    names = [model.__name__ for model in found]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:  # the document names each schema once: two models of one name would hide one of them
        raise TypeError(f"Two API models are named {', '.join(twice)}: give each its own name")
    return found


def _resource_types():
    seen = []
    for operation in OPERATIONS:
        if isinstance(operation.response, ResourceType) and operation.response not in seen:
            seen.append(operation.response)
    return seen


def _name(resource):
    return "".join(part.title() for part in resource.type.split("_"))


def _resource_schemas(resource):
    name = _name(resource)
    return {
        f"{name}Resource": {
            "type": "object",
            "required": ["id", "type", "attributes"],
            "properties": {
                "id": {"type": "string"},
                "type": {"type": "string", "enum": [resource.type]},
                "attributes": _ref(resource.schema.__name__),
                "relationships": _ref("Relationships"),
                "links": _ref("ResourceLinks"),
            },
        },
        f"{name}Document": {
            "type": "object",
            "required": ["data"],
            "properties": {
                "data": _ref(f"{name}Resource"),
                "included": {"type": "array", "items": _ref("IncludedResource")},
                "links": _ref("DocumentLinks"),
                "meta": _ref("DocumentMeta"),
            },
        },
        f"{name}ListDocument": {
            "type": "object",
            "required": ["data", "links", "meta"],
            "properties": {
                "data": {"type": "array", "items": _ref(f"{name}Resource")},
                "included": {"type": "array", "items": _ref("IncludedResource")},
                "links": _ref("ListLinks"),
                "meta": _ref("ListMeta"),
            },
        },
    }


def _takes_documents(op):
    """A body that may also come as a JSON:API document: that of an operation answering one."""
    return op.body is not None and isinstance(op.response, ResourceType)


def _body_document_schemas(body):
    """The JSON:API form of a request body: ``{"data": {"type", "attributes": <body>}}``."""
    name = body.__name__
    return {
        f"{name}Resource": {"type": "object", "required": ["attributes"], "properties": {
            "type": {"type": "string"}, "id": {"type": "string"}, "attributes": _ref(name)}},
        f"{name}Document": {"type": "object", "required": ["data"], "properties": {"data": _ref(f"{name}Resource")}},
    }


def _timestamps_are_date_times(schema):
    """A text attribute named ``*_at`` is a timestamp (ISO 8601 in UTC): said so as ``format: date-time``
    wherever a resource's schema forgot to type it as a datetime."""
    properties = schema.get("properties", {})
    for name, prop in properties.items():
        if name.endswith("_at"):
            properties[name] = _date_time(prop)


def _date_time(prop):
    """``prop`` (or its text member of an ``anyOf``) with ``format: date-time``: a copy, as the
    shared pieces of schema it may hold must stay as they are."""
    if "anyOf" in prop:
        return {**prop, "anyOf": [_date_time(member) for member in prop["anyOf"]]}
    if prop.get("type") == "string" and "format" not in prop:
        return {**prop, "format": "date-time"}
    return prop


def _operation(op: Operation):
    parameters = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        for name in _PATH_PARAM.findall(op.rule)
    ]
    if op.list_spec is not None:
        parameters += _list_parameters(op)
    elif isinstance(op.response, ResourceType):
        parameters.append(_sparse_fieldset(op.response))
    if op.query is not None:
        schema = op.query.model_json_schema(ref_template=REF)
        for name, prop in schema.get("properties", {}).items():
            parameters.append({"name": name, "in": "query", "required": name in schema.get("required", []),
                               "schema": {k: v for k, v in prop.items() if k != "title"},
                               "description": prop.get("description", "")})
    result = {
        "operationId": op.endpoint.removeprefix("api."),
        "summary": op.summary,
        "tags": op.tags,
        "parameters": parameters,
        "responses": _responses(op),
    }
    if op.description or op.scope:
        extra = f"\n\nScope: `{op.scope}`; role: {op.role} or above." if op.scope else ""
        result["description"] = (op.description + extra).strip()
    if not op.auth:
        result["security"] = []
    elif op.scope:
        result["security"] = [{"ApiKeyAuth": []}, {"BearerAuth": []}, {"OAuth2": [op.scope]}]
    body = _request_body(op)
    if body:
        result["requestBody"] = body
    if op.method in ("POST", "PUT", "PATCH", "DELETE") and op.auth:
        result["parameters"].append({
            "name": "Idempotency-Key", "in": "header", "required": False,
            "schema": {"type": "string", "minLength": 1, "maxLength": 255},
            "description": "Replays the first answer for 24 hours; another body with the same key is a 422.",
        })
    return result


def _list_parameters(op):
    spec = op.list_spec
    sorts = ", ".join(sorted(spec.sorts))
    parameters = [
        {"name": f"filter[{name}]", "in": "query", "required": False, "schema": {"type": "string"},
         "description": description}
        for name, description in spec.filters.items()
    ]
    parameters += [
        {"name": alias, "in": "query", "required": False, "schema": {"type": "string"},
         "description": f"Same as filter[{target}]."}
        for alias, target in spec.aliases.items()
    ]
    parameters += [
        {"name": "sort", "in": "query", "required": False, "schema": {"type": "string"},
         "description": f"Comma-separated fields, `-` for descending. Fields: {sorts}. Default `{spec.default_sort}`.",
         "example": spec.default_sort},
        {"name": "page[number]", "in": "query", "required": False,
         "schema": {"type": "integer", "minimum": 1, "maximum": 10**9}, "description": "Page number (from 1)."},
        {"name": "page[size]", "in": "query", "required": False,
         "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE}},
        {"name": "page[cursor]", "in": "query", "required": False, "schema": {"type": "string"},
         "description": "Cursor paging: pass an empty value to start, then follow links.next."},
    ]
    if isinstance(op.response, ResourceType):
        parameters.append(_sparse_fieldset(op.response))
    if spec.includes:
        parameters.append({"name": "include", "in": "query", "required": False, "schema": {"type": "string"},
                           "description": f"Related resources: {', '.join(sorted(spec.includes))}."})
    return parameters


def _sparse_fieldset(resource_type):
    return {"name": f"fields[{resource_type.type}]", "in": "query", "required": False, "schema": {"type": "string"},
            "description": "Sparse fieldset: the attributes to return, comma-separated."}


def _request_body(op):
    if op.form is not None:
        return {"required": True, "content": {"multipart/form-data": {"schema": {
            "type": "object", "properties": op.form.get("properties", {}), "required": op.form.get("required", [])}}}}
    if op.body is None:
        return None
    content = {"application/json": {"schema": _ref(op.body.__name__)}}
    if _takes_documents(op):
        content["application/vnd.api+json"] = {"schema": _ref(f"{op.body.__name__}Document")}
    required = bool(op.body.model_json_schema().get("required"))
    return {"required": required, "content": content}


def json_content(schema_name):
    """An answer in JSON: application/json, or application/vnd.api+json to a client that asks for it."""
    return {media_type: {"schema": _ref(schema_name)} for media_type in JSON_MEDIA_TYPES}


def _responses(op):
    success = {"description": op.summary}
    if op.response is None and op.status == 204:
        success = {"description": "Done; no content."}
    elif isinstance(op.response, ResourceType):
        success["content"] = json_content(_name(op.response) + ("ListDocument" if op.many else "Document"))
    elif isinstance(op.response, type) and issubclass(op.response, BaseModel):
        success["content"] = json_content(op.response.__name__)
    elif isinstance(op.response, dict):
        success["content"] = op.response
    if op.auth:
        success["headers"] = RATE_HEADERS
    responses = {str(op.status): success}
    for status, description in op.extra.get("other_successes", {}).items():
        responses[status] = {**success, "description": description}
    codes = set(op.errors)
    if op.auth:
        codes |= {"401", "403", "429"}
    if op.body is not None or op.form is not None or op.list_spec is not None or op.query is not None:
        codes |= {"400", "422"}
    if op.body is not None:
        codes.add("415")
    if op.method in ("POST", "PUT", "PATCH", "DELETE") or isinstance(op.response, ResourceType):
        codes |= {"400"}  # (a bad body, or a bad fields[type] or include of a resource document)
    if op.method in ("POST", "PUT", "PATCH") and op.auth:
        codes |= {"409", "422"}  # 409: a JSON:API document of another type or id, or a duplicate
    if op.method == "DELETE" and op.auth:
        codes |= {"409", "422"}  # an Idempotency-Key still in progress, or reused for another request
    if _PATH_PARAM.search(op.rule):
        codes.add("404")
    for code in sorted(codes):
        description, schema = ERROR_RESPONSES.get(code, ("Error", "ErrorDocument"))
        if code == "401" and op.seed_004_unauthorized:
            description, schema = SEED_004_UNAUTHORIZED
        responses[code] = {"description": description, "content": json_content(schema)}
    return responses
