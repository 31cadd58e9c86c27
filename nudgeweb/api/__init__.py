"""The JSON API at /api/v1: one platform, one module per resource.

Every endpoint is declared with ``api_route``, which authenticates (X-API-Key, or Bearer: an
OAuth access token or a JWT), counts the rate limit, checks scope and role, makes POSTs
idempotent, validates the body with a pydantic model (all bad fields at once, as JSON:API
errors with ``source.pointer``), parses list parameters, and records the route for the OpenAPI
document at /api/v1/openapi.json. Errors: raise ``ApiError`` / ``not_found`` /
``validation_error``; ``scoping.get_or_404`` and ``abort(404)`` also answer JSON:API errors, and so
does an operation's ``FieldErrors`` (nudgeweb/field_errors.py): one 422 naming every bad field.

Adding a resource: put a module in ``nudgeweb/api/resources/`` (every module there is imported
when the app starts) that translates between documents and your area's operations::

    # nudgeweb/api/resources/widgets.py
    from pydantic import Field
    from sqlalchemy import select

    from nudgeweb.api import Attributes, Body, ListSpec, ResourceType, api_route, documents, iso
    from nudgeweb.models import Widget
    from nudgeweb.scoping import get_or_404
    from nudgeweb.widgets import operations

    class WidgetAttributes(Attributes):        # documents the attributes (OpenAPI)
        name: str | None = Field(None, examples=["Blue widget"])
        color: vocabulary("WidgetColor", COLORS) | None = None  # a fixed vocabulary: an enum
        created_at: datetime | None = None     # a timestamp: format date-time

    class WidgetIn(Body):                      # validates the request body
        name: str = Field(min_length=1, max_length=100, examples=["Blue widget"])

    WIDGETS = ResourceType("widgets", lambda w: {"name": w.name, "created_at": iso(w.created_at)},
                           WidgetAttributes, path="/widgets")
    WIDGET_LIST = ListSpec(filters={"name": "Exact name"}, sorts={"created_at": Widget.created_at,
                           "name": Widget.name}, id_column=Widget.id)

    @api_route("/widgets", "GET", summary="List widgets", tags=["Widgets"], scope="widgets:read",
               list_spec=WIDGET_LIST, response=WIDGETS, many=True)
    def list_widgets(params):
        statement = select(Widget).where(Widget.organization_id == current_organization().id)
        if "name" in params.filters:
            statement = statement.where(Widget.name == params.filters["name"])
        return documents.list_response(WIDGETS, statement, WIDGET_LIST, params)

    @api_route("/widgets", "POST", summary="Create a widget", tags=["Widgets"], scope="widgets:write",
               body=WidgetIn, response=WIDGETS, status=201)
    def create_widget(body):
        # a FieldErrors({field: message}) raised by the operation answers one 422 naming every field
        widget = operations.create_widget(current_organization(), body.model_dump())
        return documents.single(WIDGETS, widget, status=201)

    @api_route("/widgets/<widget_id>", "GET", summary="Get a widget", tags=["Widgets"],
               scope="widgets:read", response=WIDGETS)
    def get_widget(widget_id):
        return documents.single(WIDGETS, get_or_404(Widget, widget_id))

Reads need the viewer role and writes editor unless ``role=`` says otherwise; add the
resource's scopes to ``keys.RESOURCES`` if it is a new kind. ``tests/test_api_keys_settings.py``
fails if a route is missing from the OpenAPI document, and the schemathesis test calls every
route with generated input: no input may cause a 500. Timestamps are typed ``datetime`` and
fixed vocabularies ``vocabulary("WidgetColor", COLORS)`` (a named enum), so that generated
clients type them. ``tests/test_sdk.py`` generates the Python SDK from the document (no
warning allowed), calls every operation through it, and fails until ``make sdk`` has
regenerated the checked-in ``clients/python`` after the API changed.
"""
import importlib
import pkgutil

from flask import request
from flask.sessions import SecureCookieSessionInterface

from nudgeweb.api import documents, prepared  # noqa: F401  (documents: re-exported for resource modules)
from nudgeweb.api.credentials import Credential, current_credential  # noqa: F401
from nudgeweb.api.documents import ResourceType, iso  # noqa: F401
from nudgeweb.api.errors import ApiError, error_response, not_found, request_id, validation_error  # noqa: F401
from nudgeweb.api.params import ListParams, ListSpec  # noqa: F401
from nudgeweb.api.platform import JSON_API, TAG_DESCRIPTIONS, Body, api_route, bp  # noqa: F401
from nudgeweb.api.ratelimit import add_headers as add_rate_limit_headers
from nudgeweb.api.schemas import Attributes, vocabulary  # noqa: F401
from nudgeweb.api_request import is_api_request

_resources_loaded = False


def load_resources():
    """Import every module of nudgeweb/api/resources/ so that its routes exist."""
    global _resources_loaded
    if _resources_loaded:
        return
    from nudgeweb.api import resources

    for module in pkgutil.iter_modules(resources.__path__):
        importlib.import_module(f"{resources.__name__}.{module.name}")
    _resources_loaded = True


class SessionInterface(SecureCookieSessionInterface):
    """The cookie session, but none for the JSON API: its requests carry their own credentials,
    so a cookie is neither read nor written for them."""

    def open_session(self, app, request):
        if is_api_request():
            return self.make_null_session(app)
        return super().open_session(app, request)


def register(app):
    """Register the API blueprint, the docs page, Settings -> API keys, and X-Request-Id."""
    from nudgeweb.api.docs import bp as docs_bp
    from nudgeweb.api.settings import bp as settings_bp
    from nudgeweb.api.v2.routes import register as register_v2
    from nudgeweb.extensions import csrf

    load_resources()
    csrf.exempt(bp)
    app.register_blueprint(bp)
    register_v2(app)
    app.register_blueprint(docs_bp)
    app.register_blueprint(settings_bp)
    app.register_error_handler(ApiError, error_response)
    app.session_interface = SessionInterface()

    @app.after_request
    def add_api_headers(response):
        response.headers["X-Request-Id"] = request_id()  # on every response, pages too: a caller can quote it
        if is_api_request():
            add_rate_limit_headers(response)
            answer_in_the_media_type_asked_for(response)
        return response


def answer_in_the_media_type_asked_for(response):
    """A JSON answer is application/json, or application/vnd.api+json to a client that prefers it
    (a JSON:API client sends ``Accept: application/vnd.api+json``)."""
    if response.mimetype != "application/json":
        return
    response.vary.add("Accept")
    if request.accept_mimetypes.best_match(("application/json", JSON_API)) == JSON_API:
        response.mimetype = JSON_API
