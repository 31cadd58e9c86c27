"""The template editor in a real Chromium: starter templates, live preview as you type, errors at the field."""
import pytest
from playwright.sync_api import expect

from tests.conftest import screenshot
from tests.test_browser_auth import sign_up

pytestmark = pytest.mark.browser


def test_edit_a_starter_email_and_write_an_sms_with_live_preview(page, live_server):
    sign_up(page, live_server, email="owner@templates.example")
    page.wait_for_url(f"{live_server}/")
    page.locator(".sidebar").get_by_role("link", name="Templates").click()
    expect(page.get_by_role("link", name="Review request (email)")).to_be_visible()
    screenshot(page, "templates-list")

    page.get_by_role("link", name="Review request (email)").click()
    frame = page.frame_locator("iframe.email-frame")
    frame.get_by_text("Thank you for choosing Sunrise Dental!").wait_for()
    assert page.get_by_test_id("preview-subject").inner_text() == "How did we do, Jamie?"
    page.get_by_label("Subject").fill("{{ first_name }}, one quick question from {{ business_name }}")
    page.get_by_test_id("preview-subject").filter(has_text="Jamie, one quick question from Sunrise Dental").wait_for()
    frame.get_by_role("link", name="Leave a review").wait_for()
    screenshot(page, "template-email-preview")
    page.get_by_role("button", name="Save template").click()
    expect(page.get_by_text("“Review request (email)” is saved.")).to_be_visible()

    page.get_by_role("link", name="Templates", exact=True).first.click()
    page.get_by_role("link", name="New SMS").click()
    page.get_by_label("Name", exact=True).fill("Thank-you text")
    page.get_by_label("Message").fill("Hi {{ first_name }}, thanks for visiting {{ business_name }}!")
    page.get_by_test_id("sms-bubble").filter(has_text="Hi Jamie, thanks for visiting Sunrise Dental!").wait_for()
    assert "1 segment" in page.get_by_test_id("segments").inner_text()
    page.get_by_label("Message").press_sequentially(" " + "See you soon. " * 10, delay=0)
    page.get_by_test_id("segments").filter(has_text="2 segments").wait_for()
    screenshot(page, "template-sms-preview")

    page.get_by_label("Message").fill("Hi {{ ''.__class__.__mro__ }}")
    page.locator(".preview-error").filter(has_text="can't use “__class__”").wait_for()
    page.get_by_role("button", name="Create template").click()
    assert "can't use “__class__”" in page.locator("#body-error").inner_text()
    assert page.get_by_label("Name", exact=True).input_value() == "Thank-you text"
    screenshot(page, "template-sms-error")


def test_the_error_under_a_field_follows_the_preview_once_the_template_is_corrected(page, live_server):
    sign_up(page, live_server, email="owner@sms-fix.example")
    page.wait_for_url(f"{live_server}/")
    page.goto(f"{live_server}/templates/new?channel=sms")
    page.get_by_label("Name", exact=True).fill("Thank-you text")
    page.get_by_label("Message").fill("Hi {{ first_name")
    page.locator(".preview-error").filter(has_text="A variable is not closed").wait_for()
    page.get_by_role("button", name="Create template").click()
    expect(page.locator("#body-error")).to_have_text("Line 1: A variable is not closed: write {{ first_name }}.")

    page.get_by_label("Message").fill("Hi {{ first_name }} {{ frist_name }}")
    page.locator(".preview-error").filter(has_text="frist_name").wait_for()
    expect(page.locator("#body-error")).to_contain_text("“frist_name” is not something this template knows")
    page.get_by_label("Message").fill("Hi {{ first_name }}, thanks!")
    page.get_by_test_id("sms-bubble").filter(has_text="Hi Jamie, thanks!").wait_for()
    expect(page.locator("#body-error")).to_be_hidden()
    expect(page.locator(".field.has-error")).to_have_count(0)
