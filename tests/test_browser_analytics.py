"""In a real Chromium: the owner reads the Analytics page on a desktop and a phone, changes the period
(the charts are redrawn through htmx), and plotly.js draws under the Content-Security-Policy."""
import pytest
from playwright.sync_api import expect

from nudgeweb.analytics.demo import seed_analytics_history
from nudgeweb.campaigns.demo import seed_campaigns
from nudgeweb.contacts.demo import seed_contacts
from nudgeweb.unit_of_work import unit_of_work
from tests.conftest import ARTIFACTS, log_in, screenshot

pytestmark = pytest.mark.browser


def history(organization):
    with unit_of_work(organization.id):
        seed_contacts(organization, count=120)
        seed_campaigns(organization)
        seed_analytics_history(organization, days=60)


def watch_console(page):
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def no_sideways_scroll(page):
    return page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_owner_reads_the_charts_and_changes_the_period_on_a_desktop(page, live_server, owner, organization):
    history(organization)
    problems = watch_console(page)
    log_in(page, live_server, owner.user.email)
    expect(page.locator(".analytics-tiles .tile .main-svg").first).to_be_visible()  # the dashboard's trend lines
    assert page.locator(".analytics-tiles .tile").count() == 5
    screenshot(page, "analytics-dashboard-tiles")
    page.locator(".sidebar").get_by_role("link", name="Analytics").click()
    expect(page.get_by_role("heading", name="Analytics", exact=True)).to_be_visible()
    expect(page.locator("#chart-messages .main-svg").first).to_be_visible()
    expect(page.locator("#chart-engagement .main-svg").first).to_be_visible()
    expect(page.locator("#chart-top_campaigns .main-svg").first).to_be_visible()
    expect(page.locator("#chart-revenue_by_campaign .main-svg").first).to_be_visible()
    assert page.locator("[data-chart] .js-plotly-plot").count() >= 10
    screenshot(page, "analytics-desktop")
    page.locator("#chart-top_campaigns").screenshot(path=f"{ARTIFACTS}/analytics-desktop-top_campaigns.png")
    page.get_by_label("Period").select_option("7d")
    expect(page.locator(".period-label")).to_contain_text("Last 7 days")
    expect(page.locator("#chart-revenue .main-svg").first).to_be_visible()
    assert "period=7d" in page.url
    page.locator("#chart-messages").get_by_text("Show the numbers").click()
    expect(page.locator("#chart-messages table")).to_contain_text("Email kept in the Outbox")  # no mail server in the tests
    with page.expect_download() as download:
        page.locator("#chart-revenue").get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename.startswith("revenue-")
    assert no_sideways_scroll(page)
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems
    assert not [p for p in problems if "plotly" in p.lower() or "Error" in p], problems


def test_the_page_fits_a_phone_and_a_new_business_sees_empty_states(phone_page, live_server, owner, organization):
    page = phone_page
    problems = watch_console(page)
    log_in(page, live_server, owner.user.email)
    page.goto(f"{live_server}/analytics")
    expect(page.get_by_text("No messages in this period.")).to_be_visible()
    assert no_sideways_scroll(page)
    screenshot(page, "analytics-phone-empty")
    history(organization)
    page.goto(f"{live_server}/analytics?period=30d")
    expect(page.locator("#chart-messages .main-svg").first).to_be_visible()
    assert no_sideways_scroll(page)
    screenshot(page, "analytics-phone")
    for key in ("top_campaigns", "revenue_by_campaign"):  # the campaign charts, with their long names
        chart = page.locator(f"#chart-{key}")
        chart.scroll_into_view_if_needed()
        expect(chart.locator(".main-svg").first).to_be_visible()
        chart.screenshot(path=f"{ARTIFACTS}/analytics-phone-{key}.png")
    expect(page.locator("#chart-top_campaigns")).to_contain_text("Sourdough class invitation")
    assert no_sideways_scroll(page)
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems

