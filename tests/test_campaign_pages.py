"""The campaign pages over HTTP: the list and its tabs, the editor's steps with their live preview and count,
a test to yourself, the review's deliberate confirmation, progress, pause/resume/cancel, the report, the people
CSV, lists on a contact's page and the contacts bulk action, isolation."""
import re
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select

from nudgeweb.campaigns import lists, operations, sending
from nudgeweb.models import Campaign, ContactList, ListMembership, Message, MessageEvent, db, new_id, utcnow
from nudgeweb.unit_of_work import unit_of_work
from tests.conftest import shown
from tests.delivery_support import smtp  # noqa: F401
from tests.factories import ContactFactory


@pytest.fixture
def business(organization):
    organization.footer_address = "12 Harbour Street, Portland, ME 04101"
    db.session.commit()
    return organization


def new_campaign(owner_client):
    answer = owner_client.post("/campaigns/new?channel=email")
    assert answer.status_code == 303
    return answer.headers["Location"].split("/")[2]


def test_writing_and_sending_a_campaign_step_by_step(owner_client, business, smtp, owner):
    for n in range(3):
        ContactFactory(organization=business, email=f"fan{n}@example.net", first_name=f"Fan{n}")
    ContactFactory(organization=business, email="gone@example.net", status="unsubscribed")
    assert "No campaigns yet" in owner_client.get("/campaigns").text
    campaign_id = new_campaign(owner_client)
    content = owner_client.post(f"/campaigns/{campaign_id}/edit/content", data={
        "name": "Spring news", "subject": "Hi {{ first_name }}", "html_content": "<p>Hello {{ first_name }}</p>"})
    assert content.status_code == 303 and content.headers["Location"].endswith("/edit/audience")
    preview = owner_client.post(f"/campaigns/{campaign_id}/preview", data={"subject": "Hi {{ frist_name }}"})
    assert "Subject:" in preview.text and "frist_name" in preview.text  # the mistake, shown at once
    count = owner_client.post(f"/campaigns/{campaign_id}/audience-count", data={"send_to_all": "y"})
    assert re.search(r'data-testid="will-send">3<', count.text) and "1 unsubscribed" in count.text
    assert owner_client.post(f"/campaigns/{campaign_id}/edit/audience", data={"send_to_all": "y"}).status_code == 303
    assert owner_client.post(f"/campaigns/{campaign_id}/edit/sender", data={
        "from_name": "Acme news", "track_opens": "y", "track_clicks": "y"}).status_code == 303
    assert owner_client.post(f"/campaigns/{campaign_id}/edit/schedule", data={
        "when": "now", "timezone": "America/New_York"}).status_code == 303
    test = owner_client.post(f"/campaigns/{campaign_id}/test", data={"recipients": owner.user.email})
    assert "The test is on its way" in test.text
    assert smtp.sink.to(owner.user.email)[0]["Subject"] == "[Test] Hi Jamie"
    review = owner_client.get(f"/campaigns/{campaign_id}/edit/review")
    assert 'data-testid="review-count">3<' in review.text and "Hello Fan" in review.text
    unconfirmed = owner_client.post(f"/campaigns/{campaign_id}/send", data={})
    assert unconfirmed.status_code == 422 and "Tick the box" in unconfirmed.text
    assert not [m for m in smtp.sink.messages if m["To"].startswith("fan")]
    sent = owner_client.post(f"/campaigns/{campaign_id}/send", data={"confirm": "y"})
    assert sent.status_code == 303
    assert sorted(m["To"] for m in smtp.sink.messages if m["To"].startswith("fan")) == [
        "fan0@example.net", "fan1@example.net", "fan2@example.net"]
    assert smtp.sink.to("fan1@example.net")[0]["From"].startswith("Acme news")
    page = owner_client.get(f"/campaigns/{campaign_id}")
    assert "Report" in page.text and 'data-metric="delivered">100.0%' in page.text
    assert "Spring news" in owner_client.get("/campaigns?status=sent").text
    assert "Spring news" not in owner_client.get("/campaigns?status=draft").text
    csv = owner_client.get(f"/campaigns/{campaign_id}/people.csv?kind=opened")
    assert csv.status_code == 200 and csv.text.startswith("first_name,last_name,address,opened_at")
    assert owner_client.post(f"/campaigns/{campaign_id}/delete").status_code == 303
    assert db.session.get(Campaign, uuid.UUID(campaign_id)) is not None  # a sent one stays


