"""The entry rules hold when two enrol tasks run at the same moment: the database refuses the second
"once" (or second active "one_at_a_time") enrolment, and the engine skips it instead of failing."""
import threading
import time

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from nudgeweb.automations import engine
from nudgeweb.extensions import db
from nudgeweb.models.automations import Automation, AutomationEnrollment, AutomationStepRun
from nudgeweb.unit_of_work import unit_of_work
from tests.automations_support import enrolments, make_automation
from tests.factories import ContactFactory

WAITING = [{"id": "wait", "type": "wait", "delay": "2 days"}, {"id": "done", "type": "exit"}]


def race(app, automation, contact_ids):
    """Two enrol tasks for the same contacts: the first has inserted and not yet committed when the
    second reads who is in (it sees nobody) and inserts. Returns how many each let in."""
    inserted, second_started, entered = threading.Event(), threading.Event(), {}
    organization_id, automation_id = automation.organization_id, automation.id

    def task(name, before=None, after=None):
        with app.app_context(), unit_of_work(organization_id):
            if before:
                before.wait(10)
            entered[name] = len(engine.enroll_many(db.session.get(Automation, automation_id),
                                                   [(contact_id, {}) for contact_id in contact_ids]))
            if after:
                after.set()
                second_started.wait(10)
                time.sleep(0.5)  # the second task reads now, and waits at its insert for this commit

    first = threading.Thread(target=task, args=("first",), kwargs={"after": inserted})
    second = threading.Thread(target=lambda: (inserted.wait(10), second_started.set(), task("second")))
    for thread in (first, second):
        thread.start()
    for thread in (first, second):
        thread.join(30)
    return entered


@pytest.mark.parametrize("rule", ["once", "one_at_a_time"])
def test_two_enrol_tasks_at_the_same_moment_let_each_contact_in_once(app, organization, rule):
    contacts = ContactFactory.create_batch(3, organization=organization)
    automation = make_automation(organization, WAITING, entry_rule=rule)

    entered = race(app, automation, [contact.id for contact in contacts])

    assert entered == {"first": 3, "second": 0}
    found = enrolments(automation)
    assert sorted(e.contact_id for e in found) == sorted(c.id for c in contacts)
    runs = db.session.scalar(select(db.func.count()).select_from(AutomationStepRun)
                             .where(AutomationStepRun.automation_id == automation.id))
    assert runs == 3  # one "enrolled" each: nothing recorded for the entries left out


def test_every_time_lets_both_in(app, organization):
    contact = ContactFactory(organization=organization)
    automation = make_automation(organization, WAITING, entry_rule="every_time")

    assert race(app, automation, [contact.id]) == {"first": 1, "second": 1}
    assert len(enrolments(automation)) == 2


def test_a_contact_who_finished_may_enter_one_at_a_time_again_but_never_once_again(organization):
    contact = ContactFactory(organization=organization)
    for rule, again in (("once", False), ("one_at_a_time", True)):
        automation = make_automation(organization, WAITING, entry_rule=rule)
        with unit_of_work(organization.id):
            engine.enroll_many(db.session.get(Automation, automation.id), [(contact.id, {})])
            db.session.execute(db.update(AutomationEnrollment).where(AutomationEnrollment.automation_id == automation.id)
                               .values(status="completed"))
        row = {column.name: getattr(enrolments(automation)[0], column.key) for column in AutomationEnrollment.__table__.c}
        second = {**row, "id": engine.new_id(), "status": "active"}
        with unit_of_work(organization.id):  # straight into the table, past the engine's own check
            if again:
                db.session.execute(AutomationEnrollment.__table__.insert(), second)
            else:
                with pytest.raises(IntegrityError):
                    db.session.execute(AutomationEnrollment.__table__.insert(), second)
                db.session.rollback()
        assert len(enrolments(automation)) == (2 if again else 1)
