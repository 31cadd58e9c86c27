"""The review requests credited to each employee during a period, rolled up in SQL: the leaderboard."""
from dataclasses import dataclass

from sqlalchemy import and_, case, func, or_, select

from nudgeweb.models import Organization, db
from nudgeweb.models.employees import CampaignParticipant, Employee
from nudgeweb.models.reviews import ReviewRequest
from nudgeweb.nudges.schedule import period_bounds, zone_of

GOAL_LABELS = {"requests_sent": "review requests sent", "reviews": "reviews"}


@dataclass(frozen=True)
class Standing:
    employee_id: object
    name: str
    title: str | None
    active: bool
    requests: int
    clicks: int
    reviews: int
    average_rating: float | None
    progress: int
    goal: int
    place: int

    @property
    def percent(self):
        return min(100, round(100 * self.progress / self.goal)) if self.goal else 0


def _count(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def leaderboard(period):
    """One Standing per participant, the leader first (progress, then reviews, then name)."""
    organization = db.session.get(Organization, period.organization_id)
    start, end = period_bounds(period, zone_of(organization))
    asked = ReviewRequest
    credited = and_(asked.employee_id == Employee.id, asked.organization_id == period.organization_id,
                    asked.scheduled_for >= start, asked.scheduled_for < end)
    reviewed = or_(asked.rating.is_not(None), asked.clicked_at.is_not(None))
    rows = db.session.execute(
        select(Employee.id, Employee.name, Employee.title, Employee.active,
               _count(asked.status.not_in(("cancelled", "failed"))).label("requests"),
               _count(asked.clicked_at.is_not(None)).label("clicks"),
               _count(reviewed).label("reviews"),
               func.avg(asked.rating).label("average_rating"))
        .join_from(CampaignParticipant, Employee, Employee.id == CampaignParticipant.employee_id)
        .outerjoin(asked, credited)
        .where(CampaignParticipant.campaign_period_id == period.id,
               CampaignParticipant.organization_id == period.organization_id)
        .group_by(Employee.id, Employee.name, Employee.title, Employee.active)
    ).all()
    goal_column = "requests" if period.goal_kind == "requests_sent" else "reviews"
    ordered = sorted(rows, key=lambda r: (-int(getattr(r, goal_column)), -int(r.reviews), r.name.lower()))
    return [Standing(r.id, r.name, r.title, r.active, int(r.requests), int(r.clicks), int(r.reviews),
                     round(float(r.average_rating), 1) if r.average_rating is not None else None,
                     int(getattr(r, goal_column)), period.goal, place)
            for place, r in enumerate(ordered, start=1)]


def standing_of(period, employee_id):
    return next((s for s in leaderboard(period) if s.employee_id == employee_id), None)


def progress_text(period, standing):
    return f"{standing.progress} of {period.goal} {GOAL_LABELS[period.goal_kind]}"
