"""Webhook deliveries: written with their event, POSTed signed (both signatures verify with the
integrator's own code), retried with backoff under an injected clock, turned off by 410 or a day of
failures (owners emailed), given up after three days, recovered after a killed worker, never across
organizations."""
import json
import shutil
import subprocess
from datetime import timedelta

import pytest
from sqlalchemy import select

from nudgeweb.domain_events import record_event, record_events
from nudgeweb.extensions import huey
from nudgeweb.models import Message, db, utcnow
from nudgeweb.models.webhooks import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from nudgeweb.unit_of_work import unit_of_work
from nudgeweb.webhooks import operations
from nudgeweb.webhooks.tasks import deliver_webhooks, forget_old_webhook_deliveries, recover_webhook_deliveries
from tests.consumer_process import crash, start_worker, wait_until
from tests.webhook_support import Receiver, add_endpoint, allow_private_webhooks, dns, frozen_clock, receiver, seed_signature_ok  # noqa: F401

SEED_NODE_EXAMPLE = """
const crypto = require('crypto');

function verifyWebhook(payload, signature, secret) {
  const expectedSignature = crypto
    .createHmac('sha256', secret)
    .update(payload)
    .digest('hex');

  return `sha256=${expectedSignature}` === signature;
}
"""


def emit(organization, event_type="contact.created", data=None):
    with unit_of_work(organization.id):
        return record_event(event_type, data or {"contact_id": "c1", "email": "ann@example.com"})


def deliveries():
    db.session.expire_all()
    return db.session.scalars(select(WebhookDelivery).order_by(WebhookDelivery.created_at)).all()


def test_an_event_reaches_the_endpoint_signed_as_seed_001_and_standard_webhooks_say(organization, receiver):
    endpoint, receiver.secret = add_endpoint(organization, receiver.url)
    event = emit(organization, data={"contact_id": "c1", "email": "ann@example.com"})
    assert len(receiver.requests) == 1
    path, headers, body = receiver.requests[0]
    payload = json.loads(body)
    assert path == "/hooks/nudge" and headers["Content-Type"] == "application/json"
    assert payload == {"id": f"evt_{event.id.hex}", "type": "contact.created", "created_at": payload["created_at"],
                       "data": {"contact_id": "c1", "email": "ann@example.com"}}
    assert headers["webhook-id"] == payload["id"] and headers["X-NudgeCampaign-Signature"].startswith("sha256=")
    assert receiver.all_signed()
    assert not seed_signature_ok(body + b" ", headers["X-NudgeCampaign-Signature"], receiver.secret)
    [delivery] = deliveries()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("succeeded", 1, 200)


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node")
def test_the_seeds_node_example_verifies_the_signature_as_it_is(organization, receiver, tmp_path):
    _, secret = add_endpoint(organization, receiver.url)
    emit(organization)
    _, headers, body = receiver.requests[0]
    script = tmp_path / "verify.js"
    script.write_text(SEED_NODE_EXAMPLE + """
const [payload, signature, secret] = [require('fs').readFileSync(process.argv[2], 'utf8'), process.argv[3], process.argv[4]];
process.stdout.write(String(verifyWebhook(payload, signature, secret)));
""")
    (tmp_path / "body.json").write_bytes(body)
    run = [shutil.which("node"), str(script), str(tmp_path / "body.json"), headers["X-NudgeCampaign-Signature"]]
    assert subprocess.run(run + [secret], capture_output=True, text=True, check=True).stdout == "true"
    assert subprocess.run(run + ["whsec_wrong"], capture_output=True, text=True, check=True).stdout == "false"


def test_only_the_events_an_endpoint_picked_reach_it(organization, receiver):
    add_endpoint(organization, receiver.url, events=["email.opened", "contact.subscribed"])
    with unit_of_work(organization.id):
        record_events("email.opened", [{"contact_id": "a"}, {"contact_id": "b"}])
        record_event("contact.created", {"contact_id": "c"})
    assert sorted((e["type"], e["data"]["contact_id"]) for e in receiver.events()) == [
        ("email.opened", "a"), ("email.opened", "b")]


def test_a_rolled_back_cause_sends_nothing(organization, receiver):
    add_endpoint(organization, receiver.url)
    with pytest.raises(RuntimeError):
        with unit_of_work(organization.id):
            record_event("contact.created", {"contact_id": "c1"})
            raise RuntimeError("the cause failed")
    assert receiver.requests == [] and deliveries() == []


