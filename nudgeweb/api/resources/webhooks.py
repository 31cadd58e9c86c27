"""Webhooks (seed 001 "Webhook Management"; seed 003 calls them outbound-webhooks, and both paths serve
the same resource): list, create (the signing secret in that answer only), update, delete, rotate the
secret, send a test, and the log of attempts in seed 001's shape."""
import json

from pydantic import Field

from nudgeweb.api import TAG_DESCRIPTIONS, Attributes, Body, ListSpec, ResourceType, api_route, documents, iso, not_found
from nudgeweb.api.credentials import current_credential
from nudgeweb.api.errors import bad_parameter
from nudgeweb.api.idempotency import replay_instead
from nudgeweb.domain_events import EVENT_TYPES
from nudgeweb.models.webhooks import WebhookAttempt, WebhookEndpoint
from nudgeweb.scoping import get_or_404
from nudgeweb.webhooks import operations

TAGS = ["Webhooks"]
PATHS = ("/webhooks", "/outbound-webhooks")
TAG_DESCRIPTIONS["Webhooks"] = (
    "Seed 003 calls webhooks outbound-webhooks: every operation below also answers at `/outbound-webhooks` in "
    "place of `/webhooks` (the same resource, the same answers). The alias is left out of this document, so that a "
    "generated client has each operation once.")
SECRET_NOT_REPLAYED = ("The secret is shown only in the answer that made it, never in a replay. If it was lost, "
                       "rotate it: POST /webhooks/{id}/rotate-secret.")
EVENTS_HELP = f"Event types, or [\"*\"] for all (also those added later): {', '.join(EVENT_TYPES)}."


class WebhookAttributes(Attributes):
    url: str | None = Field(None, examples=["https://your-app.com/webhook"])
    events: list[str] | None = Field(None, examples=[["email.opened", "email.clicked", "contact.subscribed"]],
                                     description=EVENTS_HELP)
    description: str | None = Field(None, examples=["Production webhook"])
    active: bool | None = None
    status: str | None = Field(None, description="active, paused (turned off by you) or disabled (turned off by "
                                                 "Nudge after a 410 or a day of failures: see disabled_reason)")
    disabled_reason: str | None = None
    secret: str | None = Field(None, description="The signing secret (whsec_…): only in the answer that creates "
                                                 "or rotates it.")
    failing_since: str | None = None
    last_success_at: str | None = None
    created_at: str | None = Field(None, examples=["2026-01-15T10:30:00Z"])
    updated_at: str | None = None


class WebhookIn(Body):
    """An endpoint's attributes; on PUT and PATCH only those given change. ``url`` is required on create."""

    url: str | None = Field(None, max_length=operations.MAX_URL_CHARS, examples=["https://your-app.com/webhook"])
    events: list[str] | None = Field(None, max_length=len(EVENT_TYPES) + 1, description=EVENTS_HELP,
                                     examples=[["email.opened", "email.clicked", "contact.subscribed"]])
    description: str | None = Field(None, max_length=operations.MAX_DESCRIPTION_CHARS, examples=["Production webhook"])
    active: bool | None = None

    model_config = {"json_schema_extra": {"examples": [{
        "url": "https://your-app.com/webhook", "events": ["email.opened", "email.clicked", "contact.subscribed"],
        "description": "Production webhook", "active": True}]}}

    def data(self):
        return self.model_dump(exclude_unset=True)

    @classmethod
    def domain_errors(cls, data):
        return operations.field_errors(data)


class WebhookTestIn(Body):
    event: str = Field("contact.created", max_length=40, description="The event type to send a sample of.",
                       examples=["email.opened"])


class LogAttributes(Attributes):
    webhook_id: str | None = None
    event_id: str | None = Field(None, examples=["evt_01a23c50b4f471e1adfdb3ce0a8a53e9"])
    event_type: str | None = Field(None, examples=["email.opened"])
    status: str | None = Field(None, description="success or failed", examples=["success"])
    status_code: int | None = Field(None, examples=[200])
    duration_ms: int | None = Field(None, examples=[125])
    timestamp: str | None = Field(None, examples=["2024-01-15T10:30:00Z"])
    error: str | None = Field(None, description="Why there was no answer (a timeout, a refused address …).")
    test: bool | None = None
    request: dict | None = Field(None, description="{headers, body}: what was sent.")
    response: dict | None = Field(None, description="{headers, body}: what came back (the body's first 2,000 characters).")


def _status(endpoint):
    if endpoint.active:
        return "active"
    return "disabled" if endpoint.disabled_reason else "paused"


def _attributes(endpoint):
    return {
        "url": endpoint.url, "events": [operations.ALL_EVENTS] if endpoint.all_events else list(endpoint.events or []),
        "description": endpoint.description, "active": endpoint.active, "status": _status(endpoint),
        "disabled_reason": endpoint.disabled_reason, "failing_since": iso(endpoint.failing_since),
        "last_success_at": iso(endpoint.last_success_at), "created_at": iso(endpoint.created_at),
        "updated_at": iso(endpoint.updated_at),
    }


def _log_attributes(attempt):
    delivery = attempt.delivery
    try:
        body = json.loads(delivery.body)
    except ValueError:
        body = delivery.body
    return {
        "webhook_id": str(attempt.endpoint_id), "event_id": attempt.request_headers.get("webhook-id"),
        "event_type": delivery.event_type, "status": "success" if attempt.succeeded else "failed",
        "status_code": attempt.status_code, "duration_ms": attempt.duration_ms, "timestamp": iso(attempt.attempted_at),
        "error": attempt.error, "test": delivery.test,
        "request": {"headers": attempt.request_headers, "body": body},
        "response": {"headers": attempt.response_headers or {}, "body": attempt.response_body},
    }


