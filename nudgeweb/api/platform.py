"""The machinery every API endpoint goes through: ``api_route``.

``api_route`` registers a view on the ``api`` blueprint and records it for the OpenAPI
document. Around the view it authenticates the caller, applies the rate limit, checks the
scope and the role, claims the idempotency key of a write (POST, PUT, PATCH, DELETE), reads the body (plain JSON or a
JSON:API document) and validates it with the route's pydantic model (every bad field
reported at once), and parses the list parameters of a ``ListSpec``.
"""
import inspect
import json
import re
from dataclasses import dataclass, field
from functools import wraps

from flask import Blueprint, Response, g, jsonify, request
from pydantic import BaseModel, ConfigDict, ValidationError

from nudgeweb.api import idempotency, ratelimit
from nudgeweb.api.credentials import authenticate
from nudgeweb.api.documents import ResourceType
from nudgeweb.api.errors import ApiError, attribute_pointer, error_object, error_response, register_blueprint_handlers, validation_error
from nudgeweb.api.params import ListSpec, parse_document_params, parse_list_params
from nudgeweb.field_errors import FieldErrors
from nudgeweb.unit_of_work import run_again_once

bp = Blueprint("api", __name__, url_prefix="/api/v1")
register_blueprint_handlers(bp)
OPERATIONS = []  # every route, for the OpenAPI document
TAG_DESCRIPTIONS = {}  # tag: what the OpenAPI document says of it (an area that has something to say adds it)
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
JSON_API = "application/vnd.api+json"


class Body(BaseModel):
    """Base of request bodies: unknown attributes are ignored, as a tolerant reader does.

    A body whose meaning is checked by an area's operation may override ``domain_errors(data)``
    (-> {field: message}); it runs on the fields that passed the type checks when others did
    not, so that one answer names every bad field.
    """

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    @classmethod
    def domain_errors(cls, data):
        return {}


@dataclass
class Operation:
    rule: str
    method: str
    endpoint: str
    summary: str
    description: str
    tags: list
    scope: str | None
    role: str | None
    auth: bool
    body: type | None
    list_spec: ListSpec | None
    response: object
    many: bool
    status: int
    query: type | None = None
    form: dict | None = None
    errors: tuple = ()
    seed_004_unauthorized: bool = False
    extra: dict = field(default_factory=dict)
    handler: object = None  # the view with all of the above around it (/api/v2 serves the same one)
    documented: bool = True  # False: an alias that answers but stays out of the OpenAPI document (and the SDKs)


def check_access(credential, scope, role):
    """A 403 ERR_PERMISSION_DENIED unless the credential has ``scope`` and its user ``role`` or above;
    a missing scope is also said in WWW-Authenticate, as RFC 6750 (3.1) has a resource server say it."""
    if not credential.has_scope(scope):
        challenge = f'Bearer realm="nudge", error="insufficient_scope", scope="{scope}"'
        raise ApiError(403, f"This credential lacks the {scope!r} scope.", "ERR_PERMISSION_DENIED",
                       "Insufficient scope", headers={"WWW-Authenticate": challenge})
    if not credential.has_role(role):
        raise ApiError(403, f"Your role ({credential.role}) cannot do this; it needs {role} or above.",
                       "ERR_PERMISSION_DENIED", "Permission denied")


