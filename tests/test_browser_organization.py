"""The business profile page in a real Chromium, wide and on a phone, with the fields the API shares."""
import pytest
from playwright.sync_api import expect

from tests.conftest import log_in, screenshot
from tests.factories import MembershipFactory

pytestmark = pytest.mark.browser
LONG_NAME = "Sunrise Family Dental & Orthodontics of Greater Springfield and the Tri-County Area"


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_the_profile_saves_and_fits(request, live_server, app_ctx, viewport):
    page = request.getfixturevalue(viewport)
    owner = MembershipFactory(role="owner", organization__name=LONG_NAME)
    log_in(page, live_server, owner.user.email)
    page.goto(f"{live_server}/settings/")
    page.get_by_label("Short name").fill("sunrise-family-dental-orthodontics-greater-springfield")
    page.get_by_label("Postal address for email footers").fill(
        "Suite 400, 1234 North Riverside Boulevard Extension, Springfield, IL 62704-1234, United States")
    page.get_by_label("Logo address").fill("http://not-secure.example/logo.png")
    page.get_by_role("button", name="Save profile").click()
    expect(page.locator("#logo_url-error")).to_be_visible()
    page.get_by_label("Logo address").fill("https://cdn.sunrise-dental.example/brand/logo-wide.png")
    page.get_by_label("Font").fill("Inter")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your business profile is saved.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, f"settings-profile-{viewport}")
