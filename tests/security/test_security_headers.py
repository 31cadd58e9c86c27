"""Every page carries the security headers, and every page works under its Content-Security-Policy:
a real Chromium reports no violation (no inline script, handler or style slips through)."""
from urllib.parse import urlencode

import pytest
from flask import url_for
from sqlalchemy import select

from config import TestConfig
from nudgeweb import create_app
from nudgeweb.delivery.tracking import unsubscribe_url
from nudgeweb.models import Message, db
from nudgeweb.models.employees import CampaignParticipant
from nudgeweb.navigation import AREAS, SETTINGS_SECTIONS
from nudgeweb.nudges.links import employee_token
from nudgeweb.reviews import operations as reviews
from nudgeweb.reviews.links import review_link
from nudgeweb.settings.invitations import invitation_link, invite
from tests.conftest import log_in, screenshot
from tests.delivery_support import email_template
from tests.nudges_support import make_period, make_team
from tests.oauth_flow import pkce_pair, register_client
from tests.reviews_support import frozen_clock  # noqa: F401  (the employee's period runs on the frozen clock)


def navigation_paths(app):
    """Every page the navigation links to, the areas and the Settings tabs, as a user clicks them."""
    from nudgeweb.navigation import area_endpoint

    with app.test_request_context():
        return ([url_for(area_endpoint(area)) for area in AREAS]
                + [url_for(endpoint) for endpoint, _ in SETTINGS_SECTIONS])


@pytest.fixture
def site(app, owner, organization):
    """The pages of a business with something on each: a template, a message, a review request, an app."""
    template = email_template(organization)
    invitation = invite(organization, "joiner@example.com", "viewer", owner)
    message = db.session.scalars(select(Message).where(Message.to == "joiner@example.com")).one()
    request = reviews.create_review_request(organization, {"first_name": "Ann", "email": "ann@example.com"}, 0)
    client_id, _ = register_client(owner, redirect_uri="https://shop.example/callback")
    consent = {"response_type": "code", "client_id": client_id, "redirect_uri": "https://shop.example/callback",
               "state": "s1", "scope": "read", "code_challenge": pkce_pair()[1], "code_challenge_method": "S256"}
    local = lambda url: url.removeprefix(app.config["BASE_URL"])  # noqa: E731
    member_pages = [*navigation_paths(app), "/contacts/new", "/contacts/import", "/review-requests/new",
                    "/review-requests/bulk", f"/templates/{template.id}", "/templates/new?channel=email",
                    f"/outbox/{message.id}", f"/oauth/authorize?{urlencode(consent)}", "/api/docs"]
    token_pages = [local(review_link(request)), local(unsubscribe_url(message.id)), local(invitation_link(invitation))]
    return {"member": member_pages, "anonymous": ["/login", "/signup", "/forgot-password"], "token": token_pages}