def test_a_500_is_retried_later_with_the_same_event_id_and_body(organization, receiver, frozen_clock):
    receiver.answers = [500, 503]
    _, receiver.secret = add_endpoint(organization, receiver.url)
    start = utcnow()
    frozen_clock.travel_to(start)
    emit(organization)
    [delivery] = deliveries()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("pending", 1, 500)
    first_wait = delivery.next_attempt_at - start
    assert timedelta(seconds=24) <= first_wait <= timedelta(seconds=36)  # 30 s, jitter ±20%

    frozen_clock.travel_to(start + timedelta(seconds=10))
    assert deliver_webhooks.call_local(organization.id.hex) == 0  # not due yet
    frozen_clock.travel_to(delivery.next_attempt_at)
    deliver_webhooks.call_local(organization.id.hex)
    [delivery] = deliveries()
    assert delivery.attempts == 2 and delivery.next_attempt_at - frozen_clock.now() >= timedelta(seconds=48)  # doubled

    frozen_clock.travel_to(delivery.next_attempt_at)
    deliver_webhooks.call_local(organization.id.hex)
    [delivery] = deliveries()
    assert (delivery.status, delivery.attempts) == ("succeeded", 3)
    assert len({headers["webhook-id"] for _, headers, _ in receiver.requests}) == 1
    assert len({body for _, _, body in receiver.requests}) == 1 and receiver.all_signed()
    codes = db.session.scalars(select(WebhookAttempt.status_code).order_by(WebhookAttempt.attempted_at)).all()
    assert codes == [500, 503, 200]


def test_no_answer_within_the_time_limit_is_a_failure_retried_later(organization, receiver, frozen_clock, app):
    app.config["WEBHOOK_TIMEOUT_SECONDS"] = 1
    receiver.answers = [("sleep", 2)]
    try:
        add_endpoint(organization, receiver.url)
        start = utcnow()
        frozen_clock.travel_to(start)
        emit(organization)
        [delivery] = deliveries()
        attempt = db.session.scalars(select(WebhookAttempt)).one()
        assert delivery.status == "pending" and attempt.status_code is None and "timed out" in attempt.error
        assert attempt.duration_ms < 1900
        frozen_clock.travel_to(delivery.next_attempt_at)
        deliver_webhooks.call_local(organization.id.hex)
        assert deliveries()[0].status == "succeeded"
    finally:
        app.config["WEBHOOK_TIMEOUT_SECONDS"] = 10


def test_410_gone_turns_the_endpoint_off_at_once_and_tells_the_owners(organization, owner, receiver):
    receiver.answers = [410]
    endpoint, _ = add_endpoint(organization, receiver.url)
    emit(organization)
    endpoint = db.session.get(WebhookEndpoint, endpoint.id)
    assert not endpoint.active and "410" in endpoint.disabled_reason
    assert deliveries()[0].status == "failed"
    [notice] = db.session.scalars(select(Message).where(Message.purpose == "webhook_notice")).all()
    assert notice.to == owner.user.email and receiver.url in notice.text
    emit(organization)  # nothing more goes to it
    assert len(receiver.requests) == 1 and len(deliveries()) == 1


def test_a_day_of_failures_turns_the_endpoint_off_and_emails_the_owners(organization, owner, receiver, frozen_clock):
    receiver.default = 500
    endpoint, _ = add_endpoint(organization, receiver.url)
    start = utcnow()
    frozen_clock.travel_to(start)
    emit(organization)
    for hours in (6, 12, 20):
        frozen_clock.travel_to(start + timedelta(hours=hours))
        deliver_webhooks.call_local(organization.id.hex)
    assert db.session.get(WebhookEndpoint, endpoint.id).active  # failing, but not for a day yet
    frozen_clock.travel_to(start + timedelta(hours=24, minutes=1))
    deliver_webhooks.call_local(organization.id.hex)
    endpoint = db.session.get(WebhookEndpoint, endpoint.id)
    assert not endpoint.active and "24 hours" in endpoint.disabled_reason
    [notice] = db.session.scalars(select(Message).where(Message.purpose == "webhook_notice")).all()
    assert notice.to == owner.user.email and "turn it back on" in notice.text

    receiver.default = 200  # fixed: the owner turns it back on and what waited goes out
    with unit_of_work(organization.id):
        operations.enable(db.session.get(WebhookEndpoint, endpoint.id))
    assert deliveries()[0].status == "succeeded" and len({h["webhook-id"] for _, h, _ in receiver.requests}) == 1


