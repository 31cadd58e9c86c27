"""SMS through the real twilio client against a stand-in for Twilio's API; receipts and replies by webhook."""
import pytest
from twilio.request_validator import RequestValidator

from nudgeweb.delivery import queue_message
from nudgeweb.models import ContactActivity, Message, MessageEvent, db
from nudgeweb.unit_of_work import unit_of_work
from tests.delivery_support import sms_template, twilio  # noqa: F401
from tests.factories import ContactFactory

TOKEN = "twilio-secret-token"


@pytest.fixture
def grace(organization):
    return ContactFactory(organization=organization, email=None, phone="+15551230001", first_name="Grace")


def signed_post(client, path, form, token=TOKEN):
    signature = RequestValidator(token).compute_signature(f"http://localhost{path}", form)
    return client.post(path, data=form, headers={"X-Twilio-Signature": signature})


def test_sms_goes_through_twilio_with_a_status_callback(twilio, organization, grace):
    with unit_of_work(organization.id):
        message = queue_message(grace, "sms", sms_template(organization), purpose="review_request")
    assert (message.status, message.backend, message.provider_id) == ("sent", "twilio", f"SM{1:032x}")
    [request] = twilio.requests
    assert request["path"] == f"/2010-04-01/Accounts/AC{'1' * 32}/Messages.json"
    assert request["auth"].startswith("Basic ")
    form = request["form"]
    assert form["To"] == "+15551230001" and form["From"] == "+15550001111"
    assert form["Body"] == "Hi Grace, your table is ready at Acme Plumbing. Reply STOP to opt out."
    assert form["StatusCallback"] == f"http://localhost/hooks/twilio/{organization.id.hex}/status"


@pytest.mark.parametrize("status, code, outcome", [
    (400, 21211, "bounced"),     # not a valid phone number: never retried
    (400, 21610, "failed"),      # the recipient replied STOP to Twilio: never retried
    (429, 20429, "queued"),      # too many requests: tried again later
    (500, 20500, "queued"),      # Twilio's trouble: tried again later
])
def test_twilio_error_answers(twilio, organization, grace, status, code, outcome):
    twilio.answers.append((status, {"code": code, "message": f"Error {code}", "status": status, "more_info": ""}))
    with unit_of_work(organization.id):
        message = queue_message(grace, "sms", sms_template(organization), purpose="campaign")
    assert message.status == outcome
    assert f"code {code}" in message.error


def test_status_callback_marks_delivered_and_checks_the_signature(twilio, organization, grace, client):
    with unit_of_work(organization.id):
        message = queue_message(grace, "sms", sms_template(organization), purpose="review_request")
    path = f"/hooks/twilio/{organization.id.hex}/status"
    form = {"MessageSid": message.provider_id, "MessageStatus": "delivered", "AccountSid": "AC" + "1" * 32}
    assert client.post(path, data=form, headers={"X-Twilio-Signature": "forged"}).status_code == 403
    assert signed_post(client, path, form, token="another-token").status_code == 403
    assert signed_post(client, path, form).status_code == 204
    db.session.refresh(message)
    assert message.status == "delivered" and message.delivered_at
    failed = {"MessageSid": message.provider_id, "MessageStatus": "undelivered", "ErrorCode": "30003"}
    signed_post(client, path, failed)
    db.session.refresh(message)
    assert message.status == "bounced" and "30003" in message.error


def test_replies_stop_start_and_help(twilio, organization, grace, client):
    with unit_of_work(organization.id):
        queue_message(grace, "sms", sms_template(organization), purpose="review_request")
    path = f"/hooks/twilio/{organization.id.hex}/inbound"
    assert client.post(path, data={"From": grace.phone, "Body": "STOP"}).status_code == 403

    answer = signed_post(client, path, {"From": grace.phone, "Body": "Stop", "To": "+15550001111"})
    assert answer.status_code == 200 and "<Response><Message>" in answer.text
    db.session.refresh(grace)
    assert grace.status == "unsubscribed"
    assert db.session.scalar(db.select(MessageEvent.type).where(MessageEvent.type == "unsubscribed"))
    assert queue_message(grace, "sms", sms_template(organization, name="Again"), purpose="campaign").status == "failed"

    assert "subscribed again" in signed_post(client, path, {"From": grace.phone, "Body": "START"}).text
    db.session.refresh(grace)
    assert grace.status == "subscribed"
    assert "reply STOP to unsubscribe" in signed_post(client, path, {"From": grace.phone, "Body": "help"}).text
    signed_post(client, path, {"From": grace.phone, "Body": "See you at 7!"})
    kinds = db.session.scalars(db.select(ContactActivity.summary).where(ContactActivity.kind == "sms.received")).all()
    assert kinds == ["Replied by SMS: See you at 7!"]


def test_without_twilio_sms_stays_in_the_outbox(organization, grace):
    with unit_of_work(organization.id):
        message = queue_message(grace, "sms", sms_template(organization), purpose="review_request", marketing=False)
    assert (message.status, message.backend) == ("sent", "outbox")
    assert db.session.get(Message, message.id).text == "Hi Grace, your table is ready at Acme Plumbing."