def test_the_review_says_what_is_missing(owner_client, organization):
    campaign_id = new_campaign(owner_client)
    review = owner_client.get(f"/campaigns/{campaign_id}/edit/review")
    for field in ("footer_address", "subject", "html_content", "audience"):
        assert f'data-field="{field}"' in review.text
    refused = owner_client.post(f"/campaigns/{campaign_id}/edit/schedule", data={
        "when": "later", "scheduled_at": "2020-01-01T09:00", "timezone": "America/New_York"})
    assert refused.status_code == 422 and "This time has passed" in refused.text


def test_progress_pause_resume_and_cancel_from_the_page(owner_client, business, smtp):
    for n in range(3):
        ContactFactory(organization=business, email=f"slow{n}@example.net")
    campaign_id = new_campaign(owner_client)
    with unit_of_work(business.id):
        campaign = db.session.get(Campaign, uuid.UUID(campaign_id))
        operations.update_campaign(campaign, {"subject": "Hi", "text_content": "Hello", "send_to_all": True,
                                              "send_rate": 0.1})
        sending.start(campaign, business)
    progress = owner_client.get(f"/campaigns/{campaign_id}/progress")
    assert 'data-testid="progress-sent">1<' in progress.text and "of 3 handed over to the mail server" in progress.text
    assert "Pause" in progress.text
    owner_client.post(f"/campaigns/{campaign_id}/pause")
    assert "Resume" in owner_client.get(f"/campaigns/{campaign_id}").text
    owner_client.post(f"/campaigns/{campaign_id}/resume")
    assert len(smtp.sink.messages) == 2
    owner_client.post(f"/campaigns/{campaign_id}/cancel")
    assert "Cancelled" in owner_client.get(f"/campaigns/{campaign_id}").text


def test_the_report_chart_with_its_numbers_a_csv_and_an_empty_state(owner_client, business):
    for n in range(3):
        ContactFactory(organization=business, email=f"reader{n}@example.net")
    with unit_of_work(business.id):
        campaign = operations.create_campaign(business, {"name": "Autumn", "subject": "Hi", "send_to_all": True,
                                                         "html_content": '<p><a href="https://x.example">see</a></p>'})
        sending.start(campaign, business)
    page = owner_client.get(f"/campaigns/{campaign.id}").text
    assert "Nobody has opened it yet; the chart fills in as they do." in page
    assert "timeline.csv" not in page and "plotly" not in page  # no chart to draw, no numbers to download
    hour = campaign.started_at.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    messages = db.session.scalars(select(Message).where(Message.purpose == "campaign")).all()
    for message, kinds in zip(messages, (("opened", "clicked"), ("opened",))):
        for kind in kinds:
            db.session.add(MessageEvent(id=new_id(), organization_id=business.id, message_id=message.id, type=kind,
                                        occurred_at=hour + timedelta(minutes=10)))
    db.session.commit()
    page = owner_client.get(f"/campaigns/{campaign.id}").text
    assert 'id="chart-timeline"' in page and "data-chart" in page and "Show the numbers" in page
    assert f"Since it was sent: opens 2, clicks 1; the most opens (2) were at {hour:%b %-d %H:%M} UTC." in page
    csv = owner_client.get(f"/campaigns/{campaign.id}/timeline.csv")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    assert csv.text.splitlines()[0] == "Time (UTC),Opens,Clicks" and f"{hour:%b %-d %H:%M},2,1" in csv.text.splitlines()


