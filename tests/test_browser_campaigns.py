"""Campaigns in a real Chromium, at desktop and phone sizes: the wizard from an empty page to a sent campaign
(live preview, live count, a deliberate confirmation), and the report with its chart, read on a phone."""
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select, update

from nudgeweb.campaigns import lists, operations, sending
from nudgeweb.models import Message, MessageEvent, db, new_id, utcnow
from nudgeweb.unit_of_work import unit_of_work
from tests.conftest import log_in, screenshot
from tests.delivery_support import smtp  # noqa: F401  (handed to a mail server: sent, not kept in the outbox)
from tests.factories import ContactFactory

pytestmark = pytest.mark.browser
LONG_NAME = "Wolfeschlegelsteinhausenbergerdorff-Featherstonehaugh"


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.fixture
def business(owner):
    organization = owner.organization
    organization.footer_address = "1200 Harbour Street, Suite 400, Portland, ME 04101, United States"
    for n in range(12):
        ContactFactory(organization=organization, email=f"customer.with.a.long.address.{n}@example-dental-clinic.net",
                       first_name=f"Alexandria{n}", last_name=LONG_NAME)
    ContactFactory(organization=organization, email="gone@example.net", status="unsubscribed")
    with unit_of_work(organization.id):
        newsletter = lists.create_list(organization.id, {"name": "Monthly newsletter for our favourite patients"})
        lists.add_members(newsletter, db.session.scalars(select(__import__("nudgeweb.models", fromlist=["Contact"])
                                                                .Contact.id)).all())
    return owner


def test_the_wizard_from_nothing_to_a_sent_campaign(page, live_server, business):
    log_in(page, live_server, business.user.email)
    page.locator(".sidebar").get_by_role("link", name="Campaigns").click()
    expect(page.get_by_text("No campaigns yet")).to_be_visible()
    page.get_by_role("button", name="New email campaign").click()
    page.get_by_label("Campaign name").fill("Spring check-up reminder with a rather long name for a campaign")
    page.get_by_label("Subject").fill("{{ first_name }}, time for your spring check-up")
    page.get_by_label("Email (HTML)").fill('<h1>Hello {{ first_name }}</h1><p>Book now: '
                                          '<a href="https://sunrise.example/book">book a visit</a></p>')
    page.get_by_test_id("preview-subject").filter(has_text="Jamie, time for your spring check-up").wait_for()
    page.frame_locator("iframe.email-frame").get_by_text("Hello Jamie").wait_for()
    assert fits(page)
    screenshot(page, "campaign-content")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_load_state()  # htmx (deferred) listens before the audience is chosen: it counts on change

    page.get_by_label("A list").select_option(label="Monthly newsletter for our favourite patients")
    page.get_by_test_id("will-send").filter(has_text="12").wait_for()
    page.get_by_label("Every subscribed contact").check()
    expect(page.get_by_text("1 unsubscribed")).to_be_visible()
    screenshot(page, "campaign-audience")
    page.get_by_label("Every subscribed contact").uncheck()
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("From name").fill("Dr. Lopez at Sunrise")
    page.get_by_label("From address").fill("news@elsewhere.example")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator("#from_email-error")).to_contain_text("Send from an address at")
    assert fits(page)
    screenshot(page, "campaign-sender")
    page.get_by_label("From address").fill("")
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_label("Send a test to").fill(business.user.email)
    page.get_by_role("button", name="Send the test").click()
    expect(page.get_by_text("The test is on its way")).to_be_visible()
    screenshot(page, "campaign-schedule")
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_test_id("review-count")).to_have_text("12")
    page.frame_locator("iframe.email-frame").get_by_text("Hello Alexandria").wait_for()
    screenshot(page, "campaign-review")
    page.get_by_role("button", name="Send to 12 people now").click()
    expect(page.get_by_text("Tick the box to confirm")).to_be_visible()
    page.get_by_label("I checked the message and the recipients").check()
    page.get_by_role("button", name="Send to 12 people now").click()
    expect(page.get_by_text("is on its way")).to_be_visible()
    expect(page.get_by_role("heading", name="Report")).to_be_visible()
    assert fits(page)
    screenshot(page, "campaign-sent")
    assert db.session.scalar(select(db.func.count()).select_from(Message).where(Message.purpose == "campaign")) == 12


