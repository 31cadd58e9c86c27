"""Account enumeration: whether an address has an account must not show in the time /login and
/api/v1/auth/login take, nor in what "forgot password?" answers.

Sign-up keeps saying "An account with this email already exists" (tests/test_auth.py): sign-up logs the
newcomer in at once, so a taken address cannot look like a new one, and /signup is rate limited instead."""
import time

from sqlalchemy import func, select

from nudgeweb.auth.operations import normalize_email
from nudgeweb.models import db
from nudgeweb.models.messages import Message
from tests.factories import MembershipFactory

ATTEMPTS = 3


def fastest(attempt):
    """The shortest of a few timings: the work a request costs, without the noise of a busy machine."""
    timings = []
    for number in range(ATTEMPTS):
        start = time.perf_counter()
        attempt(number)
        timings.append(time.perf_counter() - start)
    return min(timings)


def test_web_login_of_an_unknown_address_costs_as_much_as_a_wrong_password(app, client, app_ctx):
    known = MembershipFactory().user.email

    def log_in(email):
        answer = client.post("/login", data={"email": email, "password": "not the password at all"})
        assert answer.status_code == 422 and "match an account" in answer.text

    wrong_password = fastest(lambda n: log_in(known))
    unknown_address = fastest(lambda n: log_in(f"nobody{n}@example.com"))
    # Before the fix an unknown address answered about twenty times sooner (no password hash to check).
    assert unknown_address > 0.5 * wrong_password, (unknown_address, wrong_password)


def test_api_login_of_an_unknown_address_costs_as_much_as_a_wrong_password(app, client, app_ctx):
    known = MembershipFactory().user.email

    def log_in(email):
        answer = client.post("/api/v1/auth/login", json={"email": email, "password": "not the password at all"})
        assert answer.status_code == 401

    wrong_password = fastest(lambda n: log_in(known))
    unknown_address = fastest(lambda n: log_in(f"nobody{n}@example.com"))
    assert unknown_address > 0.5 * wrong_password, (unknown_address, wrong_password)


def test_forgot_password_answers_the_same_for_known_and_unknown_addresses(app, client, app_ctx):
    known = MembershipFactory().user.email

    def answer_for(email):
        answer = client.post("/forgot-password", data={"email": email})
        return answer.status_code, answer.text.replace(normalize_email(email), "ADDRESS")  # shown as normalized

    status, page = answer_for(known)
    assert status == 200 and "If <strong>ADDRESS</strong> has a Nudge account" in page
    assert answer_for("nobody@example.com") == (status, page)


def test_forgot_password_is_rate_limited_per_address(app, app_ctx):
    """Nobody can flood a mailbox with reset emails; the limit is the same for any address."""
    known = MembershipFactory().user.email
    for email in (known, "nobody.limited@example.com"):
        answers = [app.test_client().post("/forgot-password", data={"email": email}).status_code for _ in range(6)]
        assert answers == [200] * 5 + [429]
    assert db.session.scalar(select(func.count()).select_from(Message).where(Message.to == known)) == 5
