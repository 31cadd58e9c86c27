"""Two requests add the same new customer at the same moment. A review request's rows are written together
at its end (bulk.writes_at_the_end), so the contact it found missing may have been added by the other
meanwhile: the late one runs again and asks the customer the other added, and nothing of its first try stays.
The other request is a real second writer here: its own connection, committed while the first one works."""
import pytest
from sqlalchemy import func, select, text

from nudgeweb.contacts import signals
from nudgeweb.extensions import db
from nudgeweb.models import Contact, ContactActivity, DomainEvent, ReviewRequest, new_id, utcnow
from nudgeweb.models.analytics import AnalyticsCount
from tests.api_helpers import key_headers, make_key

CUSTOMER = {"first_name": "Rosa", "email": "rosa@example.com", "delay_hours": 0}


def add_the_same_customer_in_another_transaction(organization_id):
    """The first time a contact is made in this process, another connection adds Rosa and commits."""
    done = []

    def other_writer(contact, **_extra):
        if done:
            return
        done.append(new_id())
        now = utcnow()
        with db.engine.connect() as other:
            other.execute(Contact.__table__.insert().values(
                id=done[0], organization_id=organization_id, email="rosa@example.com", first_name="Rosa",
                last_name="", company_name="", custom_fields={}, status="subscribed", source="manual",
                search_text="rosa", subscribed_at=now, created_at=now, updated_at=now))
            other.commit()

    signals.contact_created.connect(other_writer)
    return done, other_writer


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("first_request", [True, False], ids=["first-request", "later-request"])
def test_a_customer_added_by_another_request_meanwhile_is_asked_once_and_nothing_is_left_of_the_first_try(
        client, owner, organization, review_link, first_request):
    headers = key_headers(make_key(owner))
    if not first_request:  # the business's starter template is made (a flush) by its first request: not this one
        assert client.post("/api/v1/review_requests", json={**CUSTOMER, "email": "ann@example.com"},
                           headers=headers).status_code == 201
        db.session.execute(text("DELETE FROM review_requests"))
        db.session.execute(text("DELETE FROM messages"))
        db.session.execute(text("DELETE FROM contacts"))
        db.session.execute(text("DELETE FROM domain_events"))
        db.session.execute(text("DELETE FROM analytics_hourly"))
        db.session.commit()
    done, receiver = add_the_same_customer_in_another_transaction(organization.id)
    try:
        response = client.post("/api/v1/review_requests", json=CUSTOMER, headers=headers)
    finally:
        signals.contact_created.disconnect(receiver)
    assert response.status_code == 201, response.get_json()
    db.session.expire_all()
    [rosa] = db.session.scalars(select(Contact)).all()
    assert rosa.id == done[0]  # the other request's contact, not a second Rosa
    [request] = db.session.scalars(select(ReviewRequest)).all()
    assert request.contact_id == rosa.id and request.steps_sent == 1
    # the first try's contact left no timeline line, event or count behind
    assert db.session.scalar(select(func.count()).select_from(ContactActivity).where(
        ContactActivity.contact_id != rosa.id)) == 0
    created = db.session.scalars(select(DomainEvent.data).where(DomainEvent.type == "contact.created")).all()
    assert created == []  # (the other writer wrote no event; the first try's was not kept)
    assert db.session.scalar(select(func.coalesce(func.sum(AnalyticsCount.count), 0)).where(
        AnalyticsCount.metric == "contact.created")) == 0
    assert db.session.execute(text("SELECT count(*) FROM messages")).scalar() == 1
