"""Automations for tests: made as the API will make them (workflow.normalize, then the model), run on
the review tests' frozen clock (tests.reviews_support) so that Huey's schedule follows it."""
from sqlalchemy import select

from nudgeweb.automations import engine
from nudgeweb.automations.workflow import normalize
from nudgeweb.extensions import db
from nudgeweb.models import Contact
from nudgeweb.models.automations import Automation, AutomationEnrollment, AutomationStepRun
from nudgeweb.unit_of_work import unit_of_work


def make_automation(organization, steps, trigger=None, entry_rule="once", status="active", name="Test automation"):
    fields, errors = normalize({"name": name, "trigger": trigger or {"type": "manual"}, "workflow": {"steps": steps},
                                "entry_rule": entry_rule})
    assert errors == []
    with unit_of_work(organization.id):
        automation = Automation(organization_id=organization.id, status=status, **fields)
        db.session.add(automation)
    return automation


def enrol(automation, contact, **kwargs):
    """Enrol as a person or the API would: in the organization's own unit of work (its tasks run after the commit)."""
    with unit_of_work(automation.organization_id):
        enrolment = engine.enroll(db.session.get(Automation, automation.id), db.session.get(Contact, contact.id), **kwargs)
        return enrolment.id if enrolment else None


def enrolments(automation):
    db.session.expire_all()
    return db.session.scalars(select(AutomationEnrollment).where(AutomationEnrollment.automation_id == automation.id)
                              .order_by(AutomationEnrollment.enrolled_at)).all()


def history(enrolment_id):
    """[(step_id, step_type, outcome)] of an enrolment, in order."""
    return [(run.step_id, run.step_type, run.outcome) for run in db.session.scalars(
        select(AutomationStepRun).where(AutomationStepRun.enrollment_id == enrolment_id)
        .order_by(AutomationStepRun.occurred_at, AutomationStepRun.id))]


def tags_of(contact):
    db.session.expire_all()
    return db.session.get(Contact, contact.id).tags
