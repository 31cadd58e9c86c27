"""The simple email editor in a real Chromium, at 1280x800 and 390x844: formatting from the toolbar, a variable
from the picker, a button, the branded preview, a mistake said in plain words, and the saved template; a starter
written in HTML switched to the simple editor with its text."""
import pytest
from playwright.sync_api import expect

from tests.conftest import ARTIFACTS, screenshot, shows_in_full
from tests.test_browser_auth import sign_up
from tests.test_template_html_to_simple import REVIEW_REQUEST_TEXT

pytestmark = pytest.mark.browser


def screen(page, name):
    """What fits in the window (a phone's full page is too tall to read)."""
    page.screenshot(path=f"{ARTIFACTS}/{name}.png")


def signed_up(request, live_server, size, email):
    """A new owner's page at ``size`` (desktop or phone), on the dashboard."""
    page = request.getfixturevalue("page" if size == "desktop" else "phone_page")
    sign_up(page, live_server, email=email)
    page.wait_for_url(f"{live_server}/")
    return page


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_write_an_email_without_html(request, live_server, size):
    page = signed_up(request, live_server, size, f"owner-{size}@editor.example")
    page.goto(f"{live_server}/templates/new?channel=email")
    expect(page.get_by_label("Simple editor")).to_be_checked()
    expect(page.get_by_label("HTML", exact=True)).to_be_hidden()  # the raw HTML is one click away, not in the way
    page.get_by_label("Name", exact=True).fill("Thank you note")
    page.get_by_label("Subject").fill("Thank you, {{ first_name }}")

    email = page.get_by_label("Email", exact=True)
    email.fill("Hi ")
    page.get_by_label("Insert a variable").select_option("first_name")  # at the cursor, in the email
    email.press("End")
    email.press_sequentially(",\n\nThank you for choosing us. It meant a lot.", delay=0)
    email.evaluate("field => field.setSelectionRange(field.value.indexOf('It meant'), field.value.length - 1)")
    page.get_by_role("button", name="Bold").click()
    email.press("End")
    page.get_by_role("button", name="Button").click()
    assert email.input_value() == ("Hi {{ first_name }},\n\nThank you for choosing us. **It meant a lot**.\n\n"
                                   "[Leave a review]({{ review_link }})\n\n")

    page.wait_for_load_state("networkidle")  # the preview of the last change is in
    frame = page.frame_locator("iframe.email-frame")
    expect(frame.get_by_text("Sunrise Dental").first).to_be_visible()  # the business, at the top of the email
    expect(frame.get_by_role("link", name="Leave a review")).to_be_visible()
    expect(frame.locator("strong", has_text="It meant a lot")).to_be_visible()
    expect(page.get_by_test_id("preview-subject")).to_have_text("Thank you, Jamie")
    screenshot(page, f"template-simple-editor-{size}")
    page.locator("iframe.email-frame").screenshot(path=f"test-artifacts/template-simple-email-{size}.png")

    email.press("Control+End")
    email.press_sequentially("See you soon, {{ first_name", delay=0)
    expect(page.locator(".preview-error")).to_contain_text("A variable is not closed: write {{ first_name }}.")
    screenshot(page, f"template-simple-editor-mistake-{size}")
    email.press_sequentially(" }}", delay=0)
    variable = page.get_by_label("Variable name").first
    variable.fill("appointment_time")
    fits, sizes = shows_in_full(variable)
    assert fits, sizes  # on a phone too: each variable is a block, not a row cut to its box
    variable.scroll_into_view_if_needed()
    screen(page, f"template-variables-{size}")
    variable.fill("")
    page.get_by_role("button", name="Create template").click()
    expect(page.get_by_text("“Thank you note” is saved.")).to_be_visible()
    expect(page.get_by_label("Simple editor")).to_be_checked()
    page.get_by_role("radio", name="Raw HTML").check()
    expect(page.get_by_label("HTML", exact=True)).to_be_visible()
    assert "button-row" in page.get_by_label("HTML", exact=True).input_value()
    screenshot(page, f"template-simple-editor-html-{size}")


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_a_starter_written_in_html_switched_to_the_simple_editor_keeps_its_text(request, live_server, size):
    page = signed_up(request, live_server, size, f"starter-{size}@editor.example")
    page.goto(f"{live_server}/templates")
    page.get_by_role("link", name="Review request (email)").click()
    expect(page.get_by_role("radio", name="Raw HTML")).to_be_checked()
    html = page.get_by_label("HTML", exact=True).input_value()

    page.get_by_role("radio", name="Simple editor").check()
    email = page.get_by_label("Email", exact=True)
    expect(email).to_be_visible()
    expect(email).to_have_value(REVIEW_REQUEST_TEXT)
    note = page.locator(".not-kept")
    expect(note).to_contain_text("Some formatting of the HTML version is not kept:")
    expect(note).to_contain_text("the heading style of “Hi {{ first_name|default('there', true) }},”")
    frame = page.frame_locator("iframe.email-frame")
    expect(frame.locator(".brand-name")).to_have_text("Sunrise Dental")  # the branded layout, in the preview
    expect(frame.get_by_role("link", name="Leave a review")).to_have_class("button")
    expect(frame.get_by_text("Thank you for choosing Sunrise Dental!")).to_be_visible()
    screenshot(page, f"template-starter-simple-{size}")
    page.locator("iframe.email-frame").screenshot(path=f"test-artifacts/template-starter-simple-email-{size}.png")

    page.get_by_role("radio", name="Raw HTML").check()  # back, without saving: the HTML is as it was
    expect(page.get_by_label("HTML", exact=True)).to_have_value(html)
    page.get_by_label("HTML", exact=True).fill(html.replace("We'd love to hear how it went.", "Tell us <b>how it went</b>."))
    page.get_by_role("radio", name="Simple editor").check()  # the text of the HTML as it is now
    changed = REVIEW_REQUEST_TEXT.replace("We'd love to hear how it went.", "Tell us **how it went**.")
    expect(email).to_have_value(changed)
    expect(frame.locator("strong", has_text="how it went")).to_be_visible()
    email.press("Control+End")
    email.press_sequentially("\n\nSee you soon!", delay=0)
    page.get_by_role("radio", name="Raw HTML").check()
    page.get_by_role("radio", name="Simple editor").check()  # its own text changed: kept as typed
    expect(email).to_have_value(changed + "\n\nSee you soon!")
    page.get_by_role("button", name="Save template").click()
    expect(page.get_by_text("“Review request (email)” is saved.")).to_be_visible()
    expect(page.get_by_role("radio", name="Simple editor")).to_be_checked()
    expect(email).to_have_value(changed + "\n\nSee you soon!")
    expect(page.locator(".not-kept")).to_have_count(0)


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_variable_picker_of_an_sms_reads_in_full(request, live_server, size):
    page = signed_up(request, live_server, size, f"owner-{size}@picker.example")
    page.goto(f"{live_server}/templates/new?channel=sms")
    picker = page.get_by_label("Insert a variable")
    expect(picker).to_be_visible()
    fits, shown = shows_in_full(picker)
    assert fits, f"the picker's text is cut off: {shown}"
    expect(page.get_by_text("It goes in where the cursor is.")).to_be_visible()
    message = page.get_by_label("Message", exact=True)
    message.fill("Thanks, ")
    picker.select_option("first_name")
    assert message.input_value() == "Thanks, {{ first_name }}"
    screenshot(page, f"template-sms-picker-{size}")
