"""The owner's first hour in a real Chromium, at 1280×800 and 390×844: sign-up to a first request,
honest statuses, the checklist, asking from a contact, bulk asking's confirmation, Settings in groups."""
import os
import time

import pytest
from playwright.sync_api import expect

from nudgeweb import clock
from nudgeweb.extensions import db
from nudgeweb.models import Message, Organization, ReviewRequest
from nudgeweb.reviews import operations
from nudgeweb.unit_of_work import unit_of_work
from tests.conftest import ARTIFACTS, log_in, screenshot
from tests.factories import ContactFactory
from tests.reviews_support import NOW, frozen_clock, give_review_link, travel_and_run  # noqa: F401

pytestmark = pytest.mark.browser
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(params=list(SIZES))
def sized(request, browser):
    """A page at each size, in London, as a new owner's browser would be."""
    phone = request.param == "phone"
    context = browser.new_context(viewport=SIZES[request.param], is_mobile=phone, has_touch=phone,
                                  timezone_id="Europe/London", locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield request.param, page
    context.close()


def screen(page, name):
    """What fits in the window (the full-page pictures of a phone are too tall to read)."""
    os.makedirs(ARTIFACTS, exist_ok=True)
    page.screenshot(path=os.path.join(ARTIFACTS, f"{name}.png"))


def fits(page, seconds=2):
    """Nothing wider than the window once the page has settled (a moment's layout while a scrollbar comes
    and goes is not what a person sees). Polled from here: wait_for_function's polling evaluates a string,
    which the page's CSP refuses."""
    deadline = time.monotonic() + seconds
    while not page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"):
        if time.monotonic() > deadline:
            return False
        page.wait_for_timeout(50)
    return True


def test_a_new_owner_sets_the_review_link_and_sees_what_customers_will(sized, live_server, app_ctx):
    size, page = sized
    page.goto(f"{live_server}/signup")
    page.get_by_label("Business name").fill(f"Maple Street Plumbing {size}")
    page.get_by_label("Your name").fill("Pat Doyle")
    page.get_by_label("Email").fill(f"pat.{size}@maple.test")
    page.get_by_label("Password").fill("a-strong-password")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(f"{live_server}/")
    organization = db.session.query(Organization).filter_by(name=f"Maple Street Plumbing {size}").one()
    assert (organization.timezone, organization.default_country) == ("Europe/London", "GB")

    checklist = page.locator(".setup-checklist")
    expect(checklist.get_by_role("heading")).to_have_text(f"Get Maple Street Plumbing {size} ready for its first review")
    expect(checklist.locator("li.done")).to_have_count(0)  # the profile too waits for the owner to look it over
    expect(page.get_by_text("Sending is not set up.")).to_be_visible()
    expect(page.locator(".topbar-ask")).to_be_visible()  # the header's Ask button, on a phone too
    assert fits(page)
    screenshot(page, f"first-hour-dashboard-{size}")

    checklist.get_by_role("link", name="Add your review link").click()
    page.get_by_label("Link of site 1").fill("https://www.google.com/search?q=maple+street+plumbing")
    page.get_by_role("button", name="Save review settings").click()
    expect(page.locator("#sites-0-url-error")).to_contain_text("That is a page of search results")
    page.get_by_text("Where do I find my review link?").click()
    expect(page.get_by_text("business.google.com").first).to_be_visible()
    assert fits(page)
    screenshot(page, f"first-hour-review-link-refused-{size}")
    page.locator("#sites-0-url-error").scroll_into_view_if_needed()
    screen(page, f"first-hour-review-link-error-{size}")
    page.get_by_label("Site 1", exact=True).select_option("facebook")
    page.get_by_label("Link of site 1").fill("https://www.facebook.com/maplestreetplumbingandheatingspringfield")
    page.get_by_role("button", name="Save review settings").click()
    expect(page.locator("#sites-0-url-error")).to_contain_text("add /reviews to the end")
    assert fits(page)  # the long address in the message wraps
    page.get_by_label("Site 1", exact=True).select_option("google")
    page.get_by_label("Link of site 1").fill("https://g.page/r/CmapleStreet/review")
    page.get_by_role("button", name="Save review settings").click()
    expect(page.get_by_text("Review settings saved.")).to_be_visible()
    preview = page.frame_locator("iframe[name=customer-page-preview]")  # the customer's own page
    expect(preview.get_by_role("link", name="Review us on Google")).to_be_visible()
    page.get_by_role("heading", name="What your customers see").scroll_into_view_if_needed()
    screen(page, f"first-hour-review-link-preview-{size}")
    sms = page.get_by_test_id("first-sms").locator(".sms-bubble")  # the real first message, as sent
    expect(sms).to_contain_text(f"Hi Jamie, thanks for choosing Maple Street Plumbing {size}!")
    expect(sms).to_contain_text("/r/")
    expect(sms).to_contain_text("Reply STOP to opt out.")
    email = page.get_by_test_id("first-email")
    expect(email.get_by_title("The email as the customer sees it")).to_be_visible()
    assert fits(page)
    page.get_by_role("heading", name="The message your customers get").scroll_into_view_if_needed()
    screen(page, f"first-hour-first-message-{size}")

    page.goto(f"{live_server}/")
    page.get_by_role("button", name="Keep using the Outbox").click()
    page.goto(f"{live_server}/")
    expect(page.get_by_text("Sending is not set up.")).to_have_count(0)
    expect(page.locator(".setup-checklist li.done")).to_have_count(2)
    page.get_by_role("link", name="Open your profile").click()
    expect(page.get_by_label("Time zone")).to_have_value("Europe/London")  # the browser's, from sign-up
    page.get_by_role("button", name="Save").first.click()
    expect(page.get_by_text("Your business profile is saved.")).to_be_visible()
    page.goto(f"{live_server}/")
    expect(page.locator(".setup-checklist li.done")).to_have_count(3)


def test_asking_from_a_contact_and_finding_one_as_you_type(sized, live_server, owner, organization):
    size, page = sized
    give_review_link(organization)
    ada = ContactFactory(organization=organization, first_name="Ada", last_name="Lovelace-Byron",
                         email="ada.lovelace@analytical-engines.example", phone="+13125550142")
    log_in(page, live_server, owner.user.email)
    page.goto(f"{live_server}/contacts/{ada.id}")
    expect(page.get_by_text("(312) 555-0142")).to_be_visible()
    assert fits(page)
    screenshot(page, f"first-hour-contact-{size}")
    page.get_by_role("link", name="Ask for a review", exact=True).last.click()
    expect(page.get_by_label("First name")).to_have_value("Ada")
    expect(page.get_by_label("Mobile phone")).to_have_value("(312) 555-0142")

    page.goto(f"{live_server}/review-requests/new")
    sms_size = page.get_by_test_id("send-sms-size")
    expect(sms_size).to_be_hidden()  # no mobile number yet: the request would go by email
    page.get_by_label("Last name").fill("lovel")
    match = page.locator("#contact-matches").get_by_role("link", name="Ada Lovelace-Byron")
    expect(match).to_be_visible()
    assert fits(page)
    screenshot(page, f"first-hour-send-form-lookup-{size}")
    match.click()
    expect(page.get_by_label("Email")).to_have_value("ada.lovelace@analytical-engines.example")
    expect(sms_size).to_contain_text("segment")  # her mobile number came with her: it goes by SMS
    page.get_by_label("Send by").select_option("email")
    expect(sms_size).to_be_hidden()
    page.get_by_role("button", name="Send review request").click()
    expect(page.get_by_text("Review request for Ada Lovelace-Byron is scheduled.")).to_be_visible()


def test_a_message_kept_in_the_outbox_says_so_and_cancel_asks_first(sized, live_server, owner, organization):
    size, page = sized
    give_review_link(organization)
    with unit_of_work(organization.id):
        sent = operations.create_review_request(organization, {"first_name": "Ann", "phone": "+12125550100"}, 0)
        waiting = operations.create_review_request(organization, {"first_name": "Bo", "email": "bo@example.com"}, 48)
    travel_and_run(NOW)
    log_in(page, live_server, owner.user.email)
    page.goto(f"{live_server}/review-requests")
    expect(page.locator("#pipeline tbody tr", has_text="Ann").locator(".badge")).to_have_text(
        "kept in the outbox: not delivered")
    assert fits(page)
    screenshot(page, f"first-hour-pipeline-{size}")
    page.goto(f"{live_server}/review-requests/{sent.id}")
    expect(page.get_by_text("SMS kept in the outbox: not delivered")).to_be_visible()
    screenshot(page, f"first-hour-request-kept-{size}")

    page.goto(f"{live_server}/review-requests/{waiting.id}")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Cancel request").click()
    expect(page.get_by_role("button", name="Cancel request")).to_be_visible()
    assert asked == ["Cancel the review request to Bo? Nothing more will be sent to them."]
    db.session.expire_all()
    assert db.session.get(ReviewRequest, waiting.id).status == "scheduled"


def test_a_contacts_timeline_shows_private_feedback_and_opens_the_request(sized, live_server, owner, organization):
    size, page = sized
    give_review_link(organization)
    with unit_of_work(organization.id):
        request = operations.create_review_request(
            organization, {"first_name": "Siobhán", "last_name": "Ní Bhriain-Fitzgerald", "phone": "+12125550100"}, 0)
    travel_and_run(NOW)
    with unit_of_work(organization.id):
        operations.leave_feedback(db.session.get(ReviewRequest, request.id),
                                  "The technician arrived two hours after the window we were given and did not call "
                                  "ahead; the repair itself was fine.")
    log_in(page, live_server, owner.user.email)
    page.goto(f"{live_server}/contacts/{request.contact_id}")
    expect(page.get_by_test_id("timeline-feedback")).to_contain_text("did not call ahead")
    assert fits(page)
    page.get_by_test_id("timeline-feedback").scroll_into_view_if_needed()
    screen(page, f"first-hour-contact-feedback-{size}")
    page.get_by_role("link", name="Review request: Left private feedback").click()
    page.wait_for_url(f"{live_server}/review-requests/{request.id}")


def test_bulk_asking_chooses_who_shows_the_message_and_needs_a_tick(sized, live_server, owner, organization):
    size, page = sized
    give_review_link(organization)
    owner.organization.outbox_on_purpose_at = NOW
    for name in ("Ada", "Bo", "Cy"):
        ContactFactory(organization=organization, first_name=name, email=f"{name.lower()}@example.com")
    ContactFactory(organization=organization, first_name="Gone", email="gone@example.com", status="unsubscribed")
    log_in(page, live_server, owner.user.email)
    page.goto(f"{live_server}/review-requests/bulk")
    expect(page.get_by_role("heading", name="Who should we ask for a review?")).to_be_visible()
    page.get_by_role("link", name="All my contacts").click()
    expect(page.locator(".rr-will-ask")).to_have_text("3 of 4 contacts will be asked.")
    expect(page.get_by_text("1 unsubscribed: Gone")).to_be_visible()
    expect(page.locator(".rr-first-message h2")).to_contain_text("will get")
    assert fits(page)
    screenshot(page, f"first-hour-bulk-confirm-{size}")
    page.locator(".rr-first-message").scroll_into_view_if_needed()
    screen(page, f"first-hour-bulk-message-{size}")
    page.get_by_role("button", name="Ask 3 customers now").click()
    expect(page.locator("#confirmed-error")).to_have_text("Read the message, then tick this box to send it.")
    page.get_by_label("I have read the message above").check()
    page.get_by_role("button", name="Ask 3 customers now").click()
    expect(page.get_by_text("Asking 3 customers for a review.")).to_be_visible()


def test_the_profile_time_zone_is_searched_and_offers_the_browser_zone(sized, live_server, owner, organization):
    size, page = sized  # the browser is in Europe/London, the business in America/New_York
    log_in(page, live_server, owner.user.email)
    page.goto(f"{live_server}/settings/")
    zone = page.get_by_label("Time zone")
    expect(zone).to_have_value("America/New_York")
    expect(zone).to_have_attribute("list", "time-zones")
    expect(page.locator("#time-zones option[value='America/Chicago']")).to_have_count(1)
    country = page.get_by_label("Country for phone numbers")
    expect(country.locator("option:checked")).to_have_text("United States (US)")  # a name, not a bare code
    country.select_option(label="Germany (DE)")
    zone.fill("Springfield")
    page.get_by_role("button", name="Save profile").click()
    expect(page.locator("#timezone-error")).to_contain_text("Choose a time zone from the list")
    page.get_by_role("button", name="Use Europe/London").click()
    expect(zone).to_have_value("Europe/London")
    assert fits(page)
    screenshot(page, f"first-hour-profile-time-zone-{size}")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_role("button", name="Use Europe/London")).to_be_hidden()  # it is the business's zone now
    db.session.expire_all()
    saved = db.session.get(Organization, organization.id)
    assert (saved.timezone, saved.default_country) == ("Europe/London", "DE")


