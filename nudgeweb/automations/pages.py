"""What the automation pages show beyond one operation: the list with each one's figures, the activity
as a page of step runs with their contacts."""
from dataclasses import dataclass

from sqlalchemy import select

from nudgeweb.automations import engine
from nudgeweb.models import Automation, AutomationStepRun, Contact, db
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
    page = paginate(select(AutomationStepRun).where(
        AutomationStepRun.organization_id == automation.organization_id,
        AutomationStepRun.automation_id == automation.id)
        .order_by(AutomationStepRun.occurred_at.desc(), AutomationStepRun.id.desc()),
        requested_page(), ACTIVITY_PER_PAGE)
    ids = {run.contact_id for run in page.items}
    contacts = {contact.id: contact for contact in db.session.scalars(
        select(Contact).where(Contact.organization_id == automation.organization_id, Contact.id.in_(ids)))} \
        if ids else {}
    page.items = [(run, contacts.get(run.contact_id)) for run in page.items]
    return page
