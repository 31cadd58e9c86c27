"""The owner's pages: add, edit and deactivate employees, set up and start a period, the leaderboard
(chart and table), an employee's nudge history; another business sees none of it."""
from datetime import timedelta

from sqlalchemy import func, select

from nudgeweb.extensions import db
from nudgeweb.models import ReviewRequest
from nudgeweb.models.employees import CampaignPeriod, Employee, Nudge
from nudgeweb.nudges.progress import leaderboard
from nudgeweb.nudges.tasks import send_due_nudges
from tests.nudges_support import first_day, local, make_period, make_team
from tests.reviews_support import frozen_clock, give_review_link, travel_and_run  # noqa: F401


def test_adding_an_employee_names_every_bad_field_at_once(owner_client, organization):
    """A missing name was named first, and the missing way to reach them only once it was given."""
    page = owner_client.post("/employees/new", data={"name": "", "email": "", "phone": "", "preferred_channel": "email"})
    assert page.status_code == 422
    text = page.get_data(as_text=True)
    assert 'id="name-error"' in text and 'id="email-error"' in text and "Give an email address or a mobile" in text
    assert db.session.scalar(select(Employee)) is None


def test_add_edit_and_deactivate_an_employee(owner_client, organization):
    empty = owner_client.get("/employees").get_data(as_text=True)
    assert "Add your team" in empty
    bad = owner_client.post("/employees/new", data={"name": "Ana", "email": "nope", "preferred_channel": "email"})
    assert bad.status_code == 422 and "valid email" in bad.get_data(as_text=True)
    added = owner_client.post("/employees/new", data={"name": "Ana Ruiz", "email": "ana@example.net", "phone": "",
                                                      "title": "Front desk", "preferred_channel": "email"})
    assert added.status_code == 303
    employee = db.session.scalar(select(Employee))
    assert owner_client.post(f"/employees/{employee.id}/edit", data={
        "name": "Ana Ruiz", "email": "ana@example.net", "phone": "212 555 0100", "preferred_channel": "sms",
        "title": "Manager"}).status_code == 303
    page = owner_client.get("/employees").get_data(as_text=True)
    assert "Ana Ruiz" in page and "Manager" in page and "SMS" in page
    owner_client.post(f"/employees/{employee.id}/active", data={"active": "0"})
    assert db.session.get(Employee, employee.id, populate_existing=True).active is False
    assert "inactive" in owner_client.get(f"/employees/{employee.id}").get_data(as_text=True)


def test_set_up_and_start_a_period_then_see_the_leaderboard(owner_client, organization):
    maria, dev, _sam = make_team(organization)
    form = owner_client.get("/employees/periods/new").get_data(as_text=True)
    assert "Maria Lopez" in form and "Sam Gone" not in form  # only active employees are offered
    day = first_day(organization)
    answer = owner_client.post("/employees/periods/new", data={
        "name": "Spring push", "starts_on": day.isoformat(), "ends_on": (day + timedelta(days=13)).isoformat(),
        "goal_kind": "reviews", "goal": "10", "schedule_kind": "weekdays", "weekdays": ["0", "2", "4"],
        "send_time": "09:00", "channel": "preference", "template_name": "",
        "employee_ids": [str(maria), str(dev)], "start_now": "y"})
    assert answer.status_code == 303, answer.get_data(as_text=True)
    period = db.session.scalar(select(CampaignPeriod))
    assert period.status == "active" and period.weekdays == [0, 2, 4] and len(period.participants) == 2
    page = owner_client.get(answer.headers["Location"]).get_data(as_text=True)
    assert 'id="chart-leaderboard"' in page and "data-chart" in page and "_chart_assets" not in page
    assert '<th scope="col">Requests sent</th>' in page and f'<a href="/employees/{maria}">Maria Lopez</a>' in page
    assert "Dev Patel leads with 0 of 10 reviews; 0 of 2 taking part reached the goal." in page  # the text alternative
    assert "/e/" in page and "Monday, Wednesday, Friday" in page
    csv = owner_client.get(f"/employees/periods/{period.id}/leaderboard.csv")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    assert csv.text.splitlines() == ["#,Employee,Requests sent,Clicks,Reviews,Avg rating,Progress",
                                     "1,Dev Patel,0,0,0,—,0 / 10", "2,Maria Lopez,0,0,0,—,0 / 10"]


