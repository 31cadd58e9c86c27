"""Employees and a period for the nudge tests, made through the operations as the pages make them."""
from datetime import datetime, time, timedelta

from nudgeweb.nudges import operations
from nudgeweb.nudges.schedule import zone_of
from nudgeweb.unit_of_work import unit_of_work
from tests.reviews_support import NOW

TEAM = (
    {"name": "Maria Lopez", "email": "maria@acme.example", "title": "Technician"},
    {"name": "Dev Patel", "email": "dev@acme.example", "phone": "+12125550142", "preferred_channel": "sms"},
    {"name": "Sam Gone", "email": "sam@acme.example", "active": False},
)


def first_day(organization):
    """The local date of the frozen clock's NOW: the periods of these tests start that day."""
    return NOW.astimezone(zone_of(organization)).date()


def local(organization, day, hour=9, minute=30):
    return datetime.combine(day, time(hour, minute), tzinfo=zone_of(organization))


def make_team(organization, people=TEAM):
    with unit_of_work(organization.id):
        return [operations.create_employee(organization, dict(person)).id for person in people]


def make_period(organization, start=True, **fields):
    day = first_day(organization)
    data = {"name": "Spring push", "starts_on": day.isoformat(), "ends_on": (day + timedelta(days=4)).isoformat(),
            "goal_kind": "requests_sent", "goal": 5, "schedule_kind": "every_n_days", "every_days": 2,
            "send_time": "09:00", "channel": "preference", **fields}
    with unit_of_work(organization.id):
        period = operations.create_period(organization, data)
        if start:
            operations.start_period(period, now=local(organization, day, 0, 1))
        return period.id
