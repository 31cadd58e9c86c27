"""Each trigger enters the contacts it names, into its own organization's automations only: a contact
created or subscribed (to any list or one list), a tag, a custom event through the Events API with
property conditions, a review request clicked or rated 2 stars or fewer, a birthday at the business's
local time; and seed 001's Abandoned Cart Recovery run to its end."""
import io
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from nudgeweb import clock
from nudgeweb.automations import engine
from nudgeweb.automations.tasks import date_triggers
from nudgeweb.campaigns.lists import add_members, create_list
from nudgeweb.contacts.operations import create_contact, subscribe, unsubscribe, update_contact
from nudgeweb.extensions import db
from nudgeweb.models import Contact
from nudgeweb.models.messages import Message
from nudgeweb.reviews import operations as reviews
from nudgeweb.unit_of_work import unit_of_work
from tests.api_helpers import key_headers, make_key
from tests.automations_support import enrolments, make_automation, tags_of
from tests.delivery_support import email_template
from tests.factories import ContactFactory
from tests.reviews_support import NOW, frozen_clock, give_review_link, travel_and_run  # noqa: F401

TAG = [{"id": "tag", "type": "add_tag", "tag": "entered"}]


def entered(automation):
    return sorted(str(e.contact_id) for e in enrolments(automation))


def test_a_new_contact_enters_contact_created_and_a_subscription_enters_contact_subscribed(organization):
    created = make_automation(organization, TAG, {"type": "contact_created"})
    subscribed = make_automation(organization, TAG, {"type": "contact_subscribed"}, entry_rule="every_time")
    with unit_of_work(organization.id):
        contact = create_contact(organization, {"email": "new@example.com", "first_name": "New"})
    assert entered(created) == entered(subscribed) == [str(contact.id)]
    assert tags_of(contact) == ["entered"]
    with unit_of_work(organization.id):
        unsubscribe(db.session.get(Contact, contact.id))
    with unit_of_work(organization.id):
        subscribe(db.session.get(Contact, contact.id), reason="asked again")
    assert len(enrolments(subscribed)) == 2 and len(enrolments(created)) == 1


def test_joining_a_list_enters_that_lists_automation_only(organization):
    with unit_of_work(organization.id):
        news, offers = create_list(organization.id, {"name": "News"}), create_list(organization.id, {"name": "Offers"})
    news_welcome = make_automation(organization, TAG, {"type": "contact_subscribed", "conditions": {"list_id": str(news.id)}})
    offers_welcome = make_automation(organization, TAG, {"type": "contact_subscribed",
                                                         "conditions": {"list_id": f"lst_{offers.id.hex}"}})
    contacts = [ContactFactory(organization=organization) for _ in range(2)]
    with unit_of_work(organization.id):
        add_members(db.session.get(type(news), news.id), [contact.id for contact in contacts])
    assert entered(news_welcome) == sorted(str(contact.id) for contact in contacts)
    assert entered(offers_welcome) == []


def test_a_tag_added_enters_the_automation_of_that_tag(organization):
    vip = make_automation(organization, TAG, {"type": "tag_added", "conditions": {"tag": "VIP"}})
    contact, other = ContactFactory(organization=organization), ContactFactory(organization=organization)
    with unit_of_work(organization.id):
        update_contact(db.session.get(Contact, contact.id), {"tags": ["vip", "newsletter"]})
        update_contact(db.session.get(Contact, other.id), {"tags": ["newsletter"]})
    assert entered(vip) == [str(contact.id)]


def test_custom_events_through_the_batch_api_enter_by_name_and_property_conditions(client, owner, organization):
    big_carts = make_automation(organization, TAG, {"type": "custom_event", "event_name": "cart_abandoned",
                                                    "conditions": {"properties": {"total": {"gte": 100},
                                                                                  "currency": "usd"}}})
    events = [{"name": "cart_abandoned", "email": "big@example.com", "properties": {"total": 150, "currency": "USD"}},
              {"name": "cart_abandoned", "email": "small@example.com", "properties": {"total": 50, "currency": "USD"}},
              {"name": "page_viewed", "email": "viewer@example.com", "properties": {"total": 500, "currency": "USD"}}]
    response = client.post("/api/v1/events/batch", json={"events": events}, headers=key_headers(make_key(owner)))
    assert response.status_code == 201, response.get_json()
    big = db.session.scalar(select(Contact).where(Contact.email == "big@example.com"))
    assert entered(big_carts) == [str(big.id)]
    assert enrolments(big_carts)[0].data == {"trigger": "custom_event", "event": "cart_abandoned",
                                             "properties": {"total": 150, "currency": "USD"}}