def api_route(rule, method="GET", *, summary, description="", tags=None, scope=None, role=None, auth=True,
              body=None, list_spec=None, response=None, many=False, status=200, query=None, form=None,
              errors=(), endpoint=None, aliases=(), seed_004_unauthorized=False, documented=True, **extra):
    """Declare an API endpoint (see the module docstring of ``nudgeweb.api`` for an example).

    ``scope``: the scope needed (``contacts:read``; ``read``/``write`` grant every resource).
    ``role``: the least role needed; by default viewer to read and editor to write.
    ``body``: a ``Body`` model; the view gets the validated instance as ``body``.
    ``list_spec``: a ``ListSpec``; the view gets ``params`` (``ListParams``).
    ``query``: a pydantic model of other query parameters; the view gets it as ``query``.
    ``response``: a ``ResourceType`` (JSON:API document; ``many`` for a list) or a pydantic
    model of a plain JSON answer; ``status`` its success status.
    ``aliases``: other paths that answer the same (an older spelling kept working, or a seed's other name for the
    resource); they stay out of the OpenAPI document, so a generated client has each operation once.
    ``documented``: False for a route that answers but is left out of the OpenAPI document, and so of the
    generated SDKs (another name for a documented route, which its tag's description in TAG_DESCRIPTIONS names).
    ``seed_004_unauthorized``: answer a 401 in seed 004's document word for word (``data: null`` beside
    ``errors``, whose objects hold status, title and detail only) rather than JSON:API's errors-only one:
    for the resources seed 004 describes.
    """
    method = method.upper()
    role = role or ("editor" if method in WRITE_METHODS else "viewer")

    def decorator(view):
        wants = set(inspect.signature(view).parameters)
        name = endpoint or view.__name__
        identity = _document_identity(rule, method, response)
        one_resource = isinstance(response, ResourceType) and not many

        @wraps(view)
        def handler(**path):
            if not auth:
                return serve(path)
            g.seed_004_unauthorized = seed_004_unauthorized
            credential = authenticate_as_seed_004() if seed_004_unauthorized else authenticate()
            settle = ratelimit.count_request(credential)
            if method in WRITE_METHODS:
                settle()  # a refused write must change nothing
                return serve(path, credential)
            try:
                return serve(path, credential)
            finally:
                settle()  # a read went on while its count was under way; a 429 drops its answer

        def serve(path, credential=None):
            if credential is not None:
                check_access(credential, scope, role)
            if one_resource:  # read before any work, so that a bad parameter on a write changes nothing
                g.document_fields = parse_document_params(response)
            raw = read_json_body(identity, path) if method in WRITE_METHODS else None
            if body is not None and raw is None:
                raise _form_sent_for_json()

            def work():
                kwargs = dict(path)
                if body is not None and "body" in wants:
                    kwargs["body"] = validate_body(body, raw)
                if list_spec is not None and "params" in wants:
                    kwargs["params"] = parse_list_params(list_spec, response)
                if query is not None and "query" in wants:
                    kwargs["query"] = validate_query(query)
                try:
                    return to_response(run_again_once(view, **kwargs), status)
                except ApiError as error:
                    return error_response(error)
                except FieldErrors as error:  # an operation's bad fields: one 422 (or 409) naming each
                    return error_response(validation_error(error))

            key = idempotency.idempotency_key(raw) if (auth and method in WRITE_METHODS) else None
            if key is None:
                return work()
            return idempotency.run_idempotently(g.credential.organization_id, key,
                                                idempotency.fingerprint(raw), work)

        for path, path_name in [(rule, name), *((alias, f"{name}_at_{_rule_name(alias)}") for alias in aliases)]:
            bp.add_url_rule(path, path_name, handler, methods=[method])
            OPERATIONS.append(Operation(path, method, f"api.{path_name}", summary, description, tags or [], scope,
                                        role if auth else None, auth, body, list_spec, response, many, status,
                                        query, form, tuple(errors), seed_004_unauthorized, extra, handler,
                                        documented and path == rule))
        return handler

    return decorator


def _rule_name(rule):
    return re.sub(r"\W+", "_", rule).strip("_")
def authenticate_as_seed_004():
    try:
        return authenticate()
    except ApiError as error:
        if error.status == 401:
            error.errors = [{name: item[name] for name in ("status", "title", "detail")} for item in error.errors]
            error.exact = True
        raise


