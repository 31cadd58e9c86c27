"""What the owner's pages read: the employees with this period's progress, periods, an employee's nudges."""
from datetime import date

from sqlalchemy import case, select

from nudgeweb.models import db
from nudgeweb.models.employees import CampaignPeriod, Employee, Nudge


def current_period(organization_id):
    """The active period (the latest starting, if several), else the latest one, else None."""
    return db.session.scalar(select(CampaignPeriod).where(CampaignPeriod.organization_id == organization_id)
                             .order_by(case((CampaignPeriod.status == "active", 0), else_=1),
                                       CampaignPeriod.starts_on.desc()).limit(1))


def employees_of(organization_id):
    return db.session.scalars(select(Employee).where(Employee.organization_id == organization_id)
                              .order_by(Employee.active.desc(), Employee.name)).all()


def periods_of(organization_id):
    return db.session.scalars(select(CampaignPeriod).where(CampaignPeriod.organization_id == organization_id)
                              .order_by(CampaignPeriod.starts_on.desc(), CampaignPeriod.created_at.desc())).all()


def nudges_of(employee):
    """The employee's nudges, the latest first (a Select, for a paged list)."""
    return (select(Nudge).where(Nudge.organization_id == employee.organization_id, Nudge.employee_id == employee.id)
            .order_by(Nudge.due_at.desc(), Nudge.id.desc()))


def default_dates(today: date):
    """A new period's suggested dates: today to four weeks on."""
    from datetime import timedelta

    return today, today + timedelta(days=27)