def test_a_review_rated_two_stars_or_fewer_tells_the_team_and_a_click_enters_review_clicked(organization, owner):
    give_review_link(organization)
    unhappy = make_automation(organization, [{"id": "tell", "type": "notify_team", "subject": "Low rating"}],
                              {"type": "review_rated", "conditions": {"rating": {"lte": 2}}})
    clicked = make_automation(organization, TAG, {"type": "review_clicked"})
    with unit_of_work(organization.id):
        low = reviews.create_review_request(organization, {"email": "low@example.com"}, 0)
        high = reviews.create_review_request(organization, {"email": "high@example.com"}, 0)
    with unit_of_work(organization.id):
        reviews.rate(db.session.get(type(low), low.id), 1)
        reviews.rate(db.session.get(type(high), high.id), 4)
    assert entered(unhappy) == [str(low.contact_id)]
    notices = db.session.scalars(select(Message).where(Message.purpose == "automation_notice")).all()
    assert [(m.subject, m.to) for m in notices] == [("Low rating", owner.user.email)]
    with unit_of_work(organization.id):
        reviews.site_clicked(db.session.get(type(high), high.id), 0)
    assert entered(clicked) == [str(high.contact_id)]


def test_a_birthday_enters_once_on_the_day_at_the_local_time(organization):
    zone = ZoneInfo("America/New_York")  # the business's zone
    morning = datetime(2027, 5, 17, 8, 59, tzinfo=zone)
    birthdays = make_automation(organization, TAG, {"type": "date", "conditions": {"field": "birthday", "time": "09:00"}},
                                entry_rule="every_time")
    today = ContactFactory(organization=organization, custom_fields={"birthday": "1990-05-17"})
    ContactFactory(organization=organization, custom_fields={"birthday": "1990-05-18"})
    ContactFactory(organization=organization)

    clock.travel_to(morning)
    assert date_triggers.call_local() == 0
    clock.travel_to(morning + timedelta(minutes=6))
    assert date_triggers.call_local() == 1
    clock.travel_to(morning + timedelta(hours=3))
    date_triggers.call_local()  # later the same day: not again
    assert entered(birthdays) == [str(today.id)] and tags_of(today) == ["entered"]
    clock.travel_to(morning.replace(year=2028) + timedelta(minutes=6))  # a year later: again
    date_triggers.call_local()
    assert len(enrolments(birthdays)) == 2


def test_another_organizations_events_never_enter_this_organizations_automations(organization, other_owner):
    theirs = other_owner.organization
    ours = make_automation(organization, TAG, {"type": "tag_added", "conditions": {"tag": "vip"}})
    also_ours = make_automation(organization, TAG, {"type": "contact_created"})
    with unit_of_work(theirs.id):
        contact = create_contact(theirs, {"email": "theirs@example.com", "tags": ["vip"]})
    assert enrolments(ours) == enrolments(also_ours) == []
    assert contact.organization_id == theirs.id


def test_seed_001_abandoned_cart_recovery_runs_to_its_end(client, owner, organization):
    recovery, discount = email_template(organization, name="Cart recovery"), email_template(organization, name="Discount")
    automation = make_automation(organization, [
        {"type": "wait", "delay": "1 hour"},
        {"type": "send_email", "template_id": str(recovery.id), "subject": "You left something behind!"},
        {"type": "condition", "if": {"event": "purchase_completed"}, "then": "exit", "else": "continue"},
        {"type": "wait", "delay": "24 hours"},
        {"type": "send_email", "template_id": str(discount.id), "subject": "10% off your cart items!"}],
        {"type": "custom_event", "event_name": "cart_abandoned"}, name="Abandoned Cart Recovery")
    headers = key_headers(make_key(owner))
    for email in ("buyer@example.com", "leaver@example.com"):
        assert client.post("/api/v1/events", json={"name": "cart_abandoned", "email": email}, headers=headers).status_code == 201
    travel_and_run(NOW + timedelta(minutes=30))
    client.post("/api/v1/events", json={"name": "purchase_completed", "email": "buyer@example.com"}, headers=headers)
    travel_and_run(NOW + timedelta(hours=1, seconds=2))
    travel_and_run(NOW + timedelta(hours=25, seconds=4))

    sent = db.session.execute(select(Message.to, Message.subject).where(Message.purpose_id == automation.id)
                              .order_by(Message.created_at)).all()
    assert sorted(sent) == [("buyer@example.com", "You left something behind!"),  # the buyer: one, then out
                            ("leaver@example.com", "10% off your cart items!"),
                            ("leaver@example.com", "You left something behind!")]
    assert engine.stats(automation) == {"total_enrolled": 2, "currently_active": 0, "completed": 2, "stopped": 0}