def _document_identity(rule, method, response):
    """(type, path parameter holding the id) that a JSON:API body sent to this route must match:
    a POST to a collection creates its type, a PUT or PATCH of an item changes that item."""
    if not isinstance(response, ResourceType) or method not in ("POST", "PUT", "PATCH"):
        return None
    last = rule.rstrip("/").rsplit("/", 1)[-1]
    if method == "POST" and "<" not in rule:
        return response.type, None
    if method != "POST" and last.startswith("<"):
        return response.type, last.strip("<>").split(":")[-1]
    return None


def read_json_body(identity=None, path=None):
    """The request's JSON object (the attributes of a JSON:API document), {} when empty,
    None for a form upload; a 400 for anything else, a 409 for a document of another type or id."""
    if request.mimetype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        request.get_data(cache=True)  # kept, so that the form parses from it and an idempotency key can hash it
        return None
    body = request.get_data(cache=True)
    if not body.strip():
        return {}
    if not _is_json_media_type():
        raise _unsupported_media_type()
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: nested too deep to be a body
        raise _invalid_json("The request body is not valid JSON.")
    if not isinstance(document, dict):
        raise _invalid_json("The request body must be a JSON object.")
    data = document.get("data")
    if "data" in document and not isinstance(data, dict):
        raise _invalid_json("data must be one resource object: {\"type\": …, \"attributes\": {…}}.", "/data")
    if isinstance(data, dict) and ("attributes" in data or "type" in data):
        _check_identity(data, identity, path or {})
        attributes = data.get("attributes") or {}
        if not isinstance(attributes, dict):
            raise ApiError(422, "data.attributes must be an object.", "ERR_VALIDATION", pointer="/data/attributes")
        attributes = dict(attributes)
        if "idempotency_key" in document and "idempotency_key" not in attributes:
            attributes["idempotency_key"] = document["idempotency_key"]
        return refuse_nul_characters(attributes) if _may_hold_nul(body) else attributes
    return refuse_nul_characters(document) if _may_hold_nul(body) else document


def _may_hold_nul(body):
    """Whether a JSON body may hold a NUL character: in UTF-8 only as the escape \\u0000 (JSON refuses it raw
    in a string); a body in UTF-16 or UTF-32 has NUL bytes, and is looked through."""
    return b"\\u0000" in body or b"\x00" in body


def refuse_nul_characters(attributes):
    """The attributes, or a 422 naming every string in them that holds a NUL character: no
    PostgreSQL text or JSON column can store one."""
    found = list(_nul_paths(attributes, ()))
    if found:
        raise ApiError(422, errors=[
            error_object(422, "Must not contain the NUL character (\\u0000).", "ERR_VALIDATION", "Invalid attribute",
                         pointer=attribute_pointer(".".join(str(part) for part in path)))
            for path in found
        ])
    return attributes


