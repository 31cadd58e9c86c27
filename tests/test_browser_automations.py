"""In a real Chromium, at desktop and phone sizes: the owner builds "when a customer rates 2 stars or fewer,
tell me, wait a day, send an apology" from its starter, starts it, a customer rates one star on a phone,
and the automation's counts and activity move as the due tasks run."""
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from nudgeweb.reviews import operations
from nudgeweb.reviews.links import review_token
from nudgeweb.unit_of_work import unit_of_work
from tests.conftest import log_in, screenshot
from tests.reviews_support import NOW, frozen_clock, give_review_link, travel_and_run  # noqa: F401

pytestmark = pytest.mark.browser


@pytest.fixture(params=["desktop", "phone"])
def sized(request):
    return request.param, request.getfixturevalue("page" if request.param == "desktop" else "phone_page")


def counts(page, step_id):
    return page.locator(f"#step-{step_id} [data-testid=step-counts]")


@pytest.fixture
def customer_phone(browser):
    """The customer's own phone (not the owner's browser, even when the owner is on a phone too)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def test_a_low_rating_tells_the_team_and_an_apology_follows_a_day_later(sized, customer_phone, live_server, owner,
                                                                          organization):
    size, page = sized
    give_review_link(organization)
    log_in(page, live_server, owner.user.email)
    page.goto(f"{live_server}/automations")
    expect(page.get_by_role("heading", name="No automations yet")).to_be_visible()
    screenshot(page, f"automations-empty-{size}")
    page.get_by_role("button", name="Use the starter Low rating: tell me, then apologise").click()
    summary = page.get_by_test_id("summary")
    expect(summary).to_contain_text("When a customer rates 2 stars or fewer → tell the team")
    expect(summary).to_contain_text("wait 1 day → send “Sorry we let you down (automation)”")

    wait = page.locator("#step-wait_a_day")
    wait.get_by_label("How long").fill("banana")
    wait.get_by_role("button", name="Save step").click()
    expect(page.locator("#step-wait_a_day [data-error-for=delay]")).to_contain_text('"banana" is not a delay')
    screenshot(page, f"automations-builder-error-{size}")
    page.locator("#step-wait_a_day").get_by_label("How long").fill("1 day")
    page.locator("#step-wait_a_day").get_by_role("button", name="Save step").click()
    expect(page.locator("#step-wait_a_day [data-error-for=delay]")).to_have_count(0)
    expect(summary).to_contain_text("wait 1 day")

    page.locator(".add-step summary").last.click()  # a step at the end: added, moved up, then removed again
    page.locator(".add-step-form").last.get_by_label("Type of step").select_option("add_tag")
    page.locator(".add-step-form").last.get_by_role("button", name="Add").click()
    new = page.locator(".step-new")
    expect(new).to_contain_text("not saved yet")
    new.get_by_label("Tag").fill("unhappy")
    new.get_by_role("button", name="Add this step").click()
    expect(summary).to_contain_text("send “Sorry we let you down (automation)” → tag them unhappy")
    page.get_by_role("button", name="Move step 4 up").click()
    expect(summary).to_contain_text("wait 1 day → tag them unhappy → send")
    screenshot(page, f"automations-builder-added-{size}")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Remove step 3").click()
    expect(summary).not_to_contain_text("unhappy")

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_test_id("automation-status")).to_have_text("Active")
    screenshot(page, f"automations-builder-{size}")

    with unit_of_work(organization.id):
        request = operations.create_review_request(organization, {"first_name": "Rosa", "last_name": "Diaz",
                                                                  "email": "rosa@example.com"}, 0)
    customer_phone.goto(f"{live_server}/r/{review_token(request)}")
    customer_phone.get_by_role("button", name="1 star", exact=True).click()
    expect(customer_phone.get_by_text("You gave Acme Plumbing 1 star.")).to_be_visible()
    screenshot(customer_phone, f"automations-customer-rates-one-star-{size}")

    travel_and_run(NOW + timedelta(seconds=5))  # the rating's enrolment and the team's email
    page.reload()
    expect(page.locator("[data-stat=total_enrolled]")).to_have_text("1")
    expect(counts(page, "tell_team").locator("[data-count=passed]")).to_have_text("1 passed")
    expect(counts(page, "wait_a_day").locator("[data-count=waiting]")).to_have_text("1 waiting here")

    travel_and_run(NOW + timedelta(days=1, minutes=1))  # the day has passed: the apology goes
    page.reload()
    expect(counts(page, "apology").locator("[data-count=passed]")).to_have_text("1 passed")
    expect(page.locator("[data-stat=completed]")).to_have_text("1")
    screenshot(page, f"automations-builder-moved-{size}")

    page.get_by_role("link", name="Activity").click()
    expect(page.locator(".activity-table tbody tr").first).to_contain_text("Rosa Diaz")
    expect(page.get_by_role("link", name="Rosa Diaz").first).to_have_attribute("href", f"/contacts/{request.contact_id}")
    screenshot(page, f"automations-activity-{size}")

    page.get_by_role("link", name="Try it on a contact").first.click()
    page.wait_for_url("**/dry-run")
    page.wait_for_load_state()  # htmx (deferred) listens before the lookup is typed into
    page.get_by_label("Find a contact").fill("rosa")
    page.locator("#matches-dry_run").get_by_role("link", name="Try").click()
    plan = page.get_by_test_id("dry-run")
    expect(plan).to_contain_text("For Rosa Diaz")
    expect(plan.locator("li")).to_have_count(5)  # enters, the three steps, finishes
    expect(plan.locator("li").nth(3)).to_contain_text("Sorry we let you down (automation)")
    screenshot(page, f"automations-dry-run-{size}")
    page.goto(f"{live_server}/automations")
    row = page.locator("tr[data-automation]").first
    expect(row).to_contain_text("Active")
    screenshot(page, f"automations-list-{size}")


def test_the_contacts_page_adds_the_ticked_contacts_to_an_automation(sized, live_server, owner, organization):
    from tests.automations_support import make_automation
    from tests.factories import ContactFactory

    size, page = sized
    for name in ("Ada", "Bob", "Eve"):
        ContactFactory(organization=organization, first_name=name, last_name="Long-Surname-Of-The-Family")
    make_automation(organization, [{"id": "wait", "type": "wait", "delay": "2 days"}], name="Welcome series for the spring")
    log_in(page, live_server, owner.user.email)
    page.goto(f"{live_server}/contacts")
    page.get_by_label("Select all on this page").check()
    page.get_by_label("With the selected contacts").select_option("automation_add")
    page.get_by_label("Automation to add to").select_option(label="Welcome series for the spring")
    screenshot(page, f"contacts-bulk-automation-{size}")
    page.get_by_role("button", name="Apply to selected").click()
    expect(page.get_by_text("Added 3 contacts to “Welcome series for the spring”.")).to_be_visible()
    screenshot(page, f"contacts-bulk-automation-done-{size}")


def test_the_trigger_changes_type_in_place_and_takes_property_conditions(sized, live_server, owner, organization):
    size, page = sized
    log_in(page, live_server, owner.user.email)
    page.goto(f"{live_server}/automations")
    page.get_by_role("button", name="Start from scratch").click()
    page.wait_for_url(f"{live_server}/automations/*")
    page.wait_for_load_state()  # htmx binds the select once the page has loaded, as before a person can choose
    page.get_by_label("Trigger").select_option("custom_event")
    event_name = page.get_by_label("The event's name")
    expect(event_name).to_be_visible()
    event_name.fill("purchase_completed")
    page.get_by_label("Property 1", exact=True).fill("total")
    page.get_by_label("How property 1 compares").select_option("gte")
    page.get_by_label("Value of property 1").fill("100")
    page.get_by_role("button", name="Save trigger").click()
    summary = page.get_by_test_id("summary")
    expect(summary).to_contain_text("When a contact does “purchase_completed” with total at least 100")
    expect(page.get_by_label("Property 2", exact=True)).to_be_visible()  # a blank row to add another
    page.reload()
    expect(page.get_by_label("Property 1", exact=True)).to_have_value("total")
    expect(page.get_by_label("How property 1 compares")).to_have_value("gte")
    expect(page.get_by_label("Value of property 1")).to_have_value("100")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    page.locator(".property-conditions").scroll_into_view_if_needed()
    screenshot(page, f"automations-event-properties-{size}")
