"""Campaigns through a real SMTP server: each recipient once with a working one-click unsubscribe, the
postal address in the footer, unsubscribes during sending honoured, pause/resume/cancel, lists with double
opt-in, time zones across a daylight-saving change, bad input at its field with nothing sent."""
import re
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from nudgeweb.campaigns import lists, operations, sending
from nudgeweb.campaigns.operations import CampaignError, CampaignStateError
from nudgeweb.contacts.operations import unsubscribe
from nudgeweb.models import Campaign, CampaignRecipient, Contact, ContactList, DomainEvent, Message, db, utcnow
from nudgeweb.unit_of_work import unit_of_work
from tests.delivery_support import parts_of, quiet_now, smtp, twilio  # noqa: F401
from tests.factories import ContactFactory, OrganizationFactory

HTML = '<html><body><p>Hi {{ first_name }}, <a href="https://shop.example/sale">the sale</a> is on.</p></body></html>'


@pytest.fixture
def business(organization):
    organization.footer_address = "12 Harbour Street, Portland, ME 04101"
    db.session.commit()
    return organization


def make_list(organization, people, name="Newsletter", double_opt_in=False):
    with unit_of_work(organization.id):
        contact_list = lists.create_list(organization.id, {"name": name, "double_opt_in": double_opt_in})
        lists.add_members(contact_list, [person.id for person in people])
    return contact_list


def make_campaign(organization, **data):
    values = {"name": "Summer sale", "subject": "Hello {{ first_name }}", "html_content": HTML,
              "text_content": "Hi {{ first_name }}, the sale is on: https://shop.example/sale"}
    values.update(data)
    with unit_of_work(organization.id):
        return operations.create_campaign(organization, values)


def send_now(organization, campaign):
    with unit_of_work(organization.id):
        sending.start(db.session.get(Campaign, campaign.id), organization)