def test_settings_come_in_two_groups_that_fit_a_phone(sized, live_server, owner, app_ctx):
    size, page = sized
    log_in(page, live_server, owner.user.email)
    page.goto(f"{live_server}/settings/reviews")
    nav = page.get_by_role("navigation", name="Settings")
    expect(nav.get_by_role("heading", name="Your business")).to_be_visible()
    expect(nav.get_by_role("heading", name="Developers")).to_be_visible()
    expect(nav.get_by_role("link", name="Connected apps")).to_be_visible()  # wrapped, not scrolled away
    assert fits(page)
    screen(page, f"first-hour-settings-{size}")


def test_the_demo_business_is_set_up_and_its_numbers_read_as_a_funnel(sized, live_server, runner, app_ctx):
    from nudgeweb.demo import DEMO_EMAIL, DEMO_PASSWORD

    size, page = sized
    clock.travel_to(None)  # the demo's history is of the real weeks before now
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    page.goto(f"{live_server}/login")
    page.get_by_label("Email").fill(DEMO_EMAIL)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server}/")
    expect(page.locator(".setup-checklist")).to_have_count(0)
    expect(page.get_by_text("Sending is not set up.")).to_have_count(0)
    screenshot(page, f"first-hour-demo-dashboard-{size}")
    page.goto(f"{live_server}/review-requests")
    values = [int(v) for v in page.locator(".rr-funnel .stat-value").all_inner_texts()]
    sent, opened, clicked, rated = values  # clicking and rating both come after opening, in either order
    assert sent >= opened >= max(clicked, rated) and sent > 0
    assert fits(page)
    screenshot(page, f"first-hour-demo-pipeline-{size}")
    page.goto(f"{live_server}/outbox")
    expect(page.locator("#outbox-rows .status-kept").first).to_have_text("kept in the outbox: not delivered")
    assert fits(page)
    screenshot(page, f"first-hour-demo-outbox-{size}")


