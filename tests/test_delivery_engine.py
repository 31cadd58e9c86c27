"""The send engine: each message exactly once, consent at queue and send time, quiet hours, isolation."""
from datetime import datetime, timedelta, timezone
from datetime import time as clock
from zoneinfo import ZoneInfo

import pytest

from nudgeweb.contacts.operations import unsubscribe
from nudgeweb.delivery import engine, queue_message, queue_messages
from nudgeweb.delivery.quiet_hours import end_of_quiet_hours
from nudgeweb.delivery.tasks import recover_stalled_sends
from nudgeweb.extensions import huey
from nudgeweb.models import Contact, ContactActivity, Message, MessageEvent, db, utcnow
from tests.consumer_process import crash, start_worker, wait_until
from tests.delivery_support import email_template, quiet_now, sms_template, smtp  # noqa: F401
from tests.factories import ContactFactory, OrganizationFactory


def statuses():
    return sorted(db.session.scalars(db.select(Message.status)).all())


def receipts():
    """(status, whether the provider's acceptance is recorded) of every message."""
    return sorted((status, sent_at is not None) for status, sent_at in db.session.execute(
        db.select(Message.status, Message.sent_at)))


def test_a_task_run_twice_sends_once(smtp, organization):
    contact = ContactFactory(organization=organization, email="once@example.net")
    message = queue_message(contact, "email", email_template(organization), purpose="campaign",
                            send_at=utcnow() + timedelta(hours=1))
    assert message.status == "queued" and smtp.sink.messages == []
    db.session.execute(db.update(Message).values(send_at=utcnow()))
    assert engine.send_claimed(organization.id, [message.id]) == 1
    assert engine.send_claimed(organization.id, [message.id]) == 0
    assert engine.claim(organization.id, [message.id]) == []
    assert len(smtp.sink.to("once@example.net")) == 1


@pytest.mark.parametrize("status", ["unsubscribed", "bounced", "complained"])
def test_suppressed_contacts_receive_nothing(smtp, organization, status):
    contact = ContactFactory(organization=organization, email=f"{status}@example.net", status=status)
    message = queue_message(contact, "email", email_template(organization), purpose="review_request")
    assert message.status == "failed" and message.error
    assert smtp.sink.messages == []


def test_consent_is_checked_again_when_sending(smtp, organization):
    contact = ContactFactory(organization=organization, email="changed@example.net")
    message = queue_message(contact, "email", email_template(organization), purpose="campaign",
                            send_at=utcnow() + timedelta(minutes=5))
    unsubscribe(contact, reason="Asked on the phone")
    engine.send_claimed(organization.id, [message.id])
    db.session.refresh(message)
    assert (message.status, message.error) == ("failed", "The contact unsubscribed.")
    assert smtp.sink.messages == []


def test_quiet_hours_window_spanning_midnight():
    new_york = ZoneInfo("America/New_York")
    window = (clock(21), clock(8))
    late = datetime(2026, 3, 10, 22, 30, tzinfo=new_york)
    assert end_of_quiet_hours(late, new_york, window) == datetime(2026, 3, 11, 8, 0, tzinfo=new_york)
    early = datetime(2026, 3, 11, 6, 0, tzinfo=new_york)
    assert end_of_quiet_hours(early, new_york, window) == datetime(2026, 3, 11, 8, 0, tzinfo=new_york)
    assert end_of_quiet_hours(datetime(2026, 3, 11, 12, 0, tzinfo=new_york), new_york, window) is None
    assert end_of_quiet_hours(late, new_york, None) is None


def test_quiet_hours_defer_a_message_in_the_contacts_time_zone(smtp, organization):
    contact = ContactFactory(organization=organization, email="sleepy@example.net", timezone="Asia/Tokyo")
    release = quiet_now(organization, "email")
    message = queue_message(contact, "email", email_template(organization), purpose="campaign")
    assert message.status == "queued" and smtp.sink.messages == []
    assert message.send_at == release.astimezone(timezone.utc)


