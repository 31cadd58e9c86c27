"""Seed 001's error object: ``{"error": {type, message, code, details, request_id, documentation_url}}``.

Made from the same ``ApiError`` every view raises: only the document differs from /api/v1's.
"""
from flask import jsonify, request

# Seed 001's error types, by HTTP status; any other client error is a validation_error (bad request data).
# A 409 is a conflict (seed 001: "409 Conflict: Resource conflict (e.g., duplicate)"), named as the others are.
TYPES = {401: "authentication_error", 403: "authorization_error", 404: "not_found_error", 409: "conflict_error",
         429: "rate_limit_error"}
TYPES_BY_CODE = {"ERR_QUOTA_EXCEEDED": "quota_error", "ERR_PAYMENT_REQUIRED": "payment_error"}
SUMMARY = "The request contains invalid parameters"


def error_type(status, code=None):
    if status >= 500:
        return "server_error"
    return TYPES_BY_CODE.get(code) or TYPES.get(status, "validation_error")


def field_of(error):
    """The field an error is about: its attribute pointer as a dotted name, or its query parameter."""
    source = error.get("source") or {}
    if "pointer" in source:
        return source["pointer"].removeprefix("/data/attributes").strip("/").replace("/", ".") or None
    return source.get("parameter")


def detail_code(error):
    detail = (error.get("detail") or "").lower()
    if "is required" in detail or "required" in detail.split(":")[0]:
        return "required"
    if error.get("code") == "ERR_DUPLICATE_RESOURCE":
        return "already_exists"
    return "invalid_format"


def error_document(api_error):
    """The seed-001 body of ``api_error`` (one or more JSON:API error objects sharing a status)."""
    from nudgeweb.api.errors import request_id

    errors = api_error.errors
    first = errors[0]
    details = [{"field": field_of(e), "message": e.get("detail"), "code": detail_code(e)}
               for e in errors if field_of(e) is not None]
    message = first.get("detail") if len(errors) == 1 else SUMMARY
    body = {
        "type": error_type(api_error.status, first.get("code")),
        "message": message or first.get("title"),
        "code": first.get("code"),
        "details": details,
        "request_id": request_id(),
        "documentation_url": f"{request.root_url}api/docs?version=2",
    }
    retry_after = api_error.headers.get("Retry-After")
    if api_error.status == 429 and retry_after is not None:
        body["retry_after"] = int(retry_after)
    return {"error": body}


def error_response(api_error):
    response = jsonify(error_document(api_error))
    response.status_code = api_error.status
    response.headers.update(api_error.headers)
    return response