def test_unschedule_then_delete_from_the_page(owner_client, business):
    ContactFactory(organization=business, email="later@example.net")
    campaign_id = new_campaign(owner_client)
    with unit_of_work(business.id):
        campaign = db.session.get(Campaign, uuid.UUID(campaign_id))
        operations.update_campaign(campaign, {"subject": "Hi", "text_content": "Hello", "send_to_all": True})
        operations.schedule(campaign, business, utcnow() + timedelta(days=2))
    refused = owner_client.post(f"/campaigns/{campaign_id}/delete")  # a scheduled one is not deleted
    assert refused.headers["Location"] == f"/campaigns/{campaign_id}"
    assert "cancel it first" in owner_client.get(refused.headers["Location"]).text
    answer = owner_client.post(f"/campaigns/{campaign_id}/unschedule")
    assert answer.status_code == 303 and answer.headers["Location"] == f"/campaigns/{campaign_id}/edit/content"
    assert "is a draft again" in owner_client.get(answer.headers["Location"]).text
    deleted = owner_client.post(f"/campaigns/{campaign_id}/delete")
    assert deleted.status_code == 303 and deleted.headers["Location"] == "/campaigns"
    assert "is deleted" in owner_client.get("/campaigns").text
    assert db.session.get(Campaign, uuid.UUID(campaign_id), populate_existing=True) is None


def test_another_organization_sees_none_of_it(owner_client, other_client, organization):
    campaign_id = new_campaign(owner_client)
    for path in (f"/campaigns/{campaign_id}", f"/campaigns/{campaign_id}/edit/content",
                 f"/campaigns/{campaign_id}/progress", f"/campaigns/{campaign_id}/people.csv",
                 f"/campaigns/{campaign_id}/timeline.csv"):
        assert other_client.get(path).status_code == 404
    assert other_client.post(f"/campaigns/{campaign_id}/duplicate").status_code == 404
    assert "New email campaign" not in other_client.get("/campaigns").text.split("No campaigns yet")[0].split("<section")[-1]


def test_lists_from_their_page_a_contacts_page_and_the_bulk_action(owner_client, organization, smtp):
    made = owner_client.post("/campaigns/lists", data={"name": "Newsletter"})
    assert made.status_code == 303
    assert owner_client.post("/campaigns/lists", data={"name": "newsletter"}).status_code == 422  # taken
    owner_client.post("/campaigns/lists", data={"name": "Careful", "double_opt_in": "y"})
    newsletter, careful = (db.session.scalar(select(ContactList).where(ContactList.name == name))
                           for name in ("Newsletter", "Careful"))
    people = [ContactFactory(organization=organization, email=f"b{n}@example.net") for n in range(3)]
    page = owner_client.get(f"/contacts/{people[0].id}")
    assert "Not in any list." in page.text and "Add to list" in page.text
    owner_client.post(f"/campaigns/lists/join/{people[0].id}", data={"list_id": str(careful.id)})
    assert "Waiting to confirm" in owner_client.get(f"/contacts/{people[0].id}").text
    assert len(smtp.sink.to("b0@example.net")) == 1
    owner_client.post(f"/campaigns/lists/{careful.id}/leave/{people[0].id}")
    assert "Not in any list." in owner_client.get(f"/contacts/{people[0].id}").text
    bulk = owner_client.post("/contacts/bulk", data={"action": "list_add", "list_id": str(newsletter.id),
                                                     "ids": [str(person.id) for person in people[:2]]})
    assert bulk.status_code == 303
    assert sorted(db.session.scalars(select(ListMembership.contact_id).where(
        ListMembership.list_id == newsletter.id))) == sorted(person.id for person in people[:2])
    listed = shown(owner_client.get(f"/contacts?list_id={newsletter.id}"))
    assert "b0@example.net" in listed and "b2@example.net" not in listed
    assert "Newsletter" in owner_client.get("/campaigns/lists").text
    owner_client.post(f"/campaigns/lists/{newsletter.id}/delete")
    assert db.session.scalar(select(ContactList.id).where(ContactList.id == newsletter.id)) is None