def test_quiet_hours_that_began_after_queueing_defer_at_send_time(smtp, organization):
    contact = ContactFactory(organization=organization, email="night@example.net", timezone="Asia/Tokyo")
    message = queue_message(contact, "email", email_template(organization), purpose="campaign",
                            send_at=utcnow() + timedelta(minutes=1))
    release = quiet_now(organization, "email")
    db.session.execute(db.update(Message).values(send_at=utcnow()))
    assert engine.send_claimed(organization.id, [message.id]) == 0
    db.session.refresh(message)
    assert (message.status, message.attempts) == ("queued", 0)
    assert message.send_at == release.astimezone(timezone.utc)


def test_another_organization_cannot_claim_or_see_my_messages(smtp, organization, other_client):
    contact = ContactFactory(organization=organization, email="mine@example.net")
    message = queue_message(contact, "email", email_template(organization), purpose="campaign",
                            send_at=utcnow() + timedelta(hours=1))
    other = OrganizationFactory()
    assert engine.claim(other.id, [message.id]) == []
    assert other_client.get(f"/outbox/{message.id}").status_code == 404
    assert "mine@example.net" not in other_client.get("/outbox").text


def test_bulk_send_through_a_real_consumer_one_email_each(smtp, organization, huey_consumer, app):
    for n in range(30):
        ContactFactory(organization=organization, email=f"bulk{n}@example.net", first_name=f"N{n}")
    app.config["SEND_BATCH_SIZE"] = 8
    try:
        result = queue_messages(organization, db.select(Contact).where(Contact.organization_id == organization.id),
                                "email", email_template(organization), purpose="campaign")
    finally:
        app.config["SEND_BATCH_SIZE"] = 250
    assert (result.queued, result.failed) == (30, 0)
    assert wait_until(lambda: statuses() == ["sent"] * 30)
    assert sorted(m["To"] for m in smtp.sink.messages) == sorted(f"bulk{n}@example.net" for n in range(30))
    assert smtp.sink.to("bulk7@example.net")[0]["Subject"] == "Hello N7, spring is here"


def test_worker_killed_between_claim_and_send_each_contact_gets_exactly_one(smtp, organization, app, tmp_path):
    for n in range(5):
        ContactFactory(organization=organization, email=f"crash{n}@example.net")
    contact_ids = sorted(db.session.scalars(db.select(Contact.id).where(Contact.organization_id == organization.id)))
    smtp.sink.hold_after = 2  # the third message waits in DATA: the worker has claimed it, not sent it
    huey.immediate = False
    huey.flush()
    worker = None
    try:
        queue_messages(organization, db.select(Contact).where(Contact.organization_id == organization.id),
                       "email", email_template(organization), purpose="campaign")
        worker = start_worker(app, tmp_path, 1, MAIL_URL=smtp.url)
        assert smtp.sink.holding.wait(30), "the worker never reached the third message"
        crash(worker)
        smtp.sink.hold_after = None
        smtp.sink.release.set()
        # two went out (the server's answer is committed on their rows), three did not; the dead
        # worker never got to record its batch
        assert receipts() == [("sending", False)] * 3 + [("sending", True)] * 2

        app.config["SEND_LEASE_SECONDS"] = 0  # the claims are stale now
        assert recover_stalled_sends.call_local() == 3  # the three unsent go back in the queue
        consumer = huey.create_consumer(workers=1, worker_type="thread", periodic=False, initial_delay=0.05,
                                        max_delay=0.2, check_worker_health=False)
        consumer.start()
        try:
            assert wait_until(lambda: statuses() == ["sent"] * 5)
        finally:
            consumer.stop(graceful=True)
    finally:
        app.config["SEND_LEASE_SECONDS"] = 300
        if worker is not None:
            crash(worker)
        smtp.sink.release.set()
        huey.flush()
        huey.immediate = True
    received = sorted(m["To"] for m in smtp.sink.messages)
    assert received == [f"crash{n}@example.net" for n in range(5)]  # everyone once, nobody twice
    sent_events = db.session.scalars(db.select(MessageEvent.contact_id).where(MessageEvent.type == "sent")).all()
    timeline = db.session.scalars(db.select(ContactActivity.contact_id).where(ContactActivity.kind == "message.sent"))
    assert sorted(sent_events) == contact_ids and sorted(timeline.all()) == contact_ids  # recorded once each too
