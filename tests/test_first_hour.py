"""The owner's first hour (issue 17): a real review link, honest statuses, a checklist that finishes,
asking from where you are, a bulk safety net, and the small things a newcomer trips over."""
import pytest

from nudgeweb.reviews.settings import clean_site, review_settings_for
from nudgeweb.reviews.site_links import review_link_problem
from tests.reviews_support import frozen_clock, give_review_link  # noqa: F401


@pytest.mark.parametrize("kind, url", [
    ("google", "https://g.page/r/CfQ2abcDEF/review"),
    ("google", "https://search.google.com/local/writereview?placeid=ChIJN1t_tDeuEmsRUsoyG83frY4"),
    ("google", "https://maps.app.goo.gl/AbCdEf12345"),
    ("facebook", "https://www.facebook.com/mapleplumbing/reviews"),
    ("yelp", "https://www.yelp.com/writeareview/biz/abc123"),
    ("yelp", "https://www.yelp.com/biz/maple-street-plumbing-springfield"),
    ("trustpilot", "https://www.trustpilot.com/evaluate/maplestreet.example"),
    ("other", "https://www.angi.com/companylist/us/il/springfield/maple-street-plumbing-reviews.htm"),
])
def test_a_write_a_review_link_is_accepted(kind, url):
    assert review_link_problem(kind, url) is None


@pytest.mark.parametrize("kind, url, reason", [
    ("google", "https://www.google.com/search?q=Maple+Street+Plumbing+reviews", "search results"),
    ("other", "https://www.bing.com/search?q=maple+street", "search results"),
    ("yelp", "https://www.yelp.com/search?find_desc=Maple+Street", "search results"),
    ("facebook", "https://www.facebook.com/search/top?q=maple", "search results"),
    ("google", "https://www.yelp.com/biz/maple", "not a Google address"),
    ("yelp", "https://www.yelp.com/", "not a review page on Yelp"),
    ("other", "https://maplestreet.example/", "home page"),
    ("other", "maplestreet.example/reviews", "starting with https://"),
])
def test_a_search_page_or_a_page_that_is_no_review_page_is_refused_with_why(kind, url, reason):
    assert reason in review_link_problem(kind, url)
    assert clean_site(kind, "", url)[0] is None


def test_a_new_business_has_no_review_site_and_the_send_form_says_so(owner_client, organization):
    assert review_settings_for(organization).review_sites == []
    page = owner_client.get("/review-requests/new").text
    assert "Add your review link first" in page and 'href="/settings/reviews"' in page
    refused = owner_client.post("/review-requests/new", data={"first_name": "Bo", "email": "bo@example.com",
                                                               "delay_hours": "0", "channel": "auto"})
    assert refused.status_code == 422 and "nowhere to review you" in refused.text
    give_review_link(organization)
    assert "Add your review link first" not in owner_client.get("/review-requests/new").text


def test_settings_refuse_a_search_link_at_its_field_and_preview_the_customer_page(owner_client, organization):
    form = {"sites-0-kind": "google", "sites-0-url": "https://www.google.com/search?q=acme", "default_channel": "auto",
            "default_delay_hours": "0", "ask_again_after_days": "30", "follow_ups-0-delay_days": "3"}
    refused = owner_client.post("/settings/reviews", data=form)
    assert refused.status_code == 422
    assert 'id="sites-0-url-error">That is a page of search results' in refused.text
    form["sites-0-url"] = "https://g.page/r/acme/review"
    assert owner_client.post("/settings/reviews", data=form).status_code == 303
    page = owner_client.get("/settings/reviews").text
    assert "What your customers see" in page and "Review us on Google" in page
    assert "Where do I find my review link?" in page and "business.google.com" in page
