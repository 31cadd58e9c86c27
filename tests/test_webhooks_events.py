"""What an integrator's endpoint receives when things happen in Nudge: contacts, email and SMS,
review requests and imports, each event with seed 001's payload shape."""
import re

from nudgeweb.contacts.operations import create_contact, delete_contact, subscribe, unsubscribe, update_contact
from nudgeweb.delivery import queue_message
from nudgeweb.delivery.events import record_event as record_message_event
from nudgeweb.imports.operations import start_import
from nudgeweb.models import Contact, db
from nudgeweb.reviews import operations as reviews
from nudgeweb.unit_of_work import unit_of_work
from tests.delivery_support import email_template, parts_of, sms_template, smtp, twilio  # noqa: F401
from tests.factories import ContactFactory
from tests.webhook_support import add_endpoint, allow_private_webhooks, receiver  # noqa: F401


def received(receiver, prefix=""):
    return [(e["type"], e["data"]) for e in receiver.events() if e["type"].startswith(prefix)]


def test_contact_changes_are_sent_as_they_happen(organization, receiver):
    add_endpoint(organization, receiver.url)
    with unit_of_work(organization.id):
        contact = create_contact(organization, {"email": "ann@example.com", "first_name": "Ann", "tags": ["vip"]})
    with unit_of_work(organization.id):
        contact = db.session.get(Contact, contact.id)
        update_contact(contact, {"first_name": "Anne"})
        unsubscribe(contact, reason="Too many emails")
    with unit_of_work(organization.id):
        contact = db.session.get(Contact, contact.id)
        subscribe(contact)
        contact_id = str(contact.id)
        delete_contact(contact)
    events = received(receiver, "contact.")
    assert [name for name, _ in events] == ["contact.created", "contact.updated", "contact.unsubscribed",
                                            "contact.subscribed", "contact.deleted"]
    created = events[0][1]
    assert created["contact_id"] == contact_id and created["email"] == "ann@example.com"
    assert created["first_name"] == "Ann" and created["tags"] == ["vip"] and created["timestamp"].endswith("Z")
    assert events[1][1]["first_name"] == "Anne" and events[1][1]["metadata"] == {"fields": ["first_name"]}
    assert events[2][1]["status"] == "unsubscribed" and events[2][1]["metadata"]["reason"] == "Too many emails"
    assert events[4][1]["contact_id"] == contact_id


def test_email_sent_opened_clicked_and_bounced(organization, receiver, smtp, client):
    add_endpoint(organization, receiver.url, events=["email.sent", "email.opened", "email.clicked", "email.bounced"])
    ada = ContactFactory(organization=organization, email="ada@example.net")
    with unit_of_work(organization.id):
        message = queue_message(ada, "email", email_template(organization), purpose="campaign")
    _, html = parts_of(smtp.sink.to("ada@example.net")[0])
    pixel = re.search(r'<img src="http://localhost(/t/o/[^"]+)"', html).group(1)
    link = re.search(r'href="http://localhost(/t/c/[^"]+)"', html).group(1)
    client.get(pixel, headers={"User-Agent": "Mail/1.0"})
    client.get(pixel)  # a second open is no news
    client.get(link)
    with unit_of_work(organization.id):
        record_message_event(db.session.get(type(message), message.id), "bounced", detail="550 mailbox full")
    events = received(receiver, "email.")
    assert [name for name, _ in events] == ["email.sent", "email.opened", "email.clicked", "email.bounced"]
    sent = events[0][1]
    assert sent["message_id"] == str(message.id) and sent["contact_id"] == str(ada.id)
    assert sent["email"] == "ada@example.net" and sent["campaign_id"] is None and sent["purpose"] == "campaign"
    assert events[1][1]["metadata"] == {"ip_address": "127.0.0.1", "user_agent": "Mail/1.0"}
    assert events[2][1]["metadata"]["url"].startswith("https://")
    assert events[3][1]["metadata"]["reason"] == "550 mailbox full"


def test_sms_sent(organization, receiver, twilio):
    add_endpoint(organization, receiver.url, events=["sms.sent"])
    bob = ContactFactory(organization=organization, phone="+12125550123", email=None)
    with unit_of_work(organization.id):
        queue_message(bob, "sms", sms_template(organization), purpose="campaign")
    [(name, data)] = received(receiver)
    assert name == "sms.sent" and data["phone"] == "+12125550123" and data["contact_id"] == str(bob.id)


def test_review_request_scheduled_rated_and_feedback(organization, receiver):
    add_endpoint(organization, receiver.url, events=["review_request.scheduled", "review_request.rated",
                                                     "feedback.received"])
    with unit_of_work(organization.id):
        request = reviews.create_review_request(organization, {"email": "cy@example.com"}, delay_hours=24)
    with unit_of_work(organization.id):
        request = db.session.get(type(request), request.id)
        reviews.rate(request, 2)
        reviews.leave_feedback(request, "The plumber was late.")
    events = received(receiver)
    assert [name for name, _ in events] == ["review_request.scheduled", "review_request.rated", "feedback.received"]
    assert {data["review_request_id"] for _, data in events} == {str(request.id)}
    assert events[0][1]["email"] == "cy@example.com" and events[1][1]["rating"] == 2
    assert events[2][1]["metadata"]["feedback"] == "The plumber was late."


def test_an_import_that_completes(organization, owner, receiver):
    add_endpoint(organization, receiver.url, events=["import.completed", "contact.created"])
    with unit_of_work(organization.id):
        start_import(organization, owner.user, b"email,tags\none@example.com,vip\ntwo@example.com,\nnot-an-email,\n",
                     "people.csv")
    created = sorted((data["email"], data["source"], data["tags"]) for _, data in received(receiver, "contact."))
    assert created == [("one@example.com", "import", ["vip"]), ("two@example.com", "import", [])]
    [(name, data)] = received(receiver, "import.")
    assert name == "import.completed" and data["filename"] == "people.csv"
    assert (data["total"], data["created"], data["failed"]) == (3, 2, 1)
