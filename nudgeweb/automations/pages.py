"""What the automation pages show beyond one operation: the list with each one's figures, the activity
as a page of step runs with their contacts."""
from dataclasses import dataclass

from sqlalchemy import select

from nudgeweb.automations import engine, operations
from nudgeweb.automations.builder import STEP_LABELS
from nudgeweb.models import Automation, AutomationEnrollment, db
from nudgeweb.pagination import paginate, requested_page

LIST_LIMIT = 200
ACTIVITY_PER_PAGE = 50


@dataclass
class Row:
    automation: Automation
    stats: dict


def automation_rows(organization_id):
    automations = db.session.scalars(
        select(Automation).where(Automation.organization_id == organization_id)
        .order_by(Automation.created_at.desc(), Automation.id).limit(LIST_LIMIT)).all()
    return [Row(automation, engine.stats(automation)) for automation in automations]


def activity_page(automation):
    """A page of the automation's step runs, newest first, each with its contact (``run.contact``)."""
    page = paginate(operations.activity_query(automation), requested_page(), ACTIVITY_PER_PAGE)
    operations.with_contacts(page.items)
    return page


def enrolments_of(contact, limit=20):
    """The contact's latest enrolments for their page: [(enrolment, automation, the step it is on in words)]."""
    rows = db.session.execute(
        select(AutomationEnrollment, Automation)
        .join(Automation, Automation.id == AutomationEnrollment.automation_id)
        .where(AutomationEnrollment.organization_id == contact.organization_id,
               AutomationEnrollment.contact_id == contact.id)
        .order_by(AutomationEnrollment.enrolled_at.desc()).limit(limit)).all()
    return [(enrolment, automation, _step_words(automation, enrolment.step_id)) for enrolment, automation in rows]


def _step_words(automation, step_id):
    for number, step in enumerate(automation.steps or [], 1):
        if step["id"] == step_id:
            return f"step {number} ({STEP_LABELS[step['type']].lower()})"
    return None
