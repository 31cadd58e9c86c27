"""Account enumeration: whether an address has an account must not show in the time /login and
/api/v1/auth/login take, nor in what "forgot password?" answers.

Sign-up keeps saying "An account with this email already exists" (tests/test_auth.py): sign-up logs the
newcomer in at once, so a taken address cannot look like a new one, and /signup is rate limited instead."""
import re
import statistics
import time

import pytest
from sqlalchemy import func, select

from nudgeweb.auth.operations import normalize_email
from nudgeweb.models import db
from nudgeweb.models.messages import Message
from tests.factories import MembershipFactory

CSRF_TOKEN = re.compile(r'"X-CSRFToken": "[^"]+"')
SAMPLES = 5
# Before the fix an unknown address cost about a twentieth of a wrong password (no password hash to check);
# with the fix the two cost the same, so half is a wide margin on both sides.
AT_LEAST = 0.5


@pytest.fixture
def real_password_hashing(app):
    """The hasher every install uses (the suite's cheap one would hide a skipped verification in the noise)."""
    app.config["PASSWORD_HASHER"] = "argon2id"
    yield
    app.config["PASSWORD_HASHER"] = "argon2id-cheap-for-tests"


def median_costs(**attempts):
    """The median CPU time this process spends on each kind of attempt, the kinds taken in turn.

    CPU time is the work a request does (the password hash's included, on whatever threads it runs): a busy
    machine makes the wall time of any one request longer, but not its CPU time. Taking the kinds in turn
    spreads whatever is left (caches, frequency) over both alike."""
    costs = {name: [] for name in attempts}
    for number in range(SAMPLES):
        for name, attempt in attempts.items():
            start = time.process_time()
            attempt(number)
            costs[name].append(time.process_time() - start)
    return {name: statistics.median(values) for name, values in costs.items()}


def test_web_login_of_an_unknown_address_costs_as_much_as_a_wrong_password(app, client, app_ctx, real_password_hashing):
    known = MembershipFactory().user.email

    def log_in(email):
        answer = client.post("/login", data={"email": email, "password": "not the password at all"})
        assert answer.status_code == 422 and "match an account" in answer.text

    costs = median_costs(wrong_password=lambda n: log_in(known), unknown_address=lambda n: log_in(f"nobody{n}@example.com"))
    assert costs["unknown_address"] > AT_LEAST * costs["wrong_password"], costs


def test_api_login_of_an_unknown_address_costs_as_much_as_a_wrong_password(app, client, app_ctx, real_password_hashing):
    known = MembershipFactory().user.email

    def log_in(email):
        answer = client.post("/api/v1/auth/login", json={"email": email, "password": "not the password at all"})
        assert answer.status_code == 401

    costs = median_costs(wrong_password=lambda n: log_in(known), unknown_address=lambda n: log_in(f"nobody{n}@example.com"))
    assert costs["unknown_address"] > AT_LEAST * costs["wrong_password"], costs


def test_forgot_password_answers_the_same_for_known_and_unknown_addresses(app, client, app_ctx):
    known = MembershipFactory().user.email

    def answer_for(email):
        answer = client.post("/forgot-password", data={"email": email})
        page = answer.text.replace(normalize_email(email), "ADDRESS")  # shown as normalized
        return answer.status_code, CSRF_TOKEN.sub("CSRF-TOKEN", page)  # signed with the second it was made in

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
