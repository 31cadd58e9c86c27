"""Deliveries: written with their events, claimed by one worker, POSTed, retried, recovered.

``fan_out`` receives ``domain_events_written`` just before the events' transaction commits and
writes one pending delivery per event and active endpoint that wants it, with the exact body every
attempt will send: the delivery exists exactly when its event does (at least once, from here on).
After the commit, ``webhooks_due`` queues ``deliver_due`` for the organization.

``deliver_due`` claims a batch (``UPDATE … SET status='delivering' WHERE status='pending'``, committed
before anything is sent, so one worker wins each row), POSTs each (signing.py, transport.py; the
endpoints of a batch side by side), and commits the batch's outcomes together. A success is final. A failure is tried again
after WEBHOOK_RETRY_BASE_SECONDS × 2^(attempts-1) (at most MAX_DELAY, ±20% jitter) until
WEBHOOK_RETRY_HOURS after the event, then given up. 410 Gone turns the endpoint off at once;
failures with no success for WEBHOOK_DISABLE_AFTER_HOURS turn it off too; either way its owners are
emailed. A worker that dies leaves its claims: after WEBHOOK_LEASE_SECONDS ``recover`` puts them
back (they are sent again, with the same event id: at least once, never lost).
"""
import logging
import random
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from flask import current_app
from sqlalchemy import bindparam, delete, distinct, select, update

from nudgeweb import clock
from nudgeweb.bulk import insert_rows
from nudgeweb.domain_events import event_payload, public_event_id
from nudgeweb.models import Organization, db, new_id
from nudgeweb.models.webhooks import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from nudgeweb.sqlite_writer import one_writer
from nudgeweb.unit_of_work import after_commit, checkpoint
from nudgeweb.webhooks import signing
from nudgeweb.webhooks.operations import attempt_values, json_body, private_allowed
from nudgeweb.webhooks.signals import webhooks_due
from nudgeweb.webhooks.transport import Outcome, Poster

log = logging.getLogger(__name__)
MAX_PARALLEL = 8  # endpoints one task POSTs to at once
MAX_DELAY = timedelta(hours=6)
SWEEP_GRACE = timedelta(minutes=2)  # a due delivery this late lost its task
LOG_KEPT = timedelta(days=30)
deliveries = WebhookDelivery.__table__
endpoints = WebhookEndpoint.__table__
# fan_out's read, built once: it runs in every transaction that records an event
_ACTIVE_ENDPOINTS = select(endpoints.c.id, endpoints.c.events, endpoints.c.all_events).where(
    endpoints.c.organization_id == bindparam("organization_id"), endpoints.c.active.is_(True))


def fan_out(organization_id, events):
    """One pending delivery per event and active endpoint that wants it (receiver of
    ``domain_events_written``: in the events' transaction)."""
    wanted = db.session.connection().execute(_ACTIVE_ENDPOINTS, {"organization_id": organization_id}).all()
    if not wanted:
        return
    now, rows = clock.now(), []
    for event in events:
        body = None
        for endpoint in wanted:
            if endpoint.all_events or event["type"] in (endpoint.events or ()):
                body = body or json_body(event_payload(event))
                rows.append(dict(
                    id=new_id(), organization_id=organization_id, endpoint_id=endpoint.id, event_id=event["id"],
                    event_type=event["type"], body=body, test=False, status="pending", attempts=0,
                    last_status_code=None, created_at=now, next_attempt_at=now, claimed_at=None, completed_at=None,
                ))
    if rows:
        insert_rows(deliveries, rows)
        after_commit(webhooks_due.send, organization_id)


def deliver_due(organization_id):
    """POST a batch of the organization's due deliveries; returns how many were claimed."""
    size = current_app.config["WEBHOOK_BATCH_SIZE"]
    claimed = _claim(organization_id, clock.now(), size)
    if not claimed:
        return 0
    session = db.session()
    session.expire_on_commit = False  # the batch's rows stay usable across its commits
    try:
        batch = db.session.scalars(
            select(WebhookDelivery).where(WebhookDelivery.id.in_(claimed))
            .order_by(WebhookDelivery.created_at, WebhookDelivery.id).execution_options(populate_existing=True)
        ).unique().all()
        retry_at = _deliver(batch)
    finally:
        session.expire_on_commit = True
    if len(claimed) == size:  # more may be waiting
        webhooks_due.send(organization_id)
    if retry_at:
        webhooks_due.send(organization_id, eta=min(retry_at.values()))
    return len(claimed)


