"""In a real Chromium: an employee asks a customer from their phone and sees their progress move; the
owner sees the leaderboard chart and its table at desktop and phone widths."""
import pytest
from playwright.sync_api import expect

from nudgeweb.extensions import db
from nudgeweb.models.employees import CampaignParticipant
from nudgeweb.nudges.links import employee_token
from nudgeweb.reviews.operations import create_review_request
from nudgeweb.unit_of_work import unit_of_work
from tests.conftest import commit_test_work, log_in, screenshot
from tests.nudges_support import TEAM, make_period, make_team
from tests.reviews_support import frozen_clock  # noqa: F401  (the period runs on the frozen clock)

pytestmark = pytest.mark.browser
LONG_NAME = {"name": "Maximiliana Wolfeschlegelsteinhausen-Bergerdorff", "email": "max@acme.example"}


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_an_employee_asks_a_customer_with_one_thumb(phone_page, live_server, organization):
    maria, _dev, _sam, _max = make_team(organization, [*TEAM, LONG_NAME])
    make_period(organization)
    participant = db.session.query(CampaignParticipant).filter_by(employee_id=maria).one()
    commit_test_work()
    page = phone_page
    page.goto(f"{live_server}/e/{employee_token(participant)}")
    expect(page.get_by_role("heading", name="Hi Maria!")).to_be_visible()
    expect(page.get_by_test_id("progress")).to_have_text("0")
    expect(page.get_by_test_id("place")).to_have_text("#2")  # all at 0: Dev, Maria, Maximiliana
    button = page.get_by_role("button", name="Ask a customer now")
    box = button.bounding_box()
    assert box["height"] >= 48 and box["width"] >= 300  # a thumb's target, the width of the phone
    assert fits(page)
    screenshot(page, "nudges-employee-page-phone")

    page.get_by_label("Customer's name").fill("Jane Smith")
    page.get_by_label("Mobile phone").fill("+1 212 555 0177")
    button.click()
    expect(page.get_by_text("Sent! Jane Smith will get your review request.")).to_be_visible()
    expect(page.get_by_test_id("progress")).to_have_text("1")
    expect(page.get_by_test_id("place")).to_have_text("#1")
    assert fits(page)
    screenshot(page, "nudges-employee-page-phone-sent")


@pytest.mark.parametrize("width, height", [(1280, 800), (390, 844)])
def test_the_owner_sees_the_leaderboard_chart_and_table(browser, live_server, owner, organization, width, height):
    maria, dev, _sam, _max = make_team(organization, [*TEAM, LONG_NAME])
    period = make_period(organization)
    with unit_of_work(organization.id):
        for n in range(3):
            create_review_request(organization, {"email": f"c{n}@example.net"}, 0, employee_id=maria)
        create_review_request(organization, {"email": "d@example.net"}, 0, employee_id=dev)
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        log_in(page, live_server, owner.user.email)
        page.goto(f"{live_server}/employees/periods/{period}")
        expect(page.locator("#chart-leaderboard .main-svg").first).to_be_visible()  # Plotly drew it
        expect(page.get_by_role("link", name="Maria Lopez", exact=True)).to_be_visible()  # the numbers, in the table
        expect(page.get_by_text("Maria Lopez leads with 3 of 5 review requests sent")).to_be_visible()
        assert fits(page)
        screenshot(page, f"nudges-leaderboard-{width}")
        for path, name in (("/employees", "employees"), ("/employees/periods/new", "period-form"),
                           (f"/employees/{maria}", "employee")):
            page.goto(f"{live_server}{path}")
            assert fits(page), path
            screenshot(page, f"nudges-{name}-{width}")
    finally:
        context.close()


@pytest.mark.parametrize("width, height", [(1280, 800), (390, 844)])
def test_the_owner_imports_the_team_with_the_mapping_step(browser, live_server, owner, organization, tmp_path,
                                                          width, height):
    from tests.test_nudges_import import TEAM_CSV

    team_file = tmp_path / "team.csv"
    team_file.write_text(TEAM_CSV)
    commit_test_work()
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        log_in(page, live_server, owner.user.email)
        page.goto(f"{live_server}/employees/import")
        page.get_by_label("CSV file").set_input_files(str(team_file))
        page.get_by_role("button", name="Upload").click()
        expect(page.get_by_role("heading", name="Match the columns")).to_be_visible()
        expect(page.get_by_label("Full name")).to_have_value("name")  # guessed
        page.get_by_label("Shop").select_option("location")  # edited
        assert fits(page)
        screenshot(page, f"nudges-import-mapping-{width}")
        page.get_by_role("button", name="Import 5 rows").click()
        expect(page.get_by_role("heading", name="Import finished")).to_be_visible()
        expect(page.locator('[data-count="added"]')).to_have_text("2")
        expect(page.locator('[data-count="failed"]')).to_have_text("3")
        expect(page.locator(".import-failures tbody tr")).to_have_count(3)
        assert fits(page)
        screenshot(page, f"nudges-import-done-{width}")
    finally:
        context.close()
