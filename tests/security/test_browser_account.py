"""Password reset, password change and "log out everywhere" in a real Chromium, at laptop and phone sizes."""
import re

import pytest
from playwright.sync_api import expect

from tests.conftest import log_in, screenshot
from tests.delivery_support import parts_of, smtp  # noqa: F401  (fixture)
from tests.factories import DEFAULT_PASSWORD, MembershipFactory

pytestmark = pytest.mark.browser
NEW_PASSWORD = "violet tractor sings"


def emailed_reset_path(smtp_server, email):
    [received] = smtp_server.sink.to(email)
    return re.search(r"http://localhost(/reset-password/\S+)", parts_of(received)[0]).group(1)


@pytest.mark.parametrize("size", ["laptop", "phone"])
def test_forgot_password_reset_by_email_and_log_in(request, app_ctx, live_server, smtp, size):
    page = request.getfixturevalue("page" if size == "laptop" else "phone_page")
    owner = MembershipFactory(role="owner", organization__name="Acme Plumbing")
    email = owner.user.email

    page.goto(f"{live_server}/login")
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("Email").fill(email)
    screenshot(page, f"forgot-password-{size}")
    page.get_by_role("button", name="Email me a reset link").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    screenshot(page, f"reset-sent-{size}")

    page.goto(live_server + emailed_reset_path(smtp, email))
    page.get_by_label("New password").fill("password123")
    page.get_by_label("Type it again").fill("password123")
    page.get_by_role("button", name="Save my new password").click()
    expect(page.locator("#password-error")).to_contain_text("most common passwords")
    screenshot(page, f"reset-password-error-{size}")
    page.get_by_label("New password").fill(NEW_PASSWORD)
    page.get_by_label("Type it again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save my new password").click()
    page.wait_for_url(f"{live_server}/login")
    expect(page.get_by_text("Your password is changed")).to_be_visible()
    screenshot(page, f"reset-done-{size}")

    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server}/")


@pytest.mark.parametrize("size", ["laptop", "phone"])
def test_change_password_then_log_out_everywhere(request, app_ctx, live_server, size):
    page = request.getfixturevalue("page" if size == "laptop" else "phone_page")
    owner = MembershipFactory(role="owner", organization__name="Acme Plumbing")
    log_in(page, live_server, owner.user.email)
    page.goto(f"{live_server}/settings/account")
    expect(page.get_by_role("link", name="Your account")).to_have_class(re.compile("active"))

    page.get_by_label("Current password").fill(DEFAULT_PASSWORD)
    page.get_by_label("New password").fill(NEW_PASSWORD)
    page.get_by_label("Type it again").fill(NEW_PASSWORD + "?")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator("#confirm-error")).to_have_text("The two passwords are not the same.")
    page.get_by_label("Current password").fill(DEFAULT_PASSWORD)
    page.get_by_label("New password").fill(NEW_PASSWORD)
    page.get_by_label("Type it again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_text("Your password is changed.")).to_be_visible()
    screenshot(page, f"account-{size}")

    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="Log out everywhere").click()
    page.wait_for_url(f"{live_server}/login")
    expect(page.get_by_text("You are logged out everywhere")).to_be_visible()
    assert questions == ["Log out on every device, this one too?"]
    page.goto(f"{live_server}/settings/account")
    assert page.url.startswith(f"{live_server}/login")


@pytest.mark.parametrize("size", ["laptop", "phone"])
def test_an_unverified_owner_sees_the_banner_and_resends(request, app_ctx, live_server, smtp, size):
    page = request.getfixturevalue("page" if size == "laptop" else "phone_page")
    owner = MembershipFactory(role="owner", organization__name="Acme Plumbing", user__email_verified_at=None)
    log_in(page, live_server, owner.user.email)
    banner = page.locator("#verify-email-banner")
    expect(banner).to_contain_text("Please verify your email address.")
    screenshot(page, f"verify-banner-{size}")
    banner.get_by_role("button", name="Resend the email").click()
    expect(page.get_by_text("We sent a new verification link")).to_be_visible()
    assert len(smtp.sink.to(owner.user.email)) == 1