def _claim(organization_id, now, size):
    due = (select(deliveries.c.id)
           .join(endpoints, endpoints.c.id == deliveries.c.endpoint_id)
           .where(deliveries.c.organization_id == organization_id, deliveries.c.status == "pending",
                  deliveries.c.next_attempt_at <= now, endpoints.c.active.is_(True))
           .order_by(deliveries.c.next_attempt_at)
           .limit(size))
    # no one_writer here: this task may run (Huey's immediate mode) inside a commit that holds it
    claimed = db.session.execute(
        update(deliveries)
        .where(deliveries.c.id.in_(due.scalar_subquery()), deliveries.c.status == "pending")
        .values(status="delivering", claimed_at=now)
        .returning(deliveries.c.id)
    ).scalars().all()
    checkpoint()  # the claim holds for every other worker from now on
    return claimed


def _deliver(batch):
    """POST the batch: each endpoint's deliveries in order, the endpoints side by side (a slow one
    holds up only its own); an endpoint that fails gets nothing more in this batch (its other
    deliveries wait for its retry). Then every outcome is recorded, in one commit. Returns
    {endpoint id: its retry time}."""
    queues = {}
    for delivery in batch:
        if delivery.endpoint.active:
            queues.setdefault(delivery.endpoint_id, []).append(delivery)
        else:
            _release(delivery, None)
    post = partial(_post_in_order, current_app.config["WEBHOOK_TIMEOUT_SECONDS"], private_allowed())
    with ThreadPoolExecutor(max_workers=max(1, min(MAX_PARALLEL, len(queues)))) as pool:
        results = list(pool.map(post, queues.values()))  # threads only POST: the session stays on this one
    retry_at, attempts = {}, []
    for (endpoint_id, queue), tried in zip(queues.items(), results):
        attempts += [_record(one) for one in tried]
        last = tried[-1].delivery if tried else None
        if last is not None and last.status != "succeeded":
            when = last.next_attempt_at if last.status == "pending" else None
            for delivery in queue[len(tried):]:
                _release(delivery, when)
            if when is not None:
                retry_at[endpoint_id] = when
    insert_rows(WebhookAttempt.__table__, attempts)
    checkpoint()  # outside one_writer: an owner's email queued now may be sent at once (immediate mode)
    return retry_at


@dataclass
class Tried:
    delivery: WebhookDelivery
    headers: dict
    outcome: Outcome
    at: datetime


def _post_in_order(timeout, allow_private, queue):
    """POST one endpoint's deliveries until one fails (on a thread of the pool: no database here)."""
    tried = []
    with Poster(timeout, allow_private) as poster:
        for delivery in queue:
            tried.append(_post(poster, delivery))
            if not tried[-1].outcome.succeeded:
                break
    return tried


def _post(poster, delivery):
    endpoint, now, body = delivery.endpoint, clock.now(), delivery.body.encode()
    if endpoint.secret is None:  # encrypted with another SECRET_KEY: nothing can be signed until it is rotated
        return Tried(delivery, {}, Outcome(None, 0, error="The signing secret cannot be read (SECRET_KEY changed): "
                                                          "rotate it."), now)
    headers = signing.signed_headers(endpoint.secret, public_event_id(delivery.event_id), int(time.time()), body)
    return Tried(delivery, headers, poster.post(endpoint.url, headers, body), now)


def _record(tried):
    """The delivery's new state and its endpoint's health after one attempt; returns the attempt's row."""
    delivery, outcome, now = tried.delivery, tried.outcome, tried.at
    endpoint = delivery.endpoint
    delivery.attempts += 1
    delivery.last_status_code = outcome.status_code
    delivery.claimed_at = None
    if outcome.succeeded:
        delivery.status, delivery.completed_at = "succeeded", now
        endpoint.failing_since, endpoint.last_success_at = None, now
    elif outcome.status_code == 410:
        delivery.status, delivery.completed_at = "failed", now
        turn_off(endpoint, "The endpoint answered 410 Gone: it asked for no more events.")
    else:
        _after_failure(delivery, endpoint, now)
    return attempt_values(delivery, now, tried.headers, outcome)


