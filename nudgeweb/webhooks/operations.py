"""Endpoints: create, change, delete, rotate the secret, turn back on; a test; a redelivery; the log.

A URL is checked where it is typed: http or https, no credentials in it, and never a private,
loopback, link-local, multicast or metadata address, whether written as an IP address, a local
name, or a name that resolves to one (dispatch checks again at every connection: DNS can change).
WEBHOOK_ALLOW_PRIVATE lets an operator's local set-up (and the tests) use such addresses.
"""
import json
import time
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import func, select, update

from nudgeweb import clock, outbound
from nudgeweb.domain_events import EVENT_TYPES, public_event_id
from nudgeweb.field_errors import FieldErrors
from nudgeweb.models import db, new_id
from nudgeweb.models.webhooks import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from nudgeweb.unit_of_work import after_commit
from nudgeweb.webhooks import signing
from nudgeweb.webhooks.signals import webhooks_due
from nudgeweb.webhooks.transport import Poster

MAX_ENDPOINTS = 20
MAX_URL_CHARS = 2000
MAX_DESCRIPTION_CHARS = 500
ALL_EVENTS = "*"
PRIVATE_REFUSED = ("Nudge does not send webhooks to private, loopback, link-local or metadata addresses "
                   "(such as 127.0.0.1, 10.0.0.1, 169.254.169.254 or ::1): give your server's public address.")


class WebhookError(FieldErrors):
    """An endpoint that cannot be saved as asked; ``errors`` names each field."""


def private_allowed():
    return current_app.config["WEBHOOK_ALLOW_PRIVATE"]


def check_url(url):
    """The URL to store; raises WebhookError at ``url``."""
    url = (url or "").strip()
    if not url:
        raise WebhookError({"url": "Give the URL that should receive the events."})
    if len(url) > MAX_URL_CHARS:
        raise WebhookError({"url": f"A URL can be at most {MAX_URL_CHARS} characters."})
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise WebhookError({"url": "Give a full http:// or https:// URL, like https://example.com/webhooks/nudge."})
    if parts.username or parts.password:
        raise WebhookError({"url": "Leave the user name and password out of the URL: check the signature instead."})
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise WebhookError({"url": "The port must be a number from 1 to 65535."}) from None
    try:
        host = outbound.check_host(parts.hostname, allow_private=private_allowed())
    except outbound.HostError as error:
        message = PRIVATE_REFUSED if "private" in str(error) else "The host of the URL is not a valid name or address."
        raise WebhookError({"url": message}) from None
    if not private_allowed():
        _check_resolved(host, port)
    return url


def _check_resolved(host, port):
    try:
        outbound.resolve(host, port, allow_private=False)
    except outbound.OutboundAddressError:
        raise WebhookError({"url": f"{host} resolves to a private or loopback address. " + PRIVATE_REFUSED}) from None
    except OSError:
        pass  # a name that does not resolve yet: its deliveries fail and are retried, and the log says why


def parse_events(events):
    """(all_events, the types) from a list of event types, where "*" stands for every type."""
    if events is None or ALL_EVENTS in events:
        return True, []
    unknown = [name for name in events if name not in EVENT_TYPES]
    if unknown:
        raise WebhookError({"events": f"Unknown event type{'s' * (len(unknown) > 1)}: {', '.join(unknown[:5])}. "
                                      f"Choose among: {', '.join(EVENT_TYPES)}, or * for all."})
    if not events:
        raise WebhookError({"events": "Pick at least one event, or all events."})
    return False, list(dict.fromkeys(events))


def check_description(description):
    description = (description or "").strip()
    if len(description) > MAX_DESCRIPTION_CHARS:
        raise WebhookError({"description": f"A description can be at most {MAX_DESCRIPTION_CHARS} characters."})
    return description or None


def create_endpoint(organization_id, data):
    """A new endpoint from ``url``, ``events`` (None or ["*"]: all), ``description``, ``active``;
    returns (endpoint, its secret: shown this once)."""
    values = _checked(data, require_url=True)
    count = db.session.scalar(select(func.count()).select_from(WebhookEndpoint)
                              .where(WebhookEndpoint.organization_id == organization_id))
    if count >= MAX_ENDPOINTS:
        raise WebhookError({"url": f"A business can have at most {MAX_ENDPOINTS} webhook endpoints: delete one first."})
    secret = signing.new_secret()
    endpoint = WebhookEndpoint(id=new_id(), organization_id=organization_id, secret=secret, **values)
    endpoint.active = data.get("active", True) is not False
    db.session.add(endpoint)
    db.session.flush()
    return endpoint, secret


def update_endpoint(endpoint, data):
    """Change the attributes given; turning an endpoint on is ``enable``."""
    values = _checked(data, require_url=False)
    for name, value in values.items():
        setattr(endpoint, name, value)
    if "active" in data and data["active"] is not None:
        if data["active"] and not endpoint.active:
            enable(endpoint)
        elif not data["active"]:
            endpoint.active = False
    db.session.flush()
    return endpoint


def _checked(data, require_url):
    """The checked values of the attributes given in ``data``; every bad one named at once."""
    values, errors = {}, {}

    def take(check, value, *names):
        try:
            checked = check(value)
        except WebhookError as error:
            errors.update(error.errors)
        else:
            values.update(zip(names, checked if len(names) > 1 else (checked,)))

    if require_url or data.get("url") is not None:
        take(check_url, data.get("url"), "url")
    if "description" in data:
        take(check_description, data.get("description"), "description")
    if require_url or "events" in data:
        take(parse_events, data.get("events"), "all_events", "events")
    if errors:
        raise WebhookError(errors)
    return values