def _nul_paths(value, path):
    if isinstance(value, str):
        if "\x00" in value:
            yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _nul_paths(key, path + (key,)) if "\x00" in key else _nul_paths(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nul_paths(item, path + (index,))


def _form_sent_for_json():
    """A form posted where a JSON body is read (`curl -d` without a Content-Type sends one): said
    so, rather than reported as a body missing all its fields."""
    return _unsupported_media_type()


def _is_json_media_type():
    """application/json or another ``+json`` type (a body with no Content-Type is read as JSON too);
    JSON:API's own type only without parameters other than its ``ext`` and ``profile`` (JSON:API 1.1)."""
    mimetype = request.mimetype
    if mimetype == JSON_API:
        return set(request.mimetype_params) <= {"ext", "profile"}
    return mimetype in ("", "application/json") or mimetype.endswith("+json")


def _unsupported_media_type():
    sent = request.content_type or "no Content-Type"
    return ApiError(415, "Send the body as JSON, with Content-Type: application/json or application/vnd.api+json; "
                    f"this request sent {sent}.", "ERR_UNSUPPORTED_MEDIA_TYPE", "Unsupported media type")


def _invalid_json(detail, pointer=""):
    return ApiError(400, detail, "ERR_INVALID_JSON", "Invalid JSON", pointer=pointer)


def _check_identity(data, identity, path):
    """JSON:API 1.1: a document of another type, or naming another resource than the URL, is a 409;
    an id chosen by the client for a new resource is a 403 (ids are the server's)."""
    if identity is None:
        return
    expected_type, id_parameter = identity
    if data.get("type") is not None and data["type"] != expected_type:
        raise ApiError(409, f"data.type must be {expected_type!r} here, not {data['type']!r}.", "ERR_CONFLICT",
                       pointer="/data/type")
    if data.get("id") is None:
        return
    if id_parameter is None:
        raise ApiError(403, "Nudge chooses the ids of new resources: leave data.id out.", "ERR_PERMISSION_DENIED",
                       "Client-generated id", pointer="/data/id")
    if str(data["id"]) != str(path.get(id_parameter)):
        raise ApiError(409, "data.id must be the id in the URL.", "ERR_CONFLICT", pointer="/data/id")


def validate_body(model, raw):
    raw = raw if raw is not None else {}
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        api_error = pydantic_errors(error)
        failed = {str(item["loc"][0]) for item in error.errors() if item["loc"]}
        reported = {e["source"]["pointer"] for e in api_error.errors}
        for field_name, message in model.domain_errors(_passed_fields(model, raw, failed)).items():
            if attribute_pointer(field_name) not in reported:
                api_error.errors.append(error_object(422, message, "ERR_VALIDATION", "Invalid attribute",
                                                     pointer=attribute_pointer(field_name)))
        raise api_error


def _passed_fields(model, raw, failed):
    """The attributes of ``raw`` that passed the type checks, leaving out those the model ignores
    (a tolerant reader ignores an unknown attribute whether or not another one is bad)."""
    if not isinstance(raw, dict):
        return {}
    ignored = model.model_config.get("extra", "ignore") == "ignore"
    return {name: value for name, value in raw.items()
            if name not in failed and not (ignored and name not in model.model_fields)}


def validate_query(model):
    try:
        return model.model_validate(request.args.to_dict())
    except ValidationError as error:
        raise ApiError(400, errors=[
            error_object(400, _message(item), "ERR_INVALID_PARAMETER", "Invalid query parameter",
                         parameter=".".join(str(p) for p in item["loc"]))
            for item in error.errors()
        ])


def pydantic_errors(error: ValidationError):
    """Every failed field of a pydantic validation as one 422 document, one error a field: where
    a union's members failed at different depths (``tags: [1]``), the deepest say what is wrong."""
    found = {}
    for item in error.errors():
        loc = _field_loc(item["loc"])
        found.setdefault(loc, item)
    deepest = [loc for loc in found if not any(other[:len(loc)] == loc and other != loc for other in found)]
    return ApiError(422, errors=[
        error_object(422, _message(found[loc], loc), "ERR_VALIDATION", "Invalid attribute",
                     pointer=attribute_pointer(".".join(str(part) for part in loc)))
        for loc in deepest
    ])


def _field_loc(loc):
    """The location of the field, without the names pydantic gives the members of a union it
    tried (``tags: list[str] | str`` fails at ``tags.list[constrained-str]`` and ``tags.constrained-str``)."""
    return tuple(part for part in loc if not (isinstance(part, str) and _UNION_MEMBER.search(part)))


_UNION_MEMBER = re.compile(r"[\[\]\-]|^(str|int|float|bool|list|dict|none|bytes|decimal)$")


def _message(item, loc=None):
    loc = item["loc"] if loc is None else loc
    name = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc).lstrip(".") or "value"
    if item["type"] == "missing":
        return f"{name} is required."
    message = item["msg"].removeprefix("Value error, ")
    return f"{name}: {message}."


def to_response(result, status):
    if isinstance(result, Response):
        return result
    if isinstance(result, tuple):
        result, status = result
    if result is None:
        response = Response(status=204)
        del response.headers["Content-Type"]  # no body, so no type of it
        return response
    response = jsonify(result)
    response.status_code = status
    return response