def _after_failure(delivery, endpoint, now):
    config = current_app.config
    retry = now + backoff(delivery.attempts)
    if retry > delivery.created_at + timedelta(hours=config["WEBHOOK_RETRY_HOURS"]):
        delivery.status, delivery.completed_at = "failed", now
    else:
        delivery.status, delivery.next_attempt_at = "pending", retry
    endpoint.failing_since = endpoint.failing_since or now
    hours = config["WEBHOOK_DISABLE_AFTER_HOURS"]
    if endpoint.active and endpoint.failing_since <= now - timedelta(hours=hours):
        turn_off(endpoint, f"No delivery succeeded for {hours} hours.")


def backoff(attempts):
    """How long after its ``attempts``-th failure a delivery is tried again: doubling, with jitter."""
    base = timedelta(seconds=current_app.config["WEBHOOK_RETRY_BASE_SECONDS"])
    return min(base * 2 ** (attempts - 1), MAX_DELAY) * random.uniform(0.8, 1.2)


def _release(delivery, when):
    delivery.status, delivery.claimed_at = "pending", None
    if when is not None:
        delivery.next_attempt_at = max(delivery.next_attempt_at, when)


def turn_off(endpoint, reason):
    """The endpoint gets nothing more until someone turns it back on; its owners are told by email."""
    from nudgeweb.delivery.operations import queue_direct
    from nudgeweb.delivery.tracking import public_url
    from nudgeweb.reviews.messaging import owner_emails

    endpoint.active, endpoint.disabled_reason = False, reason
    organization = db.session.get(Organization, endpoint.organization_id)
    # built from the URL map: a task may run inside a request (Huey's immediate mode)
    path = current_app.url_map.bind("").build("webhooks.show", {"endpoint_id": endpoint.id})
    subject = "A webhook endpoint was turned off"
    text = (f"Nudge stopped sending events to {endpoint.url}.\n\n{reason}\n\n"
            f"Events that were waiting are kept for {current_app.config['WEBHOOK_RETRY_HOURS']} hours. When the "
            f"endpoint works again, turn it back on and they will be delivered:\n{public_url(path)}\n")
    for address in owner_emails(endpoint.organization_id):
        queue_direct(organization, "email", address, subject=subject, text=text, purpose="webhook_notice",
                     purpose_id=endpoint.id)
    log.info("Webhook endpoint %s turned off: %s", endpoint.id, reason)


def recover():
    """Claims older than the lease go back to pending; organizations whose due deliveries lost their
    task get one. Returns how many claims were recovered."""
    now = clock.now()
    lease = timedelta(seconds=current_app.config["WEBHOOK_LEASE_SECONDS"])
    with one_writer():
        recovered = db.session.execute(
            update(deliveries)
            .where(deliveries.c.status == "delivering", deliveries.c.claimed_at <= now - lease)
            .values(status="pending", claimed_at=None)
            .returning(deliveries.c.organization_id)
        ).scalars().all()
        late = db.session.scalars(
            select(distinct(deliveries.c.organization_id))
            .join(endpoints, endpoints.c.id == deliveries.c.endpoint_id)
            .where(deliveries.c.status == "pending", deliveries.c.next_attempt_at <= now - SWEEP_GRACE,
                   endpoints.c.active.is_(True))
        ).all()
        for organization_id in set(recovered) | set(late):
            after_commit(webhooks_due.send, organization_id)
    if recovered:
        log.info("Put back %d webhook deliveries whose worker stopped", len(recovered))
    return len(recovered)


def forget_old():
    """Finished deliveries (and their attempts) older than LOG_KEPT leave the log."""
    return db.session.execute(
        delete(deliveries).where(deliveries.c.status.in_(("succeeded", "failed")),
                                 deliveries.c.created_at < clock.now() - LOG_KEPT)
    ).rowcount