def test_an_import_enters_its_contacts_into_automations_only_when_it_says_trigger_automations(client, owner,
                                                                                             organization):
    with unit_of_work(organization.id):
        members = create_list(organization.id, {"name": "Members"})
    created = make_automation(organization, TAG, {"type": "contact_created"})
    joined = make_automation(organization, TAG, {"type": "contact_subscribed", "conditions": {"list_id": str(members.id)}})
    headers = key_headers(make_key(owner))
    for n, flag in enumerate(("false", "true")):
        csv = f"email,first_name\nimported{n}@example.com,Imp{n}\n".encode()
        data = {"file": (io.BytesIO(csv), "people.csv"), "trigger_automations": flag}
        answer = client.post("/api/v1/contacts/import", headers=headers, data=data, content_type="multipart/form-data")
        assert answer.status_code == 202 and answer.json["data"]["attributes"]["trigger_automations"] == (flag == "true")
        with unit_of_work(organization.id):  # (the import's list, as the wizard sets it)
            contact = db.session.scalar(select(Contact).where(Contact.email == f"imported{n}@example.com"))
            add_members(db.session.get(type(members), members.id), [contact.id], announce=flag == "true")
    second = db.session.scalar(select(Contact.id).where(Contact.email == "imported1@example.com"))
    assert entered(created) == entered(joined) == [str(second)]
    bad = client.post("/api/v1/contacts/import", headers=headers, content_type="multipart/form-data",
                      data={"file": (io.BytesIO(b"email\nx@example.com\n"), "p.csv"), "trigger_automations": "perhaps"})
    assert bad.status_code == 422 and "trigger_automations" in bad.get_data(as_text=True)


@pytest.mark.parametrize("ticked", [True, False])
def test_the_import_wizard_box_starts_automations_for_every_contact_it_adds(owner_client, owner, organization, ticked):
    from nudgeweb.imports import operations as imports

    imports.start_import(organization, owner.user, b"Name,Email,Phone\nAda Lovelace,ada@x.com,4155550101\n", "first.csv")
    created = make_automation(organization, TAG, {"type": "contact_created"})
    # Ada's phone with another email is another person's row: a new contact (without the phone) made by the
    # row-by-row path (not the bulk insert); Ada's own row updates her; Grace is new in the bulk insert
    again = "Name,Email,Phone\nAda King,ada.king@x.com,4155550101\nAda Byron,ada@x.com,\nGrace Hopper,grace@x.com,\n"
    upload = owner_client.post("/contacts/import", data={"file": (io.BytesIO(again.encode()), "again.csv")},
                               content_type="multipart/form-data")
    mapping = owner_client.get(upload.headers["Location"]).get_data(as_text=True)
    assert "Start automations for the contacts this import adds" in mapping
    assert re.search(r'<input id="trigger_automations" name="trigger_automations" type="checkbox" value="y">', mapping)
    form = {"column-0": "name", "column-1": "email", "column-2": "phone", "update_existing": "y"}
    answer = owner_client.post(upload.headers["Location"], data={**form, **({"trigger_automations": "y"} if ticked else {})})
    assert answer.status_code == 303
    people = {c.email: str(c.id) for c in db.session.scalars(select(Contact)).all()}
    assert set(people) == {"ada.king@x.com", "ada@x.com", "grace@x.com"}
    assert entered(created) == (sorted([people["ada.king@x.com"], people["grace@x.com"]]) if ticked else [])