def test_another_organizations_list_is_out_of_reach(other_client, organization):
    with unit_of_work(organization.id):
        mine = lists.create_list(organization.id, {"name": "Mine"})
    person = ContactFactory(organization=organization)
    assert other_client.post(f"/campaigns/lists/{mine.id}/delete").status_code == 404
    assert other_client.post(f"/campaigns/lists/join/{person.id}", data={"list_id": str(mine.id)}).status_code == 404
    assert "Mine" not in other_client.get("/campaigns/lists").text


def test_importing_into_a_list(owner_client, organization):
    from tests.test_imports import import_id_of, upload

    with unit_of_work(organization.id):
        newsletter = lists.create_list(organization.id, {"name": "Newsletter"})
    ContactFactory(organization=organization, email="known@x.com")
    import_id = import_id_of(upload(owner_client, "email,first name\nknown@x.com,Kay\nnew@x.com,Nia\n"))
    mapping = owner_client.get(f"/contacts/import/{import_id}").text
    assert "Add them to a list" in mapping and "Newsletter" in mapping
    owner_client.post(f"/contacts/import/{import_id}", data={"column-0": "email", "column-1": "first_name",
                                                             "update_existing": "y", "list_id": str(newsletter.id)})
    listed = shown(owner_client.get(f"/contacts?list_id={newsletter.id}"))
    assert "known@x.com" in listed and "new@x.com" in listed


def test_the_demo_business_has_lists_and_campaigns_with_engagement(runner, app_ctx):
    from nudgeweb.campaigns import report

    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert sorted(db.session.scalars(select(Campaign.status))) == ["draft", "scheduled", "sent", "sent", "sent"]
    assert db.session.scalar(select(db.func.count()).select_from(ContactList)) == 2
    sent = db.session.scalars(select(Campaign).where(Campaign.status == "sent")).first()
    figures = report.metrics(sent)
    assert figures["opened"] > 0 and figures["clicked"] > 0 and 0 < figures["open_rate"] < 1


def test_the_business_profile_takes_a_footer_address(owner_client, organization):
    form = {"name": organization.name, "timezone": "America/New_York", "default_country": "US",
            "brand_color": "#4f46e5"}
    saved = owner_client.post("/settings/", data={**form, "footer_address": "  12 Harbour Street, Portland  "})
    assert saved.status_code == 302
    db.session.refresh(organization)
    assert organization.footer_address == "12 Harbour Street, Portland"
    too_long = owner_client.post("/settings/", data={**form, "footer_address": "x" * 501})
    assert too_long.status_code == 422 and "limited to 500 characters" in too_long.text


def test_the_time_zone_is_typed_from_the_searchable_list(owner_client, organization):
    campaign_id = new_campaign(owner_client)
    page = owner_client.get(f"/campaigns/{campaign_id}/edit/schedule")
    assert 'list="time-zones"' in page.text and '<datalist id="time-zones">' in page.text
    assert '<select id="timezone"' not in page.text
    refused = owner_client.post(f"/campaigns/{campaign_id}/edit/schedule", data={
        "when": "later", "scheduled_at": "2099-01-01T09:00", "timezone": "Mars/Olympus"})
    assert refused.status_code == 422 and "Choose a time zone from the list" in refused.text
    taken = owner_client.post(f"/campaigns/{campaign_id}/edit/schedule", data={
        "when": "later", "scheduled_at": "2099-01-01T09:00", "timezone": "america/chicago"})
    assert taken.status_code in (200, 303)
    with unit_of_work(organization.id):
        assert db.session.get(Campaign, uuid.UUID(campaign_id)).timezone == "America/Chicago"