def field_errors(data):
    """{field: message} for the attributes given in ``data`` (for a caller that found other bad fields first)."""
    try:
        _checked(data, require_url=False)
    except WebhookError as error:
        return error.errors
    return {}


def delete_endpoint(endpoint):
    db.session.delete(endpoint)
    db.session.flush()


def rotate_secret(endpoint):
    """A new secret, in force at once; returns it (shown this once)."""
    endpoint.secret = signing.new_secret()
    db.session.flush()
    return endpoint.secret


def enable(endpoint):
    """Back on after it was turned off: what waited for it is due now."""
    now = clock.now()
    endpoint.active, endpoint.disabled_reason, endpoint.failing_since = True, None, None
    db.session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.organization_id == endpoint.organization_id,
               WebhookDelivery.endpoint_id == endpoint.id, WebhookDelivery.status == "pending")
        .values(next_attempt_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.flush()
    after_commit(webhooks_due.send, endpoint.organization_id)


def redeliver(delivery):
    """Send this delivery again (same event id, same body) as soon as a worker can."""
    delivery.status, delivery.next_attempt_at, delivery.claimed_at = "pending", clock.now(), None
    delivery.completed_at = None
    db.session.flush()
    after_commit(webhooks_due.send, delivery.organization_id)


def send_test(endpoint, event_type):
    """POST a sample ``event_type`` event to the endpoint now (once, no retries); returns its attempt."""
    if event_type not in EVENT_TYPES:
        raise WebhookError({"event": f"Unknown event type {event_type!r}. Choose among: {', '.join(EVENT_TYPES)}."})
    now, event_id = clock.now(), new_id()
    payload = {"id": public_event_id(event_id), "type": event_type, "created_at": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
               "data": sample_data(event_type, now)}
    body = json_body(payload)
    # the POST before any write: a slow endpoint holds no database lock
    with Poster(current_app.config["WEBHOOK_TIMEOUT_SECONDS"], private_allowed()) as poster:
        headers = signing.signed_headers(endpoint.secret, payload["id"], int(time.time()), body.encode())
        outcome = poster.post(endpoint.url, headers, body.encode())
    delivery = WebhookDelivery(
        id=new_id(), organization_id=endpoint.organization_id, endpoint_id=endpoint.id, event_id=event_id,
        event_type=event_type, body=body, test=True, status="succeeded" if outcome.succeeded else "failed",
        attempts=1, last_status_code=outcome.status_code, created_at=now, completed_at=now,
    )
    db.session.add(delivery)
    attempt = new_attempt(delivery, now, headers, outcome)
    db.session.flush()
    return attempt


def new_attempt(delivery, now, headers, outcome):
    attempt = WebhookAttempt(**attempt_values(delivery, now, headers, outcome))
    attempt.delivery = delivery
    db.session.add(attempt)
    return attempt


def attempt_values(delivery, now, headers, outcome):
    """The row of one attempt at ``delivery``: what was sent and what came back."""
    return dict(
        id=new_id(), organization_id=delivery.organization_id, delivery_id=delivery.id,
        endpoint_id=delivery.endpoint_id, attempted_at=now, succeeded=outcome.succeeded,
        status_code=outcome.status_code, duration_ms=outcome.duration_ms, error=outcome.error,
        request_headers=headers, response_headers=outcome.response_headers, response_body=outcome.response_body,
    )


def json_body(payload):
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False)


def sample_data(event_type, now):
    """What a test event carries: the shape of a real one of ``event_type``, with made-up values."""
    data = {"contact_id": "00000000-0000-0000-0000-000000000000", "email": "jane.doe@example.com",
            "timestamp": now.strftime("%Y-%m-%dT%H:%M:%SZ"), "metadata": {}, "test": True}
    if event_type.startswith(("email.", "sms.")):
        data.update(message_id="00000000-0000-0000-0000-000000000001", campaign_id=None)
    if event_type.startswith(("review_request.", "feedback.")):
        data["review_request_id"] = "00000000-0000-0000-0000-000000000002"
    return data


# --- what the pages and the API read ------------------------------------------------------------

def endpoints_query(organization_id):
    return (select(WebhookEndpoint).where(WebhookEndpoint.organization_id == organization_id)
            .order_by(WebhookEndpoint.created_at, WebhookEndpoint.id))


def endpoints_of(organization_id):
    return db.session.scalars(endpoints_query(organization_id)).all()


def deliveries_query(endpoint):
    """The endpoint's deliveries, newest first (the page's log)."""
    return (select(WebhookDelivery)
            .where(WebhookDelivery.organization_id == endpoint.organization_id,
                   WebhookDelivery.endpoint_id == endpoint.id)
            .order_by(WebhookDelivery.created_at.desc(), WebhookDelivery.id.desc()))


def attempts_query(endpoint, status=None, event_type=None):
    """The endpoint's attempts (the API's log, seed 001), of one ``status`` (success, failed) or
    ``event_type`` if given."""
    statement = select(WebhookAttempt).where(WebhookAttempt.organization_id == endpoint.organization_id,
                                             WebhookAttempt.endpoint_id == endpoint.id)
    if status is not None:
        statement = statement.where(WebhookAttempt.succeeded.is_(status == "success"))
    if event_type is not None:
        statement = statement.where(WebhookAttempt.delivery.has(WebhookDelivery.event_type == event_type))
    return statement


def attempts_of(deliveries):
    """{delivery id: its attempts, oldest first} for a page of deliveries, in one query."""
    found = {delivery.id: [] for delivery in deliveries}
    if found:
        for attempt in db.session.scalars(select(WebhookAttempt).where(WebhookAttempt.delivery_id.in_(list(found)))
                                          .order_by(WebhookAttempt.attempted_at, WebhookAttempt.id)):
            found[attempt.delivery_id].append(attempt)
    return found