def assert_security_headers(response, referrer_policy):
    csp = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["script-src"] == "'self'"  # no inline script, no eval, no other origin
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert "'unsafe-inline'" not in directives["style-src"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == referrer_policy
    assert "Strict-Transport-Security" not in response.headers  # plain HTTP here: see the HTTPS test


def test_every_page_carries_the_security_headers(app, owner_client, site):
    anonymous = app.test_client()
    for path in site["member"]:
        response = owner_client.get(path)
        assert response.status_code == 200, path
        assert_security_headers(response, "strict-origin-when-cross-origin")
    for path in site["anonymous"]:
        assert_security_headers(anonymous.get(path), "strict-origin-when-cross-origin")
    for path in site["token"]:  # a token in the address never leaves in a Referer header
        response = anonymous.get(path)
        assert response.status_code == 200, path
        assert_security_headers(response, "no-referrer")
    for answer in (anonymous.get("/no-such-page"), anonymous.get("/api/v1/contacts"), anonymous.get("/healthz")):
        assert answer.headers["X-Content-Type-Options"] == "nosniff" and answer.headers["X-Frame-Options"] == "DENY"


def test_the_links_that_redirect_with_a_token_send_no_referrer(app, organization):
    request = reviews.create_review_request(organization, {"first_name": "Ann", "email": "ann@example.com"}, 0)
    path = review_link(request).removeprefix(app.config["BASE_URL"])
    went = app.test_client().get(f"{path}/go/0")
    assert went.headers["Referrer-Policy"] == "no-referrer"


def test_every_view_of_the_link_pages_sends_no_referrer(app, organization, frozen_clock):
    """The customer's and the employee's pages, their posts (limited per link) and what a forged link gets."""
    request = reviews.create_review_request(organization, {"first_name": "Ann", "email": "ann@example.com"}, 0)
    maria = make_team(organization)[0]
    make_period(organization)
    participant = db.session.scalars(select(CampaignParticipant).where(CampaignParticipant.employee_id == maria)).one()
    review, employee = review_link(request).removeprefix(app.config["BASE_URL"]), f"/e/{employee_token(participant)}"
    anonymous = app.test_client()
    answers = [anonymous.get(review), anonymous.post(f"{review}/rate", data={"rating": "5"}),
               anonymous.post(f"{review}/feedback", data={"feedback": "Quick and kind."}), anonymous.get("/r/forged"),
               anonymous.get(employee), anonymous.post(employee, data={"name": "Jo"}), anonymous.get("/e/forged")]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 404, 200, 422, 404]
    assert {answer.headers["Referrer-Policy"] for answer in answers} == {"no-referrer"}


def test_https_sites_get_hsts(tmp_path):
    app = create_app(TestConfig(tmp_path, SESSION_COOKIE_SECURE=True))
    response = app.test_client().get("/login", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def watch_for_violations(page):
    """Every CSP violation of the page and its frames, and every script error, as Chromium reports them."""
    seen = []
    page.add_init_script("document.addEventListener('securitypolicyviolation', (e) => "
                         "console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));")
    page.on("console", lambda message: seen.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: seen.append(f"script error: {error}"))
    return seen


@pytest.mark.browser
def test_every_page_runs_under_its_policy_in_chromium(browser, live_server, owner, site):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    seen = watch_for_violations(page)
    for path in site["anonymous"]:
        page.goto(f"{live_server}{path}")
        page.wait_for_load_state("networkidle")
    log_in(page, live_server, owner.user.email)
    for path in site["member"]:
        page.goto(f"{live_server}{path}")
        page.wait_for_load_state("networkidle")
        assert page.locator("body").inner_text().strip(), path
    page.goto(f"{live_server}/api/docs")
    page.locator(".swagger-ui .info .title").wait_for()  # the reference rendered from the vendored bundle
    screenshot(page, "csp-api-docs")
    context.close()
    anonymous = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    public = anonymous.new_page()
    seen += watch_for_violations(public)
    for path in site["token"]:
        public.goto(f"{live_server}{path}")
        public.wait_for_load_state("networkidle")
    public.goto(f"{live_server}{site['token'][0]}")
    public.get_by_role("button", name="4 stars").click()  # htmx swaps the card: still within the policy
    public.get_by_text("You gave").wait_for()
    screenshot(public, "csp-review-page-phone")
    anonymous.close()
    assert seen == []


@pytest.mark.browser
def test_the_consent_page_cannot_be_framed(browser, live_server, owner, site):
    """A page frames the consent page to trick a click on Allow: Chromium shows nothing of it (the
    framing page is put on this very origin, the case most likely to slip through)."""
    context = browser.new_context()
    page = context.new_page()
    log_in(page, live_server, owner.user.email)
    consent = next(path for path in site["member"] if path.startswith("/oauth/authorize"))
    page.route(f"{live_server}/framing-page", lambda route: route.fulfill(
        content_type="text/html", body=f'<iframe id="victim" src="{consent}"></iframe>'))
    with page.expect_response(lambda response: "/oauth/authorize" in response.url) as framed:
        page.goto(f"{live_server}/framing-page")
    assert framed.value.status == 200  # the server answered; the browser refused to show it in the frame
    page.wait_for_timeout(300)
    assert page.frame_locator("#victim").get_by_role("button", name="Allow").count() == 0
    context.close()