def test_a_period_with_nobody_taking_part_says_so(owner_client, organization):
    period = make_period(organization, start=False)  # no employees yet: nobody takes part
    page = owner_client.get(f"/employees/periods/{period}").get_data(as_text=True)
    assert "No one takes part in this period yet." in page
    assert "leaderboard.csv" not in page and "plotly" not in page  # no chart to draw, no numbers to download


def test_an_employees_nudge_history(owner_client, organization):
    maria, _dev, _sam = make_team(organization)
    make_period(organization)
    travel_and_run(local(organization, first_day(organization), 9, 5))
    send_due_nudges(str(organization.id))
    travel_and_run(local(organization, first_day(organization), 9, 5))
    page = owner_client.get(f"/employees/{maria}").get_data(as_text=True)
    assert "Employee nudge (email)" in page and "0 / 5" in page and ">sent<" in page
    outbox = owner_client.get("/outbox").get_data(as_text=True)
    assert "maria@acme.example" in outbox and "(212) 555-0142" in outbox  # both nudges, in the outbox


def test_another_business_sees_none_of_it(other_client, organization):
    maria, _dev, _sam = make_team(organization)
    period = make_period(organization)
    assert "Maria" not in other_client.get("/employees").get_data(as_text=True)
    assert other_client.get(f"/employees/{maria}").status_code == 404
    assert other_client.get(f"/employees/periods/{period}").status_code == 404
    assert other_client.get(f"/employees/periods/{period}/leaderboard.csv").status_code == 404
    assert other_client.post(f"/employees/{maria}/active", data={"active": "0"}).status_code == 404


def test_the_teams_send_form_credits_an_employee(owner_client, organization):
    give_review_link(organization)
    maria, _dev, _sam = make_team(organization)
    form = owner_client.get("/review-requests/new").get_data(as_text=True)
    assert "Credit to" in form and "Maria Lopez" in form and "Sam Gone" not in form
    answer = owner_client.post("/review-requests/new", data={
        "first_name": "Jane", "email": "jane@example.net", "delay_hours": "0", "channel": "auto",
        "employee_id": str(maria)})
    assert answer.status_code == 303
    assert db.session.scalar(select(ReviewRequest.employee_id)) == maria


def test_an_employee_may_be_a_team_member(owner_client, organization, owner):
    maria = make_team(organization, [{"name": "Maria Lopez", "email": "maria@acme.example"}])[0]
    form = owner_client.get(f"/employees/{maria}/edit").get_data(as_text=True)
    assert owner.user.name in form
    owner_client.post(f"/employees/{maria}/edit", data={"name": "Maria Lopez", "email": "maria@acme.example",
                                                         "preferred_channel": "email", "user_id": str(owner.user_id)})
    assert db.session.get(Employee, maria, populate_existing=True).user_id == owner.user_id
    form = owner_client.get(f"/employees/{maria}/edit").get_data(as_text=True)
    assert f'<option selected value="{owner.user_id}">' in form


def test_seed_demo_has_a_team_with_a_story(runner, app_ctx):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert len(db.session.scalars(select(Employee)).all()) == 5
    periods = {p.status: p for p in db.session.scalars(select(CampaignPeriod))}
    assert set(periods) == {"ended", "active"}
    assert [s.name for s in leaderboard(periods["ended"])][0] == "Sam Ortiz"
    spring = leaderboard(periods["active"])
    assert spring[0].name == "Priya Shah" and spring[-1].name == "Jordan Lee" and spring[-1].requests == 0
    assert db.session.scalar(select(func.count()).select_from(Nudge).where(Nudge.employee_id == spring[-1].employee_id)) > 0