WEBHOOKS = ResourceType("webhooks", _attributes, WebhookAttributes, path="/webhooks")
LOGS = ResourceType("webhook_logs", _log_attributes, LogAttributes, path=None)
WEBHOOK_LIST = ListSpec(sorts={"created_at": WebhookEndpoint.created_at, "url": WebhookEndpoint.url},
                        default_sort="created_at", id_column=WebhookEndpoint.id)
LOG_LIST = ListSpec(filters={"status": "success or failed", "event_type": "An event type, e.g. email.opened."},
                    sorts={"timestamp": WebhookAttempt.attempted_at}, default_sort="-timestamp",
                    id_column=WebhookAttempt.id)


def _endpoint(webhook_id):
    return get_or_404(WebhookEndpoint, webhook_id)


def _with_secret(endpoint, secret, status):
    """The endpoint with its secret; a replay of the request answers without it."""
    replay = documents.single(WEBHOOKS, endpoint, status=status, meta={"secret": SECRET_NOT_REPLAYED})
    payload = documents.single(WEBHOOKS, endpoint, status=status).get_json()
    payload["data"]["attributes"]["secret"] = secret
    headers = {"Location": payload["data"]["links"]["self"]} if status == 201 else None
    return replay_instead(documents.respond(payload, status, headers), replay.get_data())


def routes(rule, method, **options):
    """Declare the route at /webhooks and, as seed 003 names the resource, at /outbound-webhooks (an alias the
    OpenAPI document describes in the tag's words rather than as operations of its own)."""
    return api_route(PATHS[0] + rule, method, tags=TAGS, role="admin", aliases=(PATHS[1] + rule,), **options)


@routes("", "GET", summary="List webhooks", scope="webhooks:read", list_spec=WEBHOOK_LIST, response=WEBHOOKS, many=True)
def list_webhooks(params):
    statement = operations.endpoints_query(current_credential().organization_id)
    return documents.list_response(WEBHOOKS, statement, WEBHOOK_LIST, params)


@routes("", "POST", summary="Create a webhook", scope="webhooks:write", body=WebhookIn, response=WEBHOOKS, status=201,
        description="The answer holds the signing secret in `attributes.secret`, never shown again. A URL that is not "
                    "http(s), or whose host is (or resolves to) a private, loopback, link-local or metadata "
                    "address, is a 422 at `url`.")
def create_webhook(body):
    endpoint, secret = operations.create_endpoint(current_credential().organization_id, body.data())
    return _with_secret(endpoint, secret, 201)


@routes("/<webhook_id>", "GET", summary="Get a webhook", scope="webhooks:read", response=WEBHOOKS)
def get_webhook(webhook_id):
    return documents.single(WEBHOOKS, _endpoint(webhook_id))


def _update(webhook_id, body):
    return documents.single(WEBHOOKS, operations.update_endpoint(_endpoint(webhook_id), body.data()))


@routes("/<webhook_id>", "PUT", summary="Update a webhook", scope="webhooks:write", body=WebhookIn, response=WEBHOOKS,
        description="The attributes given change, the others are kept (seed 001). `active: true` turns a disabled "
                    "endpoint back on: what waited for it is delivered.")
def put_webhook(webhook_id, body):
    return _update(webhook_id, body)


@routes("/<webhook_id>", "PATCH", summary="Update some of a webhook", scope="webhooks:write", body=WebhookIn,
        response=WEBHOOKS, description="As PUT.")
def patch_webhook(webhook_id, body):
    return _update(webhook_id, body)


@routes("/<webhook_id>", "DELETE", summary="Delete a webhook", scope="webhooks:write", status=204)
def delete_webhook(webhook_id):
    operations.delete_endpoint(_endpoint(webhook_id))
    return None


@routes("/<webhook_id>/rotate-secret", "POST", summary="Rotate a webhook's signing secret", scope="webhooks:write",
        response=WEBHOOKS, description="A new secret, in force at once, in `attributes.secret` (shown this once).")
def rotate_webhook_secret(webhook_id):
    endpoint = _endpoint(webhook_id)
    return _with_secret(endpoint, operations.rotate_secret(endpoint), 200)


@routes("/<webhook_id>/test", "POST", summary="Send a test event", scope="webhooks:write", body=WebhookTestIn,
        response=LOGS, description="POSTs a sample event of the type given (its `data.test` is true) now, once, and "
                                   "answers what happened as a log entry.")
def test_webhook(webhook_id, body):
    return documents.single(LOGS, operations.send_test(_endpoint(webhook_id), body.event))


@routes("/<webhook_id>/logs", "GET", summary="Webhook logs", scope="webhooks:read", list_spec=LOG_LIST, response=LOGS,
        many=True, description="Every attempt to deliver to this endpoint, newest first: what was sent and what came back.")
def webhook_logs(webhook_id, params):
    if params.filters.get("status") not in (None, "success", "failed"):
        raise bad_parameter("filter[status]", "filter[status] is success or failed.")
    statement = operations.attempts_query(_endpoint(webhook_id), **params.filters)
    return documents.list_response(LOGS, statement, LOG_LIST, params)


@routes("/<webhook_id>/logs/<log_id>/redeliver", "POST", summary="Redeliver an event", scope="webhooks:write",
        status=204, description="Sends the event of this log entry again (same event id, same body) as soon as a "
                                "worker can; its attempts appear in the log.")
def redeliver_webhook_event(webhook_id, log_id):
    endpoint = _endpoint(webhook_id)
    attempt = get_or_404(WebhookAttempt, log_id)
    if attempt.endpoint_id != endpoint.id or attempt.delivery.test:
        raise not_found()
    operations.redeliver(attempt.delivery)
    return None