def test_retries_stop_after_three_days(organization, receiver, frozen_clock, app):
    receiver.default = 500
    app.config["WEBHOOK_DISABLE_AFTER_HOURS"] = 1000  # only the retries' own limit here
    try:
        add_endpoint(organization, receiver.url)
        start = utcnow()
        frozen_clock.travel_to(start)
        emit(organization)
        for hours in range(6, 80, 6):
            frozen_clock.travel_to(start + timedelta(hours=hours))
            deliver_webhooks.call_local(organization.id.hex)
        [delivery] = deliveries()
        assert delivery.status == "failed" and delivery.completed_at <= start + timedelta(hours=73)
        assert 10 <= delivery.attempts <= 14
    finally:
        app.config["WEBHOOK_DISABLE_AFTER_HOURS"] = 24


def test_an_organizations_events_never_reach_anothers_endpoints(organization, other_owner, receiver):
    theirs = Receiver()
    try:
        add_endpoint(organization, receiver.url)
        add_endpoint(other_owner.organization, theirs.url)
        emit(organization, data={"contact_id": "ours"})
        emit(other_owner.organization, data={"contact_id": "theirs"})
        assert [e["data"]["contact_id"] for e in receiver.events()] == ["ours"]
        assert [e["data"]["contact_id"] for e in theirs.events()] == ["theirs"]
        assert deliver_webhooks.call_local(other_owner.organization.id.hex) == 0
    finally:
        theirs.close()


def test_a_worker_killed_mid_delivery_loses_nothing(organization, receiver, app, tmp_path):
    _, receiver.secret = add_endpoint(organization, receiver.url)
    receiver.hold_on = 3  # the third POST waits: the worker has claimed all five, answered two
    huey.immediate = False
    huey.flush()
    worker = None
    try:
        with unit_of_work(organization.id):
            record_events("contact.created", [{"contact_id": f"c{n}"} for n in range(5)])
        worker = start_worker(app, tmp_path, 1, WEBHOOK_ALLOW_PRIVATE="true")
        assert receiver.holding.wait(30), "the worker never reached the third delivery"
        crash(worker)
        receiver.release.set()
        assert sorted(d.status for d in deliveries()) == ["delivering"] * 5  # claimed, outcomes never recorded

        app.config["WEBHOOK_LEASE_SECONDS"] = 0  # the claims are stale now
        assert recover_webhook_deliveries.call_local() == 5
        consumer = huey.create_consumer(workers=1, worker_type="thread", periodic=False, initial_delay=0.05,
                                        max_delay=0.2, check_worker_health=False)
        consumer.start()
        try:
            assert wait_until(lambda: [d.status for d in deliveries()] == ["succeeded"] * 5)
        finally:
            consumer.stop(graceful=True)
    finally:
        app.config["WEBHOOK_LEASE_SECONDS"] = 900
        huey.flush()
        huey.immediate = True
        if worker is not None and worker.poll() is None:
            crash(worker)
    ids = [headers["webhook-id"] for _, headers, _ in receiver.requests]
    assert len(set(ids)) == 5 and len(ids) >= 5  # every event; any repeat is a retry of the same event id
    assert receiver.all_signed()


def test_a_name_that_later_resolves_to_a_private_address_is_refused_at_the_connection(organization, dns):
    """DNS rebinding: the name was public when it was saved, and points at this machine when it is sent to."""
    target = Receiver()
    try:
        endpoint, _ = add_endpoint(organization, f"http://hooks.example.com:{target.server.server_port}/x")
        dns["hooks.example.com"] = "127.0.0.1"
        emit(organization)
        attempt = db.session.scalars(select(WebhookAttempt)).one()
        assert target.requests == [] and attempt.status_code is None and "private address" in attempt.error
        assert deliveries()[0].status == "pending"  # retried later: the name may point elsewhere again
    finally:
        target.close()


def test_a_delivery_whose_task_was_lost_goes_out_with_the_sweep(organization, receiver, huey_queue, frozen_clock):
    add_endpoint(organization, receiver.url)
    emit(organization)
    huey_queue.flush()  # its task is lost (a queue wiped, a Redis restarted)
    assert deliveries()[0].status == "pending" and receiver.requests == []
    frozen_clock.travel_to(utcnow() + timedelta(minutes=3))
    assert recover_webhook_deliveries.call_local() == 0  # nothing was claimed; the late one gets a task
    [task] = huey_queue.pending()
    huey_queue.execute(task)
    assert deliveries()[0].status == "succeeded" and len(receiver.requests) == 1


def test_finished_deliveries_leave_the_log_after_30_days(organization, receiver, frozen_clock):
    add_endpoint(organization, receiver.url)
    emit(organization)
    receiver.default = 500
    emit(organization)
    frozen_clock.travel_to(utcnow() + timedelta(days=31))
    assert forget_old_webhook_deliveries.call_local() == 1  # the pending one stays
    assert [d.status for d in deliveries()] == ["pending"]
    assert db.session.scalars(select(WebhookAttempt)).all()[0].status_code == 500
