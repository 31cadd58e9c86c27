"""The stream of domain events: written with their cause, announced once after the commit, never across."""
import pytest
from sqlalchemy import select

from nudgeweb.domain_events import domain_events_recorded, event_payload, record_event, record_events
from nudgeweb.extensions import db
from nudgeweb.models import DomainEvent
from nudgeweb.unit_of_work import unit_of_work


@pytest.fixture
def announcements():
    heard = []

    def hear(organization_id):
        heard.append(organization_id)

    domain_events_recorded.connect(hear)
    yield heard
    domain_events_recorded.disconnect(hear)


def test_events_commit_with_their_cause_and_are_announced_once(app_ctx, organization, announcements):
    with unit_of_work(organization.id):
        record_event("contact.created", {"contact_id": "c1"})
        record_events("email.sent", [{"message_id": "m1"}, {"message_id": "m2"}])
        assert announcements == []
    assert announcements == [organization.id]
    with unit_of_work(organization.id):
        events = db.session.scalars(select(DomainEvent).order_by(DomainEvent.type)).all()
    assert [(e.type, e.data) for e in events] == [
        ("contact.created", {"contact_id": "c1"}),
        ("email.sent", {"message_id": "m1"}),
        ("email.sent", {"message_id": "m2"}),
    ]
    payload = event_payload(events[0])
    assert payload["id"].startswith("evt_") and payload["type"] == "contact.created"
    assert payload["created_at"].endswith("Z") and payload["data"] == {"contact_id": "c1"}


def test_a_rolled_back_cause_leaves_no_event_and_no_announcement(app_ctx, organization, announcements):
    with pytest.raises(RuntimeError):
        with unit_of_work(organization.id):
            record_event("contact.created", {"contact_id": "c1"})
            raise RuntimeError("the cause failed")
    assert announcements == []
    with unit_of_work(organization.id):
        assert db.session.scalars(select(DomainEvent)).all() == []


def test_another_organization_sees_none_of_our_events(app_ctx, organization, other_owner):
    with unit_of_work(organization.id):
        record_event("contact.created", {"contact_id": "c1"})
    with unit_of_work(other_owner.organization.id):
        assert db.session.scalars(select(DomainEvent)).all() == []


def test_an_unknown_type_or_no_organization_is_refused(app_ctx, organization):
    with unit_of_work(organization.id):
        with pytest.raises(ValueError, match="Unknown event type"):
            record_event("contact.exploded", {})
    with unit_of_work():
        with pytest.raises(ValueError, match="none is in force"):
            record_event("contact.created", {})
