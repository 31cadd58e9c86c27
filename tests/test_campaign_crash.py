"""A real consumer process killed in the middle of a campaign, then another started: nobody gets the
campaign twice, nobody misses it."""

import pytest
from sqlalchemy import select, update

from nudgeweb.campaigns import operations, sending
from nudgeweb.campaigns.tasks import resume_stalled_campaigns
from nudgeweb.delivery.tasks import recover_stalled_sends
from nudgeweb.extensions import huey
from nudgeweb.models import Campaign, Message, db, utcnow
from nudgeweb.unit_of_work import unit_of_work
from tests.consumer_process import crash, start_worker, wait_until
from tests.delivery_support import smtp  # noqa: F401
from tests.factories import ContactFactory

pytestmark = pytest.mark.consumer
PEOPLE = 9


def test_a_consumer_killed_mid_campaign_then_restarted_sends_to_everyone_exactly_once(smtp, organization, app,
                                                                                     tmp_path):
    organization.footer_address = "1 Main Street, Springfield"
    for n in range(PEOPLE):
        ContactFactory(organization=organization, email=f"crash{n}@example.net")
    smtp.sink.hold_after = 4  # the fifth message waits in DATA: the worker is mid-send when it dies
    huey.immediate = False
    huey.flush()
    worker = None
    try:
        with unit_of_work(organization.id):
            campaign = operations.create_campaign(organization, {
                "name": "Crash test", "subject": "Hi", "text_content": "Hello {{ first_name }}",
                "send_to_all": True, "send_rate": 2})  # two a batch (SEND_BATCH_SIZE below), a batch a second
            sending.start(campaign, organization)
        worker = start_worker(app, tmp_path, 2, SEND_BATCH_SIZE="2", MAIL_URL=smtp.url)
        assert smtp.sink.holding.wait(30), "the worker never reached the fifth message"
        crash(worker)
        smtp.sink.hold_after = None
        smtp.sink.release.set()
        db.session.remove()
        assert db.session.scalar(select(Campaign.status)) == "sending"  # some recipients still wait

        app.config["SEND_LEASE_SECONDS"] = 0  # the dead worker's claims are stale now
        db.session.execute(update(Campaign).values(updated_at=utcnow() - sending.STALLED_AFTER * 2))
        db.session.commit()
        recover_stalled_sends.call_local()
        assert resume_stalled_campaigns.call_local() == 1
        consumer = huey.create_consumer(workers=2, worker_type="thread", periodic=False, initial_delay=0.05,
                                        max_delay=0.2, check_worker_health=False)
        consumer.start()
        try:
            assert wait_until(lambda: db.session.scalar(select(Campaign.status)) == "sent", timeout=40)
            assert wait_until(lambda: sorted(set(db.session.scalars(select(Message.status)))) == ["sent"], timeout=40)
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
    assert received == sorted(f"crash{n}@example.net" for n in range(PEOPLE))  # everyone once, nobody twice
    assert db.session.scalar(select(db.func.count()).select_from(Message)) == PEOPLE
