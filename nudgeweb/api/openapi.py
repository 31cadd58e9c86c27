"""The OpenAPI 3.1 document, built from the routes declared with ``api_route`` and the very
pydantic models that validate their requests (JSON Schema 2020-12, which OpenAPI 3.1 speaks).
"""
import re
from functools import lru_cache

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from nudgeweb.api.documents import ResourceType
from nudgeweb.api.params import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from nudgeweb.api.platform import OPERATIONS, Operation

REF = "#/components/schemas/{model}"
_PATH_PARAM = re.compile(r"<(?:[a-z]+:)?([a-z_]+)>")

ERROR_SCHEMAS = {
    "Error": {
        "type": "object",
        "required": ["status", "code", "title", "detail"],
        "properties": {
            "status": {"type": "string", "examples": ["422"]},
            "code": {"type": "string", "examples": ["ERR_VALIDATION"]},
            "title": {"type": "string"},
            "detail": {"type": ["string", "null"]},
            "source": {"type": "object", "properties": {"pointer": {"type": "string"}, "parameter": {"type": "string"}}},
            "meta": {"type": "object"},
        },
    },
    "ErrorDocument": {
        "type": "object",
        "required": ["errors", "meta"],
        "properties": {
            "errors": {"type": "array", "items": {"$ref": "#/components/schemas/Error"}},
            "meta": {"type": "object", "properties": {"request_id": {"type": "string"}}},
        },
        "examples": [{"errors": [{"status": "422", "code": "ERR_VALIDATION", "title": "Invalid attribute",
                                  "detail": "email: value is not a valid email address.",
                                  "source": {"pointer": "/data/attributes/email"}}],
                      "meta": {"request_id": "req_3f2c9a7e"}}],
    },
    "UnauthorizedDocument": {
        "type": "object",
        "required": ["data", "included", "links", "meta", "errors"],
        "properties": {
            "data": {"type": "null"},
            "included": {"type": "array", "maxItems": 0},
            "links": {"type": "object", "properties": {"self": {"type": "string"}}},
            "meta": {"type": "object"},
            "errors": {"type": "array", "items": {"$ref": "#/components/schemas/Error"}},
        },
        "examples": [{"data": None, "included": [], "links": {"self": "https://nudge.example/api/v1/contacts"},
                      "meta": {}, "errors": [{"status": "401", "code": "ERR_AUTH_MISSING_TOKEN",
                                              "title": "Unauthorized", "detail": "X-API-Key header is required."}]}],
    },
}

ERROR_RESPONSES = {
    "400": ("Bad request: a malformed body or an unknown/invalid query parameter.", "ErrorDocument"),
    "401": ("Missing or invalid credentials (the seed-004 document).", "UnauthorizedDocument"),
    "403": ("The credential lacks the scope, or the user's role is too low (ERR_PERMISSION_DENIED).", "ErrorDocument"),
    "404": ("No such resource in your organization (ERR_RESOURCE_NOT_FOUND).", "ErrorDocument"),
    "409": ("Conflict (a duplicate, or the same Idempotency-Key still being processed).", "ErrorDocument"),
    "422": ("Validation failed: one error per invalid attribute (ERR_VALIDATION), or an Idempotency-Key "
            "reused with another body (ERR_IDEMPOTENCY_KEY_REUSED).", "ErrorDocument"),
    "415": ("The body came as a form where JSON is read (ERR_UNSUPPORTED_MEDIA_TYPE).", "ErrorDocument"),
    "429": ("Rate limit exceeded (ERR_RATE_LIMIT); see Retry-After.", "ErrorDocument"),
}

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
    schemas = {**definitions.get("$defs", {}), **ERROR_SCHEMAS}
    for resource in _resource_types():
        schemas.update(_resource_schemas(resource))
    paths = {}
    for operation in OPERATIONS:
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
                "default. Bodies may be plain JSON objects or JSON:API documents."
            ),
            "contact": {"name": "Nudge support", "email": "support@justanudge.co"},
        },
        "servers": [{"url": "/", "description": "This Nudge installation"}],
        "security": [{"ApiKeyAuth": []}, {"BearerAuth": []}, {"OAuth2": []}],
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
                                             "credentials and a form `token` (RFC 7009), or with the access "
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
    links = {"type": ["string", "null"]}
    return {
        f"{name}Resource": {
            "type": "object",
            "required": ["id", "type", "attributes"],
            "properties": {
                "id": {"type": "string"},
                "type": {"const": resource.type},
                "attributes": {"$ref": REF.format(model=resource.schema.__name__)},
                "relationships": {"type": "object"},
                "links": {"type": "object", "properties": {"self": {"type": "string"}}},
            },
        },
        f"{name}Document": {
            "type": "object",
            "required": ["data"],
            "properties": {
                "data": {"$ref": REF.format(model=f"{name}Resource")},
                "included": {"type": "array", "items": {"type": "object"}},
                "links": {"type": "object"},
                "meta": {"type": "object"},
            },
        },
        f"{name}ListDocument": {
            "type": "object",
            "required": ["data", "links", "meta"],
            "properties": {
                "data": {"type": "array", "items": {"$ref": REF.format(model=f"{name}Resource")}},
                "included": {"type": "array", "items": {"type": "object"}},
                "links": {"type": "object", "properties": {k: links for k in ("self", "first", "last", "next", "prev")}},
                "meta": {
                    "type": "object",
                    "properties": {
                        "page": {"type": "object", "properties": {
                            "number": {"type": "integer"}, "size": {"type": "integer"},
                            "total_records": {"type": "integer"}, "total_pages": {"type": "integer"},
                            "next_cursor": {"type": ["string", "null"]}}},
                        "has_more": {"type": "boolean"},
                    },
                },
            },
        },
    }


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
    ref = {"$ref": REF.format(model=op.body.__name__)}
    wrapped = {"type": "object", "required": ["data"], "properties": {"data": {
        "type": "object", "required": ["attributes"],
        "properties": {"type": {"type": "string"}, "attributes": ref}}}}
    required = bool(op.body.model_json_schema().get("required"))
    return {"required": required, "content": {"application/json": {"schema": ref},
                                              "application/vnd.api+json": {"schema": wrapped}}}


def _responses(op):
    success = {"description": op.summary}
    if op.response is None and op.status == 204:
        success = {"description": "Done; no content."}
    elif isinstance(op.response, ResourceType):
        name = _name(op.response) + ("ListDocument" if op.many else "Document")
        success["content"] = {"application/json": {"schema": {"$ref": REF.format(model=name)}}}
    elif isinstance(op.response, type) and issubclass(op.response, BaseModel):
        success["content"] = {"application/json": {"schema": {"$ref": REF.format(model=op.response.__name__)}}}
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
        responses[code] = {"description": description,
                           "content": {"application/json": {"schema": {"$ref": REF.format(model=schema)}}}}
    return responses
