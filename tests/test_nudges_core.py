"""Nudges under an injected clock: on the period's schedule, never before or after it, never to an
inactive employee, never twice when the periodic task runs twice; STOP honoured; credit rolls up."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from nudgeweb.delivery.public import handle_inbound_sms
from nudgeweb.delivery.sealed import LINK_PLACEHOLDER
from nudgeweb.extensions import db
from nudgeweb.models import DomainEvent
from nudgeweb.models.employees import CampaignPeriod, Employee, Nudge
from nudgeweb.models.messages import Message
from nudgeweb.nudges import operations
from nudgeweb.nudges.progress import leaderboard
from nudgeweb.nudges.tasks import queue_nudges_everywhere, send_due_nudges
from nudgeweb.reviews.operations import create_review_request
from nudgeweb.unit_of_work import unit_of_work
from tests.nudges_support import first_day, local, make_period, make_team
from tests.reviews_support import frozen_clock, travel_and_run  # noqa: F401


def nudges(organization_id=None):
    query = select(Nudge).order_by(Nudge.due_at, Nudge.channel)
    if organization_id:
        query = query.where(Nudge.organization_id == organization_id)
    return db.session.scalars(query.execution_options(populate_existing=True)).all()


def run_at(moment, organization):
    travel_and_run(moment)
    send_due_nudges(str(organization.id))
    travel_and_run(moment)


def test_an_active_period_nudges_on_schedule_only_its_active_people_once_each(organization):
    maria, dev, sam = make_team(organization)
    make_period(organization)
    day = first_day(organization)

    run_at(local(organization, day - timedelta(days=1)), organization)  # the day before it starts
    assert nudges() == []
    run_at(local(organization, day, 8, 59), organization)  # before the first slot (09:00)
    assert nudges() == []

    run_at(local(organization, day, 9, 5), organization)
    first = nudges()
    assert {n.employee_id for n in first} == {maria, dev}  # not Sam: inactive
    assert {(n.employee_id, n.channel) for n in first} == {(maria, "email"), (dev, "sms")}
    assert all(n.status == "sent" and n.sent_at is not None and n.goal == 5 for n in first)
    run_at(local(organization, day, 9, 20), organization)  # the periodic task again: nothing new
    send_due_nudges(str(organization.id))
    assert len(nudges()) == 2

    run_at(local(organization, day + timedelta(days=1)), organization)  # every 2 days: not today
    assert len(nudges()) == 2
    run_at(local(organization, day + timedelta(days=2)), organization)
    assert len(nudges()) == 4

    run_at(local(organization, day + timedelta(days=6)), organization)  # after the last day
    assert len(nudges()) == 6 - 2  # the day-4 slot was missed by more than the catch-up: dropped
    period = db.session.scalars(select(CampaignPeriod).execution_options(populate_existing=True)).one()
    assert period.status == "ended"


def test_the_message_goes_through_the_engine_with_the_link_made_at_send_time(organization):
    make_team(organization)
    make_period(organization)
    run_at(local(organization, first_day(organization), 9, 5), organization)
    messages = db.session.scalars(select(Message).where(Message.purpose == "nudge")).all()
    assert {m.channel for m in messages} == {"email", "sms"}
    assert all(m.status == "sent" for m in messages)
    email = next(m for m in messages if m.channel == "email")
    assert email.to == "maria@acme.example" and "Maria" in email.subject
    assert LINK_PLACEHOLDER in email.text and "/e/" not in email.text  # the stored copy holds no credential
    sms = next(m for m in messages if m.channel == "sms")
    assert "STOP" in sms.text and "0 of 5 review requests sent" in sms.text
    events = db.session.scalars(select(DomainEvent).where(DomainEvent.type == "nudge.sent")).all()
    assert len(events) == 2 and {e.data["channel"] for e in events} == {"email", "sms"}


def test_an_employee_who_replied_stop_gets_no_more_sms_but_email(organization):
    _maria, dev, _sam = make_team(organization)
    make_period(organization)
    with unit_of_work(organization.id):
        handle_inbound_sms(organization, {"From": "+12125550142", "Body": "STOP"})
    run_at(local(organization, first_day(organization), 9, 5), organization)
    dev_nudge = next(n for n in nudges() if n.employee_id == dev)
    assert dev_nudge.channel == "email"  # their preference was SMS; they said STOP
    assert db.session.get(Employee, dev).sms_opted_out_at is not None


def test_an_sms_only_period_skips_who_said_stop(organization):
    _maria, dev, _sam = make_team(organization)
    make_period(organization, channel="sms")
    with unit_of_work(organization.id):
        handle_inbound_sms(organization, {"From": "+12125550142", "Body": "stop"})
    run_at(local(organization, first_day(organization), 9, 5), organization)
    by_employee = {n.employee_id: n for n in nudges()}
    assert by_employee[dev].status == "skipped" and "STOP" in by_employee[dev].error
    assert db.session.scalar(select(Message).where(Message.purpose_id == by_employee[dev].id)) is None


def test_the_sweep_queues_only_organizations_with_an_active_period(organization, other_owner):
    make_team(organization)
    make_period(organization)
    theirs = other_owner.organization
    make_team(theirs)
    make_period(theirs, start=False)  # a draft nudges no one
    travel_and_run(local(organization, first_day(organization), 9, 5))
    assert queue_nudges_everywhere.call_local() == 1
    travel_and_run(local(organization, first_day(organization), 9, 5))
    assert len(nudges(organization.id)) == 2 and nudges(theirs.id) == []


def test_credited_requests_clicks_and_ratings_roll_up_to_the_leaderboard(organization):
    maria, dev, _sam = make_team(organization)
    period_id = make_period(organization)
    with unit_of_work(organization.id):
        for n in range(3):
            request = create_review_request(organization, {"email": f"c{n}@example.net"}, delay_hours=0,
                                            employee_id=maria)
        db.session.flush()  # the customer clicks and rates it later
        request.rating = 4
        request.clicked_at = request.created_at
        create_review_request(organization, {"email": "d@example.net"}, delay_hours=0, employee_id=dev)
    with unit_of_work(organization.id):
        board = leaderboard(db.session.get(CampaignPeriod, period_id))
    assert [(s.employee_id, s.requests, s.clicks, s.reviews, s.average_rating, s.place) for s in board] == [
        (maria, 3, 1, 1, 4.0, 1), (dev, 1, 0, 0, None, 2)]


@pytest.mark.parametrize("bad, field", [
    ({"name": ""}, "name"), ({"email": "not-an-email"}, "email"), ({"phone": "12"}, "phone"),
    ({"name": "x" * 201}, "name"), ({"email": None, "phone": None}, "email"),
])
def test_bad_employee_fields_are_named(organization, bad, field):
    with unit_of_work(organization.id), pytest.raises(operations.EmployeeError) as raised:
        operations.create_employee(organization, {"name": "Ok", "email": "ok@example.net", **bad})
    assert field in raised.value.errors


def test_bad_period_fields_are_all_named_at_once(organization):
    with unit_of_work(organization.id), pytest.raises(operations.PeriodError) as raised:
        operations.create_period(organization, {"name": "", "starts_on": "2026-03-10", "ends_on": "2026-03-01",
                                                "goal": 0, "weekdays": [9], "send_time": "25:00"})
    assert set(raised.value.errors) >= {"name", "ends_on", "goal", "weekdays", "send_time"}
