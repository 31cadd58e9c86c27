"""Password guessing and account spam are slowed per account and per network address, on the web
pages and the API alike, with a 429 that says what was counted and how long to wait."""
import itertools

import pytest

from nudgeweb.auth.throttle import LOGIN_PER_ACCOUNT
from nudgeweb.settings.invitations import invitation_link, invite
from tests.factories import DEFAULT_PASSWORD

_addresses = (f"198.51.100.{n % 250}" if n < 250 else f"203.0.113.{n % 250}" for n in itertools.count())


@pytest.fixture
def address():
    """A network address of this test's own: counters kept per address do not cross tests."""
    return next(_addresses)


@pytest.fixture(autouse=True)
def _owner_can_log_in_in_later_tests(app, owner):
    """The factories give the next tests' owners the same emails: this test's failures must not hold them."""
    yield
    with app.test_request_context():
        LOGIN_PER_ACCOUNT.forget(owner.user.email)


def post_from(client, address, path, **kwargs):
    return client.post(path, environ_base={"REMOTE_ADDR": address}, **kwargs)


def fail_logins(client, email, times, addresses):
    for _ in range(times):
        wrong = post_from(client, next(addresses), "/login", data={"email": email, "password": "not-the-password"})
        assert wrong.status_code == 422


def assert_refused_page(response, counted, button):
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    text = response.get_data(as_text=True)
    assert f"Too many {counted}" in text and "Please try again in" in text
    assert '<form method="post"' in text and button in text  # the form is there to try again later


def test_web_login_stops_after_ten_failures_for_one_account_from_any_address(client, owner, address):
    fail_logins(client, owner.user.email, 10, _addresses)  # a botnet: every guess from another address
    right = post_from(client, address, "/login", data={"email": owner.user.email.upper(), "password": DEFAULT_PASSWORD})
    assert_refused_page(right, "failed logins for this account (10 in 15 minutes)", "Log in")
    api = post_from(client, address, "/api/v1/auth/login", json={"email": owner.user.email, "password": DEFAULT_PASSWORD})
    assert api.status_code == 429 and api.json["errors"][0]["code"] == "ERR_RATE_LIMIT"
    assert "failed logins for this account" in api.json["errors"][0]["detail"] and int(api.headers["Retry-After"]) > 0


def test_web_login_stops_after_thirty_failures_from_one_address(client, owner, other_owner, address):
    for number in range(30):  # one address trying many accounts
        wrong = post_from(client, address, "/login", data={"email": f"guess{number}@nowhere.example", "password": "guess"})
        assert wrong.status_code == 422
    right = post_from(client, address, "/login", data={"email": owner.user.email, "password": DEFAULT_PASSWORD})
    assert_refused_page(right, "failed logins from your network (30 in 15 minutes)", "Log in")
    elsewhere = post_from(client, next(_addresses), "/login", data={"email": owner.user.email, "password": DEFAULT_PASSWORD})
    assert elsewhere.status_code == 302  # the account itself is not held


def test_successful_logins_are_not_counted_and_forgive_earlier_typos(app, owner, address):
    for _ in range(12):
        client = app.test_client()
        assert post_from(client, address, "/login", data={"email": owner.user.email, "password": DEFAULT_PASSWORD}).status_code == 302
    fail_logins(app.test_client(), owner.user.email, 9, _addresses)
    assert post_from(app.test_client(), address, "/login",
                     data={"email": owner.user.email, "password": DEFAULT_PASSWORD}).status_code == 302
    fail_logins(app.test_client(), owner.user.email, 9, _addresses)  # a fresh count of ten
    assert post_from(app.test_client(), address, "/login",
                     data={"email": owner.user.email, "password": DEFAULT_PASSWORD}).status_code == 302


def test_api_login_failures_count_against_the_account_too(client, owner, address):
    for _ in range(10):
        wrong = post_from(client, next(_addresses), "/api/v1/auth/login",
                          json={"email": owner.user.email, "password": "not-the-password"})
        assert wrong.status_code == 401
    right = post_from(client, address, "/api/v1/auth/login", json={"email": owner.user.email, "password": DEFAULT_PASSWORD})
    assert right.status_code == 429
    web = post_from(client, address, "/login", data={"email": owner.user.email, "password": DEFAULT_PASSWORD})
    assert web.status_code == 429


def test_signup_is_limited_per_address(client, app_ctx, address):
    def sign_up(number, source=address):
        return post_from(client, source, "/signup", data={
            "business_name": f"Shop {number}", "name": "Sam", "email": f"sam{number}@example.com",
            "password": "a-long-password"})

    for number in range(10):
        assert sign_up(number).status_code == 302
        client.post("/logout")
    refused = sign_up(10)
    assert_refused_page(refused, "sign-ups from your network (10 in 60 minutes)", "Create account")
    assert 'value="sam10@example.com"' in refused.get_data(as_text=True)  # what was typed is kept
    assert sign_up(11, next(_addresses)).status_code == 302


def test_invitation_acceptance_is_limited_per_address(app, owner, organization, address):
    links = []
    for number in range(21):
        invitation = invite(organization, f"joiner{number}@example.com", "viewer", owner)
        links.append(invitation_link(invitation).removeprefix("http://localhost"))
    for link in links[:20]:
        joined = post_from(app.test_client(), address, link, data={"name": "Jo", "password": "a-long-password"})
        assert joined.status_code == 303
    refused = post_from(app.test_client(), address, links[20], data={"name": "Jo", "password": "a-long-password"})
    assert_refused_page(refused, "invitations accepted from your network (20 in 60 minutes)", "Create my account and join")
    assert post_from(app.test_client(), next(_addresses), links[20],
                     data={"name": "Jo", "password": "a-long-password"}).status_code == 303
