"""JSON:API error documents with the codes of seed 001, and the exceptions that produce them.

Raise ``ApiError`` (or one of its helpers) anywhere inside an API view; the blueprint turns it
into ``{"errors": [...], "meta": {"request_id": ...}}`` with the right status.
"""
import logging
import time
import uuid

from flask import g, has_request_context, jsonify, request
from werkzeug.exceptions import HTTPException

from nudgeweb.api_request import is_v2_request
from nudgeweb.errors import too_large_detail

log = logging.getLogger(__name__)

TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    409: "Conflict",
    413: "Payload too large",
    415: "Unsupported media type",
    422: "Unprocessable entity",
    429: "Too many requests",
    500: "Internal server error",
}

CODES = {
    400: "ERR_BAD_REQUEST",
    401: "ERR_AUTH_INVALID_TOKEN",
    403: "ERR_PERMISSION_DENIED",
    404: "ERR_RESOURCE_NOT_FOUND",
    405: "ERR_METHOD_NOT_ALLOWED",
    409: "ERR_DUPLICATE_RESOURCE",
    413: "ERR_PAYLOAD_TOO_LARGE",
    415: "ERR_UNSUPPORTED_MEDIA_TYPE",
    422: "ERR_VALIDATION",
    429: "ERR_RATE_LIMIT",
    500: "ERR_SERVER_ERROR",
}


def error_object(status, detail, code=None, title=None, pointer=None, parameter=None, meta=None):
    error = {
        "status": str(status),
        "code": code or CODES.get(status, "ERR_SERVER_ERROR"),
        "title": title or TITLES.get(status, "Error"),
        "detail": detail,
    }
    if pointer is not None:
        error["source"] = {"pointer": pointer}
    elif parameter is not None:
        error["source"] = {"parameter": parameter}
    if meta:
        error["meta"] = meta
    return error


class ApiError(Exception):
    """One or more JSON:API errors sharing an HTTP status."""

    def __init__(self, status, detail=None, code=None, title=None, errors=None, headers=None,
                 pointer=None, parameter=None):
        super().__init__(detail or (errors and errors[0]["detail"]))
        self.status = status
        self.errors = errors or [error_object(status, detail, code, title, pointer, parameter)]
        self.headers = headers or {}


def validation_error(field_errors, status=422, code="ERR_VALIDATION"):
    """Every bad field at once: ``field_errors`` is a FieldErrors or its {field: message} (a field
    dotted when nested). One 409 ERR_DUPLICATE_RESOURCE when every problem is a value that belongs
    to another record; else one 422 naming every bad field, duplicates among them (a body has one
    status: the caller has fields to fix either way, and hears about all of them at once)."""
    errors = getattr(field_errors, "errors", field_errors)
    duplicates = getattr(field_errors, "duplicates", None)
    if duplicates and duplicates == set(errors):
        status, code = 409, "ERR_DUPLICATE_RESOURCE"
    title = "Conflict" if status == 409 else "Invalid attribute"
    return ApiError(status, errors=[
        error_object(status, message, code, title, pointer=attribute_pointer(field))
        for field, message in errors.items()
    ])


def attribute_pointer(field):
    path = "/".join(str(part).replace("~", "~0").replace("/", "~1") for part in str(field).split("."))
    return f"/data/attributes/{path}" if path else "/data"


def not_found(detail="No such resource here."):
    return ApiError(404, detail, "ERR_RESOURCE_NOT_FOUND", "Resource not found")


def bad_parameter(parameter, detail):
    return ApiError(400, detail, "ERR_INVALID_PARAMETER", "Invalid query parameter", parameter=parameter)


def request_id():
    """This request's id: the caller's X-Request-Id when sane, else a new one."""
    if not has_request_context():
        return None
    if "request_id" not in g:
        given = request.headers.get("X-Request-Id", "")
        ok = 0 < len(given) <= 64 and all(c.isalnum() or c in "-_." for c in given)
        g.request_id = given if ok else f"req_{uuid.uuid4().hex}"
    return g.request_id


def error_response(error: ApiError):
    if is_v2_request():  # seed 001's error object
        from nudgeweb.api.v2.errors import error_response as v2_error_response

        return v2_error_response(error)
    if error.status == 401 and g.get("seed_004_unauthorized"):
        return seed_004_unauthorized_response(error)
    document = {"errors": error.errors, "meta": {"request_id": request_id()}}
    if error.status == 401:
        document["links"] = {"self": request.base_url}
    response = jsonify(document)
    response.status_code = error.status
    response.headers.update(error.headers)
    return response


def seed_004_unauthorized_response(error: ApiError):
    """The 401 document of seed 004 (data null, included [], links.self, meta {} and errors), for the
    operations that keep it; JSON:API 1.1 itself forbids ``data`` beside ``errors``."""
    if not getattr(error, "exact", False):
        for item in error.errors:
            item.setdefault("meta", {"request_id": request_id()})
    response = jsonify({
        "data": None,
        "included": [],
        "links": {"self": request.base_url},
        "meta": {},
        "errors": error.errors,
    })
    response.status_code = 401
    response.headers.update(error.headers)
    return response


def http_error_response(error: HTTPException):
    """A werkzeug error (404 for an unknown path, 405, 413, 429 ...) as a JSON:API error."""
    status = error.code or 500
    if status == 429:
        return rate_limited_response()
    if status >= 500:
        return server_error_response(error)
    detail = {
        404: "No such resource in your organization." if request.url_rule is not None
        else f"There is nothing at this address. See /api/v{2 if is_v2_request() else 1}/openapi.json for the "
             "API's paths.",
        405: f"{request.method} is not allowed here.",
    }.get(status, error.description)
    if status == 413:
        detail = too_large_detail()
    api_error = ApiError(status, detail)
    response = error_response(api_error)
    if status == 405 and getattr(error, "valid_methods", None):
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def server_error_response(error):
    log.exception("API request %s failed", request_id(), exc_info=getattr(error, "original_exception", error))
    from nudgeweb.extensions import db

    db.session.rollback()
    return error_response(ApiError(500, "Something went wrong on our side. It has been logged; please retry."))


def rate_limited_response():
    from nudgeweb.extensions import limiter

    limit = limiter.current_limit
    retry_after = max(1, int(limit.reset_at - time.time())) if limit else 60
    credential = g.get("credential")
    per_minute = f"of {credential.rate_limit} requests a minute " if credential else ""
    return error_response(ApiError(
        429, f"Rate limit {per_minute}exceeded. Retry after {retry_after} seconds.", "ERR_RATE_LIMIT",
        "Too many requests", headers={"Retry-After": str(retry_after)}))


def email_not_verified_response(error):
    return error_response(ApiError(403, str(error), "ERR_EMAIL_NOT_VERIFIED", "Email address not verified"))


def register_blueprint_handlers(blueprint):
    from nudgeweb.auth.verification import EmailNotVerified

    blueprint.register_error_handler(EmailNotVerified, email_not_verified_response)
    blueprint.register_error_handler(ApiError, error_response)
    blueprint.register_error_handler(HTTPException, http_error_response)
    blueprint.register_error_handler(Exception, server_error_response)
