"""Settings -> Webhooks in a real Chromium, at 1280 and 390 px: add an endpoint (the secret shown once),
send a test, read the log with each attempt, and the verification page; nothing wider than the screen."""
import time

import pytest
from playwright.sync_api import expect

from nudgeweb.domain_events import record_event
from nudgeweb.unit_of_work import unit_of_work
from tests.conftest import log_in, screenshot
from tests.webhook_support import add_endpoint, allow_private_webhooks, receiver  # noqa: F401

pytestmark = pytest.mark.browser
LONG_PATH = "/integrations/nudge-campaign/webhooks/production-receiver-for-the-crm-synchronisation-service"


def wait_until(condition, seconds=10):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "not in time"
        time.sleep(0.05)


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_add_an_endpoint_send_a_test_and_read_the_log(page, live_server, owner, receiver):
    log_in(page, live_server, owner.user.email)
    page.goto(f"{live_server}/settings/webhooks")
    expect(page.get_by_text("No endpoints yet")).to_be_visible()
    page.get_by_label("Endpoint URL").fill(receiver.url + LONG_PATH)
    page.get_by_label("Description").fill("CRM sync")
    page.get_by_label("All events (also those Nudge adds later)").uncheck()
    page.get_by_label("email.opened").check()
    page.get_by_label("contact.created").check()
    page.get_by_role("button", name="Add endpoint").click()
    expect(page.locator("#webhook-secret")).to_contain_text("whsec_")
    assert fits(page)
    screenshot(page, "webhooks-created-1280")

    page.get_by_role("link", name="Send it a test").click()
    page.get_by_label("Event to send").select_option("email.opened")
    page.get_by_role("button", name="Send a test").click()
    expect(page.locator("#test-result")).to_contain_text("the endpoint answered 200")
    assert receiver.events()[0]["type"] == "email.opened"

    with unit_of_work(owner.organization_id):
        record_event("contact.created", {"contact_id": "c1", "email": "a.very.long.address.of.a.customer@example.com",
                                         "metadata": {"note": "x" * 300}})
    delivery = page.locator("details", has=page.locator("summary", has_text="contact.created"))

    def tried():  # the suite's consumer delivers it: the owner reloads until the log shows the attempt
        page.reload()
        return delivery.count() == 1 and delivery.get_by_text("Not tried yet").count() == 0

    wait_until(tried)
    delivery.locator("summary").click()
    expect(delivery.get_by_text("X-NudgeCampaign-Signature", exact=False).first).to_be_visible()
    assert fits(page)
    screenshot(page, "webhooks-log-1280")


def test_the_pages_fit_a_phone(phone_page, live_server, owner, receiver):
    endpoint, _ = add_endpoint(owner.organization, receiver.url + LONG_PATH, description="CRM sync " * 20)
    receiver.answers = [500]
    with unit_of_work(owner.organization_id):
        record_event("contact.created", {"contact_id": "c1", "email": "someone@example.com"})
    page = log_in(phone_page, live_server, owner.user.email)
    page.goto(f"{live_server}/settings/webhooks")
    expect(page.get_by_role("link", name=receiver.url + LONG_PATH)).to_be_visible()
    assert fits(page)
    screenshot(page, "webhooks-list-390")
    page.goto(f"{live_server}/settings/webhooks/{endpoint.id}")
    page.locator("summary", has_text="contact.created").click()
    expect(page.get_by_text("No answer", exact=False).or_(page.get_by_text("500", exact=False)).first).to_be_visible()
    assert fits(page)
    screenshot(page, "webhooks-endpoint-390")
    page.goto(f"{live_server}/settings/webhooks/verify")
    expect(page.get_by_role("heading", name="Python")).to_be_visible()
    assert fits(page)
    screenshot(page, "webhooks-verify-390")
