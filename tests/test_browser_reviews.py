"""In a real Chromium: the team sends a request and watches the pipeline; the customer rates on a phone."""
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from nudgeweb.extensions import db
from nudgeweb.models import ReviewRequest
from nudgeweb.reviews import operations
from nudgeweb.reviews.links import LINK_LIFETIME, review_token
from nudgeweb.reviews.settings import review_settings_for
from nudgeweb.unit_of_work import unit_of_work
from tests.conftest import log_in, screenshot
from tests.reviews_support import give_review_link, token_signed

pytestmark = pytest.mark.browser


def test_team_sends_a_request_and_sees_it_move_in_the_pipeline(page, live_server, owner, organization):
    give_review_link(organization)
    log_in(page, live_server, owner.user.email)
    page.get_by_role("link", name="Ask for a review").click()
    page.get_by_label("First name").fill("Nina")
    page.get_by_label("Last name").fill("Ross")
    page.get_by_label("Email").fill("nina@example.com")
    page.get_by_label("Send after (hours)").fill("3")
    screenshot(page, "reviews-send-form")
    page.get_by_role("button", name="Send review request").click()
    expect(page.get_by_text("Review request for Nina Ross is scheduled.")).to_be_visible()
    expect(page.get_by_role("heading", name="Nina Ross")).to_be_visible()
    screenshot(page, "reviews-request-detail")

    page.locator(".sidebar").get_by_role("link", name="Review requests").click()
    row = page.locator("#pipeline tbody tr", has_text="Nina Ross")
    assert row.locator(".badge").inner_text() == "scheduled"
    request = db.session.query(ReviewRequest).one()
    with unit_of_work(organization.id):
        operations.rate(request, 5)  # the customer answers while the team watches: the list updates itself
    # (a locator, not wait_for_function: the page's CSP refuses the eval that a string predicate needs)
    expect(page.locator("#pipeline tbody .badge").first).to_have_text("reviewed", timeout=8000)
    page.get_by_label("Status", exact=True).select_option("reviewed")
    page.wait_for_url("**status=reviewed**")
    expect(page.locator("#pipeline tbody tr")).to_have_count(1)
    screenshot(page, "reviews-pipeline")


def test_customer_rates_clicks_a_site_and_leaves_feedback_on_a_phone(phone_page, live_server, organization):
    organization.brand_color = "#be123c"
    settings = review_settings_for(organization)
    settings.review_sites = [{"kind": "google", "name": "Google", "url": f"{live_server}/healthz"},
                             {"kind": "yelp", "name": "Yelp", "url": f"{live_server}/healthz"}]
    db.session.commit()
    with unit_of_work(organization.id):
        request = operations.create_review_request(organization, {"first_name": "Ann", "email": "ann@example.com"}, 0)
    page = phone_page
    page.goto(f"{live_server}/r/{review_token(request)}")
    expect(page.get_by_role("heading", name="How was your experience with Acme Plumbing?")).to_be_visible()
    screenshot(page, "review-page-phone")
    page.get_by_role("button", name="2 stars").click()
    page.get_by_text("You gave Acme Plumbing 2 stars").wait_for()
    expect(page.get_by_role("link", name="Review us on Google")).to_be_visible()  # low rating: still offered
    expect(page.get_by_role("link", name="Review us on Yelp")).to_be_visible()
    page.get_by_role("button", name="Send privately").click()  # empty: the 422 card is swapped in, error at the box
    expect(page.locator("#feedback-error")).to_have_text("Write a few words before sending.")
    page.get_by_label("Anything you'd like to tell us privately?").fill("The waiting room was cold.")
    page.get_by_role("button", name="Send privately").click()
    page.get_by_text("your message went straight to Acme Plumbing").wait_for()
    screenshot(page, "review-page-phone-rated")
    page.get_by_role("link", name="Review us on Yelp").click()
    page.wait_for_url(f"{live_server}/healthz")
    db.session.refresh(request)
    assert (request.status, request.rating, request.clicked_site) == ("reviewed", 2, "Yelp")
    assert request.feedback == "The waiting room was cold."
    page.goto(f"{live_server}/r/forged-token")
    expect(page.get_by_role("heading", name="We couldn't open this link")).to_be_visible()
    screenshot(page, "review-page-forged")


def test_an_expired_link_says_so_on_a_phone(phone_page, live_server, organization):
    with unit_of_work(organization.id):
        request = operations.create_review_request(organization, {"first_name": "Ann", "email": "ann@example.com"}, 0)
    answer = phone_page.goto(f"{live_server}/r/{token_signed(request, LINK_LIFETIME + timedelta(days=1))}")
    assert answer.status == 410
    expect(phone_page.get_by_role("heading", name="This link has expired")).to_be_visible()
    expect(phone_page.get_by_text("reply to the message you received")).to_be_visible()
    expect(phone_page.get_by_text("Acme Plumbing")).to_have_count(0)  # an old link tells nobody whose it was
    expect(phone_page.get_by_role("button")).to_have_count(0)  # nothing to rate or send
    screenshot(phone_page, "review-page-expired")


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_a_wrong_site_link_is_outlined_alone(request, live_server, owner, size):
    page = log_in(request.getfixturevalue("page" if size == "desktop" else "phone_page"), live_server, owner.user.email)
    page.goto(f"{live_server}/settings/reviews")
    page.get_by_label("Name of site 1").fill("Our Google page")
    page.get_by_label("Link of site 1").fill("google")
    page.get_by_role("button", name="Save review settings").click()
    expect(page.locator("#sites-0-url-error")).to_be_visible()
    border = "e => getComputedStyle(e).borderColor"
    untouched = page.get_by_label("Name of site 2").evaluate(border)
    assert page.get_by_label("Link of site 1").evaluate(border) != untouched  # red: the one to mend
    assert page.get_by_label("Site 1", exact=True).evaluate(border) == untouched
    assert page.get_by_label("Name of site 1").evaluate(border) == untouched
    page.locator("#sites-0-url-error").scroll_into_view_if_needed()
    screenshot(page, f"review-settings-bad-link-{size}")
