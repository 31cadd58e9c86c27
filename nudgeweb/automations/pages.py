"""What the automation pages show beyond one operation: the list with each one's figures, the activity
as a page of step runs with their contacts."""
from dataclasses import dataclass

from sqlalchemy import select

from nudgeweb.automations import engine, operations
from nudgeweb.models import Automation, db
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