def test_the_count_follows_a_choice_made_before_the_scripts_ran(page, live_server, business):
    """A quick click (or the browser restoring the form) can come before htmx listens for changes."""
    with unit_of_work(business.organization.id):
        campaign = operations.create_campaign(business.organization, {
            "name": "Quick choice", "subject": "Hello", "html_content": "<p>Hi</p>"})
    log_in(page, live_server, business.user.email)
    held = []
    page.route("**/htmx.min.js", lambda route: held.append(route))
    page.goto(f"{live_server}/campaigns/{campaign.id}/edit/audience", wait_until="commit")
    page.get_by_label("Every subscribed contact").check()
    page.wait_for_function("() => true")  # the check is done while htmx is still being fetched
    assert held and page.evaluate("typeof htmx") == "undefined"
    held[0].continue_()
    expect(page.get_by_test_id("will-send")).to_have_text("12")
    expect(page.get_by_text("1 unsubscribed")).to_be_visible()


def report_at_desktop_width(browser, logged_in, url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_cookies(logged_in.context.cookies())
    try:
        page = context.new_page()
        page.goto(url)
        expect(page.locator("#chart-timeline .main-svg").first).to_be_visible()
        assert fits(page)
        screenshot(page, "campaign-report-1280")
    finally:
        context.close()


def test_the_report_on_a_phone(browser, phone_page, live_server, business, smtp):  # noqa: F811
    organization = business.organization
    with unit_of_work(organization.id):
        campaign = operations.create_campaign(organization, {
            "name": "Autumn offers for every patient of the practice", "subject": "Hello {{ first_name }}",
            "html_content": '<p>Hi <a href="https://sunrise.example/autumn-offers-for-families-and-children">see</a></p>',
            "send_to_all": True})
        sending.start(campaign, organization)
    started = utcnow() - timedelta(hours=30)
    db.session.execute(update(Message).values(sent_at=started, status="delivered"))
    messages = db.session.scalars(select(Message).where(Message.purpose == "campaign")).all()
    agents = ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
              "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)",
              "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.4266; Pro)"]
    for n, message in enumerate(messages[:9]):
        at = started + timedelta(hours=n * 3)
        message.opened_at = at
        db.session.add(MessageEvent(id=new_id(), organization_id=organization.id, message_id=message.id,
                                    type="opened", user_agent=agents[n % 3], occurred_at=at))
        if n % 2 == 0:
            message.clicked_at = at + timedelta(minutes=5)
            db.session.add(MessageEvent(id=new_id(), organization_id=organization.id, message_id=message.id,
                                        type="clicked", url="https://sunrise.example/autumn-offers-for-families-and-children",
                                        user_agent=agents[n % 3], occurred_at=at + timedelta(minutes=5)))
    db.session.commit()
    page = log_in(phone_page, live_server, business.user.email)
    page.goto(f"{live_server}/campaigns/{campaign.id}")
    expect(page.locator("[data-metric=opened]")).to_have_text("75.0%")
    expect(page.locator("#chart-timeline .main-svg").first).to_be_visible()
    assert fits(page)
    screenshot(page, "campaign-report-phone")
    report_at_desktop_width(browser, page, f"{live_server}/campaigns/{campaign.id}")
    page.get_by_role("link", name="Clicked", exact=True).click()
    expect(page.locator("#people-list tbody tr")).to_have_count(5)
    page.goto(f"{live_server}/campaigns")
    assert fits(page)
    screenshot(page, "campaigns-list-phone")
    page.get_by_role("button", name="New SMS campaign").click()
    page.get_by_label("Text message").fill("Hi {{ first_name }}, our autumn offers are in the shop today! " * 4)
    page.get_by_test_id("segments").filter(has_text="2 segments").wait_for()
    assert fits(page)
    screenshot(page, "campaign-sms-content-phone")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Every subscribed contact").check()
    page.get_by_text("12 have no mobile number").wait_for()  # the demo's customers gave emails only
    assert fits(page)
    screenshot(page, "campaign-audience-phone")
    page.goto(f"{live_server}/settings/sending")
    expect(page.get_by_label("SMTP server", exact=True)).to_be_hidden()  # Nudge's mail settings: nothing of a server to fill
    page.get_by_label("My own SMTP server").check()
    expect(page.get_by_label("SMTP server", exact=True)).to_be_visible()
    page.get_by_label("Nudge's mail settings").check()
    page.get_by_label("Text messages a second").fill("0.5")
    page.get_by_role("button", name="Save sending settings").click()
    expect(page.get_by_text("Your sending settings are saved.")).to_be_visible()
    expect(page.get_by_label("Text messages a second")).to_have_value("0.5")
    assert fits(page)
    screenshot(page, "settings-sending-phone")
