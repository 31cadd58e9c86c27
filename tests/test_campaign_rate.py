"""A send rate per organization: Settings → Sending sets messages a second across all its campaigns (SMS: one a
second by default, a Twilio long code's pace), campaigns sending together share it, and the progress bar's time
left follows it. Another business's big campaign never holds a small one back: the send queue (first in, first
out) is run task by task as a consumer would, and business B's five messages go out while business A's 10,000
have barely started."""
from datetime import datetime, timedelta

from sqlalchemy import func, insert, select

from nudgeweb.campaigns import sending
from nudgeweb.contacts.fields import contact_insert_values
from nudgeweb.models import Campaign, Contact, Message, db
from nudgeweb.unit_of_work import unit_of_work
from tests.delivery_support import smtp  # noqa: F401
from tests.factories import ContactFactory, OrganizationFactory
from tests.test_campaign_sending import business, make_campaign  # noqa: F401


def test_the_organizations_rate_is_shared_by_its_campaigns_and_drives_the_eta(business, owner_client):  # noqa: F811
    for n in range(10):
        ContactFactory(organization=business, email=f"r{n}@example.net")
    page = owner_client.post("/settings/sending", data={"email_backend": "default", "sms_backend": "default",
                                                        "email_rate": "-3", "sms_rate": ""})
    assert page.status_code == 422 and 'id="email_rate-error"' in page.text
    assert owner_client.post("/settings/sending", data={"email_backend": "default", "sms_backend": "default",
                                                        "email_rate": "2", "sms_rate": ""}).status_code == 302
    first = make_campaign(business, send_to_all=True)
    second = make_campaign(business, name="Autumn sale", send_to_all=True)
    texts = make_campaign(business, name="Texts", channel="sms", body="Hi", send_to_all=True, html_content="",
                          text_content="", subject="")
    with unit_of_work(business.id):
        first = db.session.get(Campaign, first.id)
        assert sending.rate_of(first) == 2.0
        db.session.get(Campaign, second.id).status = "sending"  # another campaign of it sends meanwhile
        db.session.flush()
        assert sending.rate_of(first) == 1.0  # they share the two a second
        assert sending.rate_of(db.session.get(Campaign, texts.id)) == 1.0  # SMS: a long code's one a second
        first.status, first.total_recipients = "sending", 10
    progress = owner_client.get(f"/campaigns/{first.id}/progress").text
    assert "about 10 seconds left" in progress  # ten to go at one a second


def bulk_contacts(organization, count):
    rows = [contact_insert_values(organization.id, {"email": f"big{n}@example.org", "first_name": "Big"}, "import")
            for n in range(count)]
    with unit_of_work(organization.id):
        db.session.execute(insert(Contact), rows)


def run_queue(huey, until, limit=400):
    """Run the queued tasks one by one, first in first out, and the scheduled ones when nothing else waits, as a
    consumer would, until ``until()``; returns how many tasks ran."""
    for ran in range(limit):
        if until():
            return ran
        task = huey.dequeue()
        tasks = [task] if task is not None else huey.read_schedule(datetime.now() + timedelta(days=1))
        assert tasks, "nothing left to run"
        for one in tasks:
            huey.execute(one)
    raise AssertionError("still not done")


def test_a_small_campaign_is_not_stuck_behind_another_businesss_big_one(app, smtp, huey_queue, business):  # noqa: F811
    app.config["SEND_BATCH_SIZE"] = 25
    other = OrganizationFactory(footer_address="9 Elm Road, Salem, OR 97301")
    db.session.commit()
    bulk_contacts(other, 10_000)
    for n in range(5):
        ContactFactory(organization=business, email=f"small{n}@example.net")
    big = make_campaign(other, name="Big sale", send_to_all=True)
    small = make_campaign(business, name="Small news", send_to_all=True)
    try:
        with unit_of_work(other.id):
            sending.start(db.session.get(Campaign, big.id), db.session.get(type(other), other.id))
        run_queue(huey_queue, until=lambda: len(smtp.sink.messages) >= 100)  # A is well under way
        with unit_of_work(business.id):
            sending.start(db.session.get(Campaign, small.id), db.session.get(type(business), business.id))

        def small_done():
            return len([m for m in smtp.sink.messages if m["To"].startswith("small")]) == 5

        run_queue(huey_queue, until=small_done)
        big_sent = len([m for m in smtp.sink.messages if m["To"].startswith("big")])
        assert big_sent < 300  # B waited for a few of A's batches at most, not for A's 10,000
        with unit_of_work(other.id):
            queued = db.session.scalar(select(func.count()).select_from(Message).where(Message.purpose_id == big.id))
        assert queued < 400  # A composes only a couple of batches ahead of what went out
    finally:
        app.config["SEND_BATCH_SIZE"] = 250
        with unit_of_work(other.id):
            sending.cancel(db.session.get(Campaign, big.id))
