"""A new business signs up, looks around, logs out and back in, in a real Chromium."""
import pytest
from playwright.sync_api import expect

from tests.conftest import screenshot

pytestmark = pytest.mark.browser


def sign_up(page, live_server, email="maria@sunrise.example"):
    page.goto(f"{live_server}/signup")
    page.get_by_label("Business name").fill("Sunrise Dental")
    page.get_by_label("Your name").fill("Maria Lopez")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("a-strong-password")
    screenshot(page, "signup")
    page.get_by_role("button", name="Create account").click()


def test_sign_up_look_around_log_out_and_in(page, live_server):
    sign_up(page, live_server)
    page.wait_for_url(f"{live_server}/")
    expect(page.get_by_role("heading", name="Welcome, Maria")).to_be_visible()
    expect(page.get_by_role("heading", name="Get Sunrise Dental ready for its first review")).to_be_visible()
    screenshot(page, "dashboard")

    page.locator(".sidebar").get_by_role("link", name="Contacts").click()
    expect(page.get_by_role("heading", name="Contacts")).to_be_visible()
    page.locator(".sidebar").get_by_role("link", name="Settings").click()
    assert page.get_by_label("Business name").input_value() == "Sunrise Dental"
    screenshot(page, "settings")

    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(f"{live_server}/login")
    expect(page.get_by_text("You have been logged out.")).to_be_visible()
    screenshot(page, "login")

    page.get_by_label("Email").fill("maria@sunrise.example")
    page.get_by_label("Password").fill("a-strong-password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server}/")
    expect(page.get_by_role("heading", name="Welcome, Maria")).to_be_visible()


def test_wrong_password_shows_an_error(page, live_server):
    sign_up(page, live_server, email="wrong@sunrise.example")
    page.get_by_role("button", name="Log out").click()
    page.get_by_label("Email").fill("wrong@sunrise.example")
    page.get_by_label("Password").fill("not-my-password")
    page.get_by_role("button", name="Log in").click()
    error = page.locator("#password-error")
    assert "don't match an account" in error.inner_text()
    assert page.get_by_label("Email").input_value() == "wrong@sunrise.example"
    screenshot(page, "login-error")
    page.goto(f"{live_server}/")
    assert page.url.startswith(f"{live_server}/login")


def test_phone_sized_window_has_a_menu(phone_page, live_server):
    sign_up(phone_page, live_server, email="phone@sunrise.example")
    phone_page.wait_for_url(f"{live_server}/")
    expect(phone_page.locator(".sidebar")).to_be_hidden()
    phone_page.get_by_text("Menu").click()
    screenshot(phone_page, "dashboard-phone-menu")
    phone_page.locator(".menu").get_by_role("link", name="Settings").click()
    expect(phone_page.get_by_label("Business name")).to_be_visible()
    screenshot(phone_page, "settings-phone")
