"""Demo employees: five people, a winter period that ended and a spring one under way, their nudges,
and a leaderboard with a story: Sam won the winter; Priya, new this spring, has overtaken him; Jordan
has been nudged every week and has not asked anyone yet."""
from datetime import timedelta

from sqlalchemy import select

from nudgeweb.models import ReviewRequest, db, utcnow
from nudgeweb.models.employees import Nudge
from nudgeweb.nudges import operations
from nudgeweb.nudges.schedule import is_slot_day, period_bounds, slot_on, zone_of

TEAM = (
    {"name": "Maya Chen", "email": "maya@bluebird.example", "title": "Shift lead", "location": "Main Street"},
    {"name": "Sam Ortiz", "email": "sam@bluebird.example", "phone": "+12125550181", "title": "Barista",
     "preferred_channel": "sms", "location": "Main Street"},
    {"name": "Priya Shah", "email": "priya@bluebird.example", "phone": "+12125550182", "title": "Baker",
     "preferred_channel": "sms", "location": "Harbor Kiosk"},
    {"name": "Jordan Lee", "email": "jordan@bluebird.example", "title": "Cashier", "location": "Harbor Kiosk"},
    {"name": "Elena Petrova", "email": "elena@bluebird.example", "title": "Counter", "location": "Main Street"},
)
# Who is credited with the review requests of each period, by weight (Jordan: none).
WINTER_CREDIT = {"Sam Ortiz": 5, "Maya Chen": 3, "Elena Petrova": 2, "Jordan Lee": 0}
SPRING_CREDIT = {"Priya Shah": 6, "Sam Ortiz": 4, "Maya Chen": 3, "Elena Petrova": 1, "Jordan Lee": 0}


def seed_employees(organization):
    employees = {person["name"]: operations.create_employee(organization, dict(person)) for person in TEAM}
    today = utcnow().astimezone(zone_of(organization)).date()
    winter = _period(organization, "Winter warm-up", today - timedelta(days=42), today - timedelta(days=15),
                     [e.id for name, e in employees.items() if name != "Priya Shah"], goal=6)
    spring = _period(organization, "Spring review push", today - timedelta(days=14), today + timedelta(days=16),
                     [e.id for e in employees.values()], goal=8)
    operations.start_period(winter, now=utcnow() - timedelta(days=42))
    operations.end_period(winter)
    operations.start_period(spring, now=utcnow())
    for period, credit in ((winter, WINTER_CREDIT), (spring, SPRING_CREDIT)):
        _nudges(organization, period, employees, _credit(organization, period, employees, credit))


def _period(organization, name, first, last, employee_ids, goal):
    return operations.create_period(organization, {
        "name": name, "starts_on": first, "ends_on": last, "goal_kind": "reviews", "goal": goal,
        "schedule_kind": "weekdays", "weekdays": [0, 3], "send_time": "09:00", "channel": "preference",
        "employee_ids": employee_ids})


def _credit(organization, period, employees, weights):
    """Hand the period's demo review requests to its people, in turn by weight."""
    start, end = period_bounds(period, zone_of(organization))
    turns = [employees[name].id for name, weight in weights.items() for _ in range(weight)]
    requests = db.session.scalars(select(ReviewRequest).where(
        ReviewRequest.organization_id == organization.id, ReviewRequest.scheduled_for >= start,
        ReviewRequest.scheduled_for < end).order_by(ReviewRequest.scheduled_for)).all()
    for index, request in enumerate(requests):
        request.employee_id = turns[index % len(turns)]
        request.source = "employee" if index % 2 else request.source
    return requests


def _nudges(organization, period, employees, credited):
    """A sent nudge at every slot of the period so far, to each of its people, with their progress then."""
    zone, now = zone_of(organization), utcnow()
    by_id = {e.id: e for e in employees.values()}
    day = period.starts_on
    while day <= period.ends_on:
        slot = slot_on(period, day, zone)
        if is_slot_day(period, day) and slot <= now:
            for participant in period.participants:
                employee = by_id[participant.employee_id]
                channel = employee.preferred_channel
                db.session.add(Nudge(
                    organization_id=organization.id, employee_id=employee.id, campaign_period_id=period.id,
                    due_at=slot, channel=channel, sent_at=slot + timedelta(seconds=4), status="sent",
                    template_used=f"Employee nudge ({'SMS' if channel == 'sms' else 'email'})", goal=period.goal,
                    progress=sum(1 for r in credited if r.employee_id == employee.id and r.scheduled_for < slot
                                 and (r.rating is not None or r.clicked_at is not None)),
                    created_at=slot, updated_at=slot))
        day += timedelta(days=1)
    db.session.flush()
    operations.nudges_changed(organization.id)