def test_a_campaign_to_a_list_reaches_each_member_once_with_a_one_click_unsubscribe(smtp, business, client):
    members = [ContactFactory(organization=business, email=f"member{n}@example.net", first_name=f"M{n}")
               for n in range(6)]
    ContactFactory(organization=business, email="outsider@example.net")  # not in the list
    contact_list = make_list(business, members)
    campaign = make_campaign(business, recipient_list_id=str(contact_list.id),
                             settings={"google_analytics": True})
    send_now(business, campaign)

    received = sorted(m["To"] for m in smtp.sink.messages)
    assert received == sorted(f"member{n}@example.net" for n in range(6))
    message = smtp.sink.to("member3@example.net")[0]
    assert message["Subject"] == "Hello M3"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text, html = parts_of(message)
    assert "12 Harbour Street, Portland, ME 04101" in text and "12 Harbour Street" in html
    assert "utm_campaign=summer-sale" in text or "/t/c/" in html  # the link goes through tracking, tagged
    campaign_id = campaign.id
    db.session.remove()
    campaign = db.session.get(Campaign, campaign_id)
    assert campaign.status == "sent" and campaign.sent_at is not None and campaign.total_recipients == 6
    events = db.session.scalars(select(DomainEvent).where(DomainEvent.type == "campaign.completed")).all()
    assert [event.data["campaign_id"] for event in events] == [str(campaign.id)]

    url = re.search(r"<(http[^>]+)>", message["List-Unsubscribe"]).group(1)
    answer = client.post(url.replace(business_base(client), ""), data={"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200
    assert db.session.scalar(select(Contact.status).where(Contact.email == "member3@example.net")) == "unsubscribed"


def business_base(client):
    return client.application.config["BASE_URL"]


def test_a_contact_who_unsubscribes_while_it_sends_is_skipped(smtp, business, app):
    people = [ContactFactory(organization=business, email=f"p{n}@example.net") for n in range(5)]
    campaign = make_campaign(business, send_to_all=True, send_rate=0.1)  # one message per batch
    send_now(business, campaign)  # the first batch goes at once, the next is due in 5 s
    assert len(smtp.sink.messages) == 1
    later = sorted(people, key=lambda person: person.id)[-1]
    with unit_of_work(business.id):
        unsubscribe(db.session.get(Contact, later.id), reason="test")
    for _ in range(6):
        with unit_of_work(business.id):
            sending.send_batches(campaign.id)
    assert later.email not in [m["To"] for m in smtp.sink.messages]
    assert len(smtp.sink.messages) == 4
    skipped = db.session.scalar(select(CampaignRecipient).where(CampaignRecipient.contact_id == later.id))
    assert skipped.status == "skipped" and "unsubscribed" in skipped.skip_reason
    assert db.session.get(Campaign, campaign.id).status == "sent"


def test_pause_resume_and_cancel(smtp, business):
    for n in range(4):
        ContactFactory(organization=business, email=f"q{n}@example.net")
    campaign = make_campaign(business, send_to_all=True, send_rate=0.1)
    send_now(business, campaign)
    assert len(smtp.sink.messages) == 1
    with unit_of_work(business.id):
        sending.pause(db.session.get(Campaign, campaign.id))
    with unit_of_work(business.id):
        assert sending.send_batches(campaign.id) == 0  # a batch task that comes while paused does nothing
    assert len(smtp.sink.messages) == 1
    with unit_of_work(business.id):
        sending.resume(db.session.get(Campaign, campaign.id))  # asks for the next batch at once
    assert len(smtp.sink.messages) == 2
    with unit_of_work(business.id):
        sending.cancel(db.session.get(Campaign, campaign.id))
        assert sending.send_batches(campaign.id) == 0
    with pytest.raises(CampaignStateError):
        with unit_of_work(business.id):
            sending.resume(db.session.get(Campaign, campaign.id))
    assert len(smtp.sink.messages) == 2


def test_an_email_campaign_needs_a_footer_address_content_and_an_audience(smtp, organization):
    ContactFactory(organization=organization)
    campaign = make_campaign(organization, html_content="", text_content="")
    with pytest.raises(CampaignError) as refused:
        send_now(organization, campaign)
    assert set(refused.value.errors) == {"footer_address", "html_content", "audience"}
    assert db.session.scalar(select(Message.id)) is None and smtp.sink.messages == []


@pytest.mark.parametrize("data, field", [
    ({"html_content": "<p>{{ frist_name }}</p>"}, "html_content"),
    ({"channel": "sms", "body": "x" * 1600, "html_content": "", "text_content": "", "subject": ""}, "body"),
    ({"name": ""}, "name"),
    ({"reply_to": "not an address"}, "reply_to"),
    ({"recipient_list_id": "0190d1a2-0000-7000-8000-000000000000"}, "recipient_list_id"),
])
def test_bad_input_is_refused_at_its_field(business, data, field):
    with pytest.raises(CampaignError) as refused:
        make_campaign(business, **data)
    assert field in refused.value.errors


def test_a_list_of_another_organization_is_refused(business):
    other = OrganizationFactory()
    theirs = make_list(other, [ContactFactory(organization=other)], name="Theirs")
    with pytest.raises(CampaignError) as refused:
        make_campaign(business, recipient_list_id=str(theirs.id))
    assert refused.value.errors == {"recipient_list_id": f"No list with id {theirs.id}."}


def test_scheduling_in_new_york_across_the_dst_change(business):
    ContactFactory(organization=business)
    campaign = make_campaign(business, send_to_all=True)
    with unit_of_work(business.id):  # 9:00 in New York on 15 March 2027 is EDT (UTC-4); on 13 March EST (UTC-5)
        scheduled = operations.schedule(db.session.get(Campaign, campaign.id), business, "2027-03-15T09:00:00",
                                        "America/New_York")
        assert scheduled.scheduled_at == datetime(2027, 3, 15, 13, 0, tzinfo=timezone.utc)
        operations.unschedule(scheduled)
        again = operations.schedule(scheduled, business, "2027-03-13T09:00", "America/New_York")
        assert again.scheduled_at == datetime(2027, 3, 13, 14, 0, tzinfo=timezone.utc)
        assert again.status == "scheduled"
    with pytest.raises(CampaignError) as refused:
        with unit_of_work(business.id):
            operations.schedule(db.session.get(Campaign, campaign.id), business, "2020-01-01T09:00:00",
                                "America/New_York")
    assert "scheduled_at" in refused.value.errors


def test_a_scheduled_campaign_starts_at_its_time_and_editing_takes_it_back_to_draft(smtp, business):
    ContactFactory(organization=business, email="sched@example.net")
    campaign = make_campaign(business, send_to_all=True)
    with unit_of_work(business.id):
        operations.schedule(db.session.get(Campaign, campaign.id), business, utcnow() + timedelta(hours=2))
    with unit_of_work(business.id):
        assert sending.start_when_due(campaign.id) == "not yet"
        edited = operations.update_campaign(db.session.get(Campaign, campaign.id), {"subject": "New subject"})
        assert edited.status == "draft"
    with unit_of_work(business.id):
        assert sending.start_when_due(campaign.id, now=utcnow() + timedelta(hours=3)) == "not scheduled"
    with unit_of_work(business.id):
        operations.schedule(db.session.get(Campaign, campaign.id), business, utcnow() + timedelta(hours=2))
    with unit_of_work(business.id):
        assert sending.start_when_due(campaign.id, now=utcnow() + timedelta(hours=2, seconds=1)) == "started"
    assert [m["To"] for m in smtp.sink.messages] == ["sched@example.net"]


def test_double_opt_in_joins_only_on_confirmation(smtp, business, client):
    person = ContactFactory(organization=business, email="careful@example.net")
    contact_list = make_list(business, [person], name="VIP", double_opt_in=True)
    confirmation = smtp.sink.to("careful@example.net")
    assert len(confirmation) == 1 and "VIP" in confirmation[0]["Subject"]
    campaign = make_campaign(business, recipient_list_id=str(contact_list.id))
    with unit_of_work(business.id):
        assert sending.audiences.count(business.id, campaign.audience, "email")["will_send"] == 0
    link = re.search(r"(http\S+/u/lists/\S+)", parts_of(confirmation[0])[0]).group(1)
    stored = db.session.scalar(select(Message.text).where(Message.purpose == "list_confirmation"))
    assert "/u/lists/" not in stored  # the link exists only in the email that left
    page = client.get(link.replace(business_base(client), ""))
    assert page.status_code == 200 and "Join “VIP”?" in page.text
    with unit_of_work(business.id):  # opening the link (a mail scanner does) confirms nothing
        assert sending.audiences.count(business.id, campaign.audience, "email")["will_send"] == 0
    assert "You are on the list" in client.post(link.replace(business_base(client), "")).text
    with unit_of_work(business.id):
        assert sending.audiences.count(business.id, campaign.audience, "email")["will_send"] == 1
    assert client.get("/u/lists/not-a-token").status_code == 404


def test_audience_counts_say_who_is_skipped_and_why(business):
    ContactFactory(organization=business, tag_rows=[])
    ContactFactory(organization=business, status="unsubscribed")
    ContactFactory(organization=business, status="bounced")
    ContactFactory(organization=business, status="complained")
    ContactFactory(organization=business, email=None, phone="+15555550100")
    with unit_of_work(business.id):
        counts = sending.audiences.count(business.id, {"all": True}, "email")
    assert counts == {"total": 5, "will_send": 1, "unsubscribed": 1, "bounced": 1, "suppressed": 1, "no_address": 1}
    assert db.session.scalar(select(ContactList.id)) is None


def test_an_sms_campaign_goes_through_twilio_and_waits_out_quiet_hours(twilio, organization):
    people = [ContactFactory(organization=organization, email=None, phone=f"+1202555010{n}", timezone="Asia/Tokyo")
              for n in range(3)]
    with unit_of_work(organization.id):
        campaign = operations.create_campaign(organization, {
            "name": "Table ready", "channel": "sms", "body": "Hi {{ first_name }}, 2-for-1 pastries today!",
            "send_to_all": True})
    assert sending.rate_of(campaign) == 1.0  # Twilio's long codes: one a second by default
    send_now(organization, campaign)
    assert sorted(request["form"]["To"] for request in twilio.requests) == sorted(p.phone for p in people)
    assert all("Reply STOP to opt out." in request["form"]["Body"] for request in twilio.requests)

    ends = quiet_now(organization, "sms")
    with unit_of_work(organization.id):
        later = operations.duplicate(db.session.get(Campaign, campaign.id))
    send_now(organization, later)
    assert len(twilio.requests) == 3  # nothing more during quiet hours
    waiting = db.session.scalars(select(Message.send_at).where(Message.purpose_id == later.id)).all()
    assert len(waiting) == 3 and all(abs((when - ends).total_seconds()) < 60 for when in waiting)


def test_send_time_optimization_reaches_each_contact_at_the_time_in_their_own_zone(smtp, business):
    tokyo = ContactFactory(organization=business, email="tokyo@example.net", timezone="Asia/Tokyo")
    here = ContactFactory(organization=business, email="here@example.net")  # no zone: the campaign's
    campaign = make_campaign(business, send_to_all=True)
    with unit_of_work(business.id):
        scheduled = operations.schedule(db.session.get(Campaign, campaign.id), business, "2027-01-15T09:00:00",
                                        "America/New_York", send_time_optimization=True)
        first = operations.earliest_start(scheduled)
    assert first == datetime(2027, 1, 14, 19, 0, tzinfo=timezone.utc)  # 09:00 at UTC+14 comes first
    with unit_of_work(business.id):
        assert sending.start_when_due(campaign.id, now=first) == "started"
    send_at = dict(db.session.execute(select(Message.contact_id, Message.send_at)).all())
    assert send_at[tokyo.id] == datetime(2027, 1, 15, 0, 0, tzinfo=timezone.utc)  # 09:00 in Tokyo
    assert send_at[here.id] == datetime(2027, 1, 15, 14, 0, tzinfo=timezone.utc)  # 09:00 in New York
    assert smtp.sink.messages == []  # both wait for their time


def test_nothing_goes_out_before_the_owner_verifies_their_email(smtp, business, owner):
    from nudgeweb.auth.verification import EmailNotVerified

    owner.user.email_verified_at = None
    db.session.commit()
    ContactFactory(organization=business)
    campaign = make_campaign(business, send_to_all=True)
    with pytest.raises(EmailNotVerified):
        send_now(business, campaign)
    assert db.session.scalar(select(Campaign.status)) == "draft" and smtp.sink.messages == []


def test_the_report_timeline_is_hourly_for_two_days_then_daily(business):
    from nudgeweb.campaigns import report
    from nudgeweb.models import MessageEvent, new_id

    campaign = make_campaign(business, send_to_all=True)
    started = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)
    db.session.get(Campaign, campaign.id).started_at = started
    message = Message(organization_id=business.id, channel="email", purpose="campaign", purpose_id=campaign.id,
                      to="x@example.net", status="sent", sent_at=started)
    db.session.add(message)
    db.session.flush()
    for hours in (1, 1, 30, 100, 101):
        db.session.add(MessageEvent(id=new_id(), organization_id=business.id, message_id=message.id, type="opened",
                                    occurred_at=started + timedelta(hours=hours)))
    db.session.commit()
    points = [(point["timestamp"], point["opened"]) for point in report.timeline(db.session.get(Campaign, campaign.id))]
    assert points == [("2026-11-02T10:00:00Z", 2), ("2026-11-03T15:00:00Z", 1), ("2026-11-06T00:00:00Z", 2)]


def test_a_campaign_counts_only_what_its_settings_say(smtp, business):
    ContactFactory(organization=business, email="private@example.net")
    campaign = make_campaign(business, send_to_all=True, settings={"track_opens": False, "track_clicks": True})
    send_now(business, campaign)
    _, html = parts_of(smtp.sink.to("private@example.net")[0])
    assert "/t/c/" in html and "/t/o/" not in html  # links counted, no open pixel


def test_the_campaigns_reply_to_is_on_its_emails(smtp, business):
    ContactFactory(organization=business, email="asks@example.net")
    send_now(business, make_campaign(business, send_to_all=True, reply_to="help@acme.example"))
    assert smtp.sink.to("asks@example.net")[0]["Reply-To"] == "help@acme.example"
