"""The employee's page: progress, place, asking a customer (credited, contact source employee);
forged, revoked and expired links; another business's link shows nothing of ours."""
from datetime import timedelta

from sqlalchemy import select

from nudgeweb import clock
from nudgeweb.extensions import db
from nudgeweb.models import Contact, ReviewRequest
from nudgeweb.models.employees import CampaignParticipant, CampaignPeriod
from nudgeweb.nudges import operations
from nudgeweb.nudges.links import employee_token
from nudgeweb.unit_of_work import unit_of_work
from tests.nudges_support import make_period, make_team
from tests.reviews_support import frozen_clock  # noqa: F401


def token_of(employee_id):
    participant = db.session.scalar(select(CampaignParticipant).where(CampaignParticipant.employee_id == employee_id)
                                    .execution_options(populate_existing=True))
    return employee_token(participant)


def test_the_page_shows_progress_and_place_and_asking_a_customer_moves_them(client, organization):
    maria, dev, _sam = make_team(organization)
    make_period(organization)
    with unit_of_work(organization.id):
        from nudgeweb.reviews.operations import create_review_request
        create_review_request(organization, {"email": "x@example.net"}, delay_hours=0, employee_id=dev)
    path = f"/e/{token_of(maria)}"
    page = client.get(path)
    assert page.status_code == 200 and page.headers["Referrer-Policy"] == "no-referrer"
    html = page.get_data(as_text=True)
    assert "Hi Maria!" in html and 'data-testid="progress">0<' in html and 'data-testid="place">#2<' in html
    assert "Ask a customer now" in html and "Dev Patel" in html

    answer = client.post(path, data={"name": "Jane Smith", "email": "jane@example.net"})
    assert answer.status_code == 200
    html = answer.get_data(as_text=True)
    assert "Sent! Jane Smith" in html and 'data-testid="progress">1<' in html
    request = db.session.scalar(select(ReviewRequest).where(ReviewRequest.employee_id == maria))
    assert request.source == "employee"
    assert db.session.get(Contact, request.contact_id).source == "employee"

    refused = client.post(path, data={"name": "No Way"})
    assert refused.status_code == 422 and "mobile phone or email" in refused.get_data(as_text=True)


def test_forged_revoked_and_expired_links_get_a_friendly_page(client, organization):
    maria, _dev, _sam = make_team(organization)
    period_id = make_period(organization)
    token = token_of(maria)
    forged = client.get(f"/e/{token[:-3]}abc")
    assert forged.status_code == 404 and "couldn't open this link" in forged.get_data(as_text=True)

    with unit_of_work(organization.id):
        period = db.session.get(CampaignPeriod, period_id)
        operations.revoke_link(operations.participant(period, maria))
    revoked = client.get(f"/e/{token}")
    assert revoked.status_code == 410 and "This link was replaced" in revoked.get_data(as_text=True)
    with unit_of_work(organization.id):
        operations.renew_link(operations.participant(db.session.get(CampaignPeriod, period_id), maria))
    assert client.get(f"/e/{token}").status_code == 410  # the old link stays dead
    renewed = token_of(maria)
    assert client.get(f"/e/{renewed}").status_code == 200

    clock.travel_to(clock.now() + timedelta(days=30))  # the period's last day plus a week is long past
    expired = client.get(f"/e/{renewed}")
    assert expired.status_code == 410 and "campaign is over" in expired.get_data(as_text=True)


def test_their_link_shows_their_business_only(client, organization, other_owner):
    make_team(organization)
    make_period(organization)
    theirs = make_team(other_owner.organization, [{"name": "Olga Other", "email": "olga@example.net"}])[0]
    make_period(other_owner.organization)
    html = client.get(f"/e/{token_of(theirs)}").get_data(as_text=True)
    assert "Olga" in html and "Globex Bakery" in html
    assert "Maria" not in html and "Acme" not in html