ONE_LINE = """([selector, text]) => {
  const node = [...document.querySelectorAll(selector)].find(el => el.textContent.includes(text));
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const at = walker.currentNode.textContent.indexOf(text);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(walker.currentNode, at);
    range.setEnd(walker.currentNode, at + text.length);
    return new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size;
  }
  return -1;
}"""


def test_an_outbox_message_keeps_addresses_and_times_whole(sized, live_server, owner, organization):
    size, page = sized
    give_review_link(organization)
    with unit_of_work(organization.id):
        db.session.get(Organization, organization.id).name = "Northside Bike Repair & Rentals of the Valley"
        request = operations.create_review_request(organization, {"first_name": "Tom", "email": "tom.baker@example.com"}, 0)
    travel_and_run(NOW)
    message = db.session.scalar(db.select(Message).where(Message.purpose_id == request.id))
    log_in(page, live_server, owner.user.email)
    page.goto(f"{live_server}/outbox/{message.id}")
    address = message.from_address[message.from_address.index("<"):]
    assert page.evaluate(ONE_LINE, [".facts dd", address]) == 1  # it broke as "<nudge@localho" / "st>"
    assert page.evaluate(ONE_LINE, [".facts dd", "tom.baker@example.com"]) == 1
    when = page.locator(".events .when").first.inner_text()
    assert page.evaluate(ONE_LINE, [".events li", when]) == 1  # it broke as "Dec 4, 2026 1" / "4:50"
    assert fits(page)
    screen(page, f"first-hour-outbox-message-{size}")
