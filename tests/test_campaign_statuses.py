"""A campaign says what really happened: "sent" only once every message was handed to the mail server (or
failed), "sending: N of M handed over" until then, and messages kept in the local outbox are said to be
kept there, not sent, on the list, the report and the API."""
from datetime import timedelta

from sqlalchemy import select, update

from nudgeweb.campaigns import sending
from nudgeweb.delivery import engine
from nudgeweb.delivery.configuration import save_sending_settings
from nudgeweb.models import Campaign, Message, db, utcnow
from nudgeweb.unit_of_work import unit_of_work
from tests.api_helpers import key_headers, make_key
from tests.delivery_support import quiet_now, smtp  # noqa: F401
from tests.factories import ContactFactory
from tests.test_campaign_sending import business, make_campaign, send_now  # noqa: F401


def status_everywhere(client, headers, campaign_id):
    """The status and stats as the API says them."""
    api = client.get(f"/api/v1/campaigns/{campaign_id}", headers=headers).json["data"]["attributes"]
    return api["status"], api["stats"]


def test_a_campaign_is_sent_only_once_every_message_is_handed_over(smtp, business, owner_client, owner):  # noqa: F811
    for n in range(3):
        ContactFactory(organization=business, email=f"night{n}@example.net", timezone="Asia/Tokyo")
    quiet_now(business, "email")  # every message waits for the end of quiet hours
    campaign = make_campaign(business, send_to_all=True)
    send_now(business, campaign)
    headers = key_headers(make_key(owner))

    assert smtp.sink.messages == []
    status, stats = status_everywhere(owner_client, headers, campaign.id)
    assert status == "sending" and stats["sent"] == 0
    page = owner_client.get(f"/campaigns/{campaign.id}").text
    assert 'data-testid="progress-sent">0<' in page and "of 3 handed over to the mail server" in page
    assert "Sending" in owner_client.get("/campaigns").text

    with unit_of_work(business.id):  # the night is over
        save_sending_settings(business.id, {"email_quiet_start": None, "email_quiet_end": None})
        db.session.execute(update(Message).values(send_at=utcnow() - timedelta(seconds=1)))
        ids = db.session.scalars(select(Message.id)).all()
    engine.send_claimed(business.id, ids)
    with unit_of_work(business.id):
        sending.send_batches(campaign.id)
    assert len(smtp.sink.messages) == 3
    status, stats = status_everywhere(owner_client, headers, campaign.id)
    assert status == "sent" and stats["sent"] == 3 and stats["kept_in_outbox"] == 0
    assert db.session.get(Campaign, campaign.id).sent_at is not None


def test_messages_kept_in_the_outbox_are_not_called_sent(app, business, owner_client, owner):  # noqa: F811
    assert app.config["MAIL_URL"] == ""  # no mail server: the local outbox
    for n in range(2):
        ContactFactory(organization=business, email=f"kept{n}@example.net")
    campaign = make_campaign(business, send_to_all=True)
    send_now(business, campaign)

    status, stats = status_everywhere(owner_client, key_headers(make_key(owner)), campaign.id)
    assert status == "sent" and stats["sent"] == 0 and stats["kept_in_outbox"] == 2 and stats["delivered"] == 0
    report = owner_client.get(f"/campaigns/{campaign.id}").text
    assert "2 messages were kept in the outbox: not delivered." in report
    assert "2 kept in the outbox: not delivered" in owner_client.get("/campaigns").text
