"""Demo webhooks: a paused endpoint (the demo sends nowhere) with a log of what was delivered to it."""
import json
from datetime import timedelta

from nudgeweb.domain_events import public_event_id
from nudgeweb.models import db, new_id, utcnow
from nudgeweb.models.webhooks import WebhookAttempt, WebhookDelivery
from nudgeweb.webhooks import operations, signing

HISTORY = (  # (event type, hours ago, the status codes of its attempts)
    ("contact.created", 50, (200,)),
    ("email.opened", 30, (503, 200)),
    ("review_request.rated", 6, (200,)),
)


def seed(organization):
    endpoint, secret = operations.create_endpoint(organization.id, {
        "url": "https://hooks.bluebird.example/nudge", "description": "Our CRM (paused in the demo)",
        "events": ["contact.created", "email.opened", "review_request.rated"], "active": False})
    for event_type, hours, codes in HISTORY:
        at = utcnow() - timedelta(hours=hours)
        event_id = new_id()
        body = operations.json_body({"id": public_event_id(event_id), "type": event_type,
                                     "created_at": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                                     "data": operations.sample_data(event_type, at) | {"test": False}})
        delivery = WebhookDelivery(id=new_id(), organization_id=organization.id, endpoint_id=endpoint.id,
                                   event_id=event_id, event_type=event_type, body=body, status="succeeded",
                                   attempts=len(codes), last_status_code=codes[-1], created_at=at, completed_at=at)
        db.session.add(delivery)
        for number, code in enumerate(codes):
            headers = signing.signed_headers(secret, public_event_id(event_id), int(at.timestamp()), body.encode())
            db.session.add(WebhookAttempt(
                id=new_id(), organization_id=organization.id, delivery_id=delivery.id, endpoint_id=endpoint.id,
                attempted_at=at + timedelta(minutes=number), succeeded=code < 300, status_code=code,
                duration_ms=120 + 40 * number, request_headers=headers, response_headers={"Content-Type": "text/plain"},
                response_body="OK" if code < 300 else json.dumps({"error": "Service unavailable"}),
            ))
    db.session.flush()
