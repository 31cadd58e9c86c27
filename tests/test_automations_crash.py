"""A real consumer process killed while it runs an automation's steps, then the sweep and another
consumer: every contact is sent the email exactly once and passes every step once, nobody is lost."""
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from nudgeweb import clock
from nudgeweb.automations import engine
from nudgeweb.automations.tasks import sweep_automations
from nudgeweb.extensions import huey
from nudgeweb.models import Contact, Message, db, utcnow
from nudgeweb.models.automations import Automation, AutomationEnrollment, AutomationStepRun
from nudgeweb.unit_of_work import unit_of_work
from tests.automations_support import make_automation
from tests.consumer_process import crash, start_worker, wait_until
from tests.delivery_support import email_template, smtp  # noqa: F401

pytestmark = pytest.mark.consumer
PEOPLE = 1500


def counts(automation_id, step_type):
    return db.session.scalar(select(func.count()).where(AutomationStepRun.automation_id == automation_id,
                                                        AutomationStepRun.step_type == step_type))


def test_a_consumer_killed_mid_step_then_swept_sends_nobody_twice_and_loses_nobody(smtp, organization, app, tmp_path):
    template = email_template(organization, name="Hello")
    now = utcnow()
    db.session.add_all([Contact(organization_id=organization.id, email=f"crash{n}@example.net", status="subscribed",
                                source="manual", created_at=now, updated_at=now) for n in range(PEOPLE)])
    db.session.commit()
    automation = make_automation(organization, [{"id": "send", "type": "send_email", "template_id": str(template.id)},
                                                {"id": "tag", "type": "add_tag", "tag": "greeted"}])
    automation_id = automation.id
    huey.immediate = False
    huey.flush()
    worker = None
    try:
        with unit_of_work(organization.id):
            contact_ids = db.session.scalars(select(Contact.id)).all()
            engine.enroll_many(db.session.get(Automation, automation_id), [(cid, {}) for cid in contact_ids])
        worker = start_worker(app, tmp_path, 2, MAIL_URL=smtp.url)
        assert wait_until(lambda: counts(automation_id, "send_email") > 0, timeout=60), "no batch ever ran"
        crash(worker)  # in the middle of the next batch
        db.session.remove()
        done_before = counts(automation_id, "send_email")
        assert 0 < done_before < PEOPLE, "the worker finished before it was killed: nothing was tested"

        clock.travel_to(utcnow() + engine.LEASE + engine.SWEEP_GRACE + timedelta(seconds=5))  # its lease ran out, its task is gone
        assert sweep_automations.call_local() == 1
        consumer = huey.create_consumer(workers=1, worker_type="thread", periodic=False, initial_delay=0.05,
                                        max_delay=0.2, check_worker_health=False)
        consumer.start()
        try:
            assert wait_until(lambda: counts(automation_id, "completed") == PEOPLE, timeout=120)
        finally:
            consumer.stop(graceful=True)
    finally:
        clock.travel_to(None)
        if worker is not None:
            crash(worker)
        huey.flush()
        huey.immediate = True
    per_contact = db.session.execute(select(Message.contact_id, func.count()).where(Message.purpose == "automation")
                                     .group_by(Message.contact_id)).all()
    assert len(per_contact) == PEOPLE and {count for _, count in per_contact} == {1}  # everyone once, nobody twice
    assert counts(automation_id, "send_email") == counts(automation_id, "add_tag") == PEOPLE
    assert db.session.scalar(select(func.count()).where(AutomationEnrollment.status == "completed")) == PEOPLE
