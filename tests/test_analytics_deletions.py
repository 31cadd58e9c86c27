"""Deleting a contact: the contacts' figures drop it (and its review requests, deleted with it), what it did
(its messages and events) still happened and stays counted, and the live counts equal a rebuild."""
import re

from sqlalchemy import select

from nudgeweb.analytics import reports
from nudgeweb.analytics.events import event_names, record_events
from nudgeweb.analytics.periods import read_period
from nudgeweb.analytics.rebuild import rebuild_counts
from nudgeweb.contacts.operations import bulk_delete, delete_contact, unsubscribe, upsert_contact
from nudgeweb.delivery.engine import Sent, record_sent
from nudgeweb.delivery.events import record_event
from nudgeweb.extensions import db
from nudgeweb.models import ContactEvent, ReviewRequest
from nudgeweb.reviews.operations import on_message_event, rate
from tests.api_helpers import key_headers, make_key
from tests.conftest import commit_test_work
from tests.test_analytics_counts import a_message, counts, local

JUNE = {"period": "custom", "start_date": "2026-06-01", "end_date": "2026-06-30"}


def history(organization):
    """Ada (api, a Kenyan phone): an order of 40 and a visit, an email sent and opened, a review rated 5, then
    she unsubscribed. Bob (manual, a British phone): an order of 10. All in June in New York."""
    ada, _ = upsert_contact(organization, {"email": "ada@example.net", "phone": "+254722000001"}, source="api")
    bob, _ = upsert_contact(organization, {"email": "bob@example.net", "phone": "+447400123456"}, source="manual")
    for contact in (ada, bob):
        contact.created_at = local(2026, 6, 1, 9)
    record_events(organization.id, [
        {"name": "order", "contact_id": ada.id, "revenue": 40, "occurred_at": local(2026, 6, 2, 10)},
        {"name": "visit", "contact_id": ada.id, "occurred_at": local(2026, 6, 2, 11)},
        {"name": "order", "contact_id": bob.id, "revenue": 10, "occurred_at": local(2026, 6, 3, 10)},
    ])
    message = a_message(ada, status="sending")
    message.sent_at = local(2026, 6, 4, 10)
    record_sent(organization.id, [Sent(message, "outbox", None, local(2026, 6, 4, 10))])
    record_event(message, "opened", occurred_at=local(2026, 6, 4, 12))
    review = ReviewRequest(organization_id=organization.id, contact=ada, channel="email",
                           scheduled_for=local(2026, 6, 5, 9))
    db.session.add(review)
    db.session.flush()
    on_message_event(review, "sent", now=local(2026, 6, 5, 9))
    rate(review, 5, now=local(2026, 6, 5, 10))
    unsubscribe(ada)
    db.session.flush()
    return ada, bob


def figures(organization):
    june = read_period(JUNE, organization.timezone)
    contacts, revenue = reports.contacts(organization.id, june), reports.revenue(organization.id, june, "USD")
    return {
        "contacts": contacts["total_contacts"], "new": contacts["new_contacts"], "sources": contacts["sources"],
        "countries": reports.dimension_report(organization.id, june, "contact.country")["counts"],
        "events": dict(event_names(organization.id)), "revenue": revenue["total_revenue"],
        "sent": reports.messages(organization.id, june)["totals"]["sent"],
        "opened": reports.messages(organization.id, june)["totals"]["opened_unique"],
        "asked": reports.reviews(organization.id, june)["funnel"][0]["count"],
        "ratings": reports.reviews(organization.id, june)["ratings"]["count"],
    }


def test_a_deleted_contact_leaves_the_contacts_figures_and_its_deeds_stay_counted(organization):
    ada, bob = history(organization)
    before = figures(organization)
    assert before == {"contacts": 2, "new": 2, "sources": {"api": 1, "manual": 1}, "countries": {"GB": 1, "KE": 1},
                      "events": {"order": 2, "visit": 1}, "revenue": 50.0, "sent": 1, "opened": 1, "asked": 1,
                      "ratings": 1}
    delete_contact(ada)
    assert figures(organization) == {
        "contacts": 1, "new": 1, "sources": {"manual": 1}, "countries": {"GB": 1},  # the contact is gone
        "events": {"order": 2, "visit": 1}, "revenue": 50.0, "sent": 1, "opened": 1,  # what it did happened
        "asked": 0, "ratings": 0,  # its review requests are deleted with it, as the pipeline shows
    }
    live = counts(organization.id)
    rebuild_counts(organization.id)
    assert counts(organization.id) == live
    orphans = db.session.scalars(select(ContactEvent).where(ContactEvent.organization_id == organization.id)).all()
    assert len(orphans) == 3 and {event.contact_id for event in orphans} == {None, bob.id}


def test_contacts_deleted_in_bulk_leave_the_figures_as_a_rebuild_does(organization):
    people = [upsert_contact(organization, {"email": f"p{n}@example.net"}, source="import")[0] for n in range(5)]
    record_events(organization.id, [{"name": "order", "contact_id": person.id, "revenue": 1} for person in people])
    bulk_delete(organization.id, [person.id for person in people[:3]])
    db.session.flush()
    live = counts(organization.id)
    assert sum(row[3] for row in live if row[0] == "contact.created") == 2
    assert sum(row[3] for row in live if row[0] == "event") == 5
    rebuild_counts(organization.id)
    assert counts(organization.id) == live


def test_the_events_page_and_the_api_show_a_deleted_contacts_events(organization, owner, owner_client, client):
    ada, _ = history(organization)
    delete_contact(ada)
    commit_test_work()
    page = owner_client.get("/analytics/events").get_data(as_text=True)
    assert "Deleted contact" in page and "visit" in page
    assert "the messages it got and the events it did still happened, and stay counted" in owner_client.get(
        "/analytics").get_data(as_text=True)
    answer = client.get("/api/v1/events?filter[name]=visit", headers=key_headers(make_key(owner))).get_json()
    assert [event["attributes"]["contact_id"] for event in answer["data"]] == [None]


def test_the_dashboards_new_contacts_tile_drops_a_deleted_contact(organization, owner_client):
    ada, _ = upsert_contact(organization, {"email": "ada@example.net"}, source="api")
    upsert_contact(organization, {"email": "bob@example.net"}, source="api")
    commit_test_work()
    assert _new_contacts_tile(owner_client) == "2"
    delete_contact(ada)
    commit_test_work()
    assert _new_contacts_tile(owner_client) == "1"


def _new_contacts_tile(client):
    page = client.get("/").get_data(as_text=True)
    return re.search(r'stat-value">([^<]*)</div>\s*<div class="stat-label">New contacts<', page).group(1)


def test_deleting_a_contact_of_another_business_changes_nothing_here(organization, other_owner):
    history(organization)
    theirs, _ = upsert_contact(other_owner.organization, {"email": "zed@example.net"}, source="api")
    db.session.flush()
    mine = counts(organization.id)
    delete_contact(theirs)
    assert counts(organization.id) == mine
    assert not [row for row in counts(other_owner.organization_id) if row[0] == "contact.created"]
