"""Password guessing and account spam, slowed: so many attempts per account and per network address.

The counts live in Flask-Limiter's storage (RATELIMIT_STORAGE_URI), so every web process shares
them, and the login page and the API's /auth/login count against the same ones: an attacker gains
nothing by switching. Only failed logins count, so a team logging in all day is never held up.
"""
import math
import time
from dataclasses import dataclass

from flask import current_app
from flask_limiter.util import get_remote_address
from limits import RateLimitItemPerMinute

from nudgeweb.auth import operations
from nudgeweb.extensions import limiter


class TooManyAttempts(Exception):
    """Refused before trying: the message says what was counted, the limit and how long to wait."""

    def __init__(self, message, retry_after):
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Throttle:
    name: str
    amount: int
    minutes: int
    counted: str  # what is counted, for the message: "failed logins for this account"

    @property
    def item(self):
        return RateLimitItemPerMinute(self.amount, self.minutes)

    def _identifiers(self, key):
        return current_app.config.get("RATELIMIT_KEY_PREFIX", ""), self.name, key

    def check(self, key):
        """Raise TooManyAttempts if ``key`` has used up its attempts."""
        if limiter.enabled and not limiter.limiter.test(self.item, *self._identifiers(key)):
            reset_at = limiter.limiter.get_window_stats(self.item, *self._identifiers(key)).reset_time
            wait = max(1, math.ceil(reset_at - time.time()))
            raise TooManyAttempts(f"Too many {self.counted} ({self.amount} in {self.minutes} minutes). "
                                  f"Please try again in {_in_words(wait)}.", wait)

    def count(self, key):
        if limiter.enabled:
            limiter.limiter.hit(self.item, *self._identifiers(key))

    def forget(self, key):
        if limiter.enabled:
            limiter.limiter.clear(self.item, *self._identifiers(key))

    def attempt(self, key):
        """Check, then count this attempt."""
        self.check(key)
        self.count(key)


LOGIN_PER_ACCOUNT = Throttle("login-account", 10, 15, "failed logins for this account")
LOGIN_PER_ADDRESS = Throttle("login-address", 30, 15, "failed logins from your network")
SIGNUP_PER_ADDRESS = Throttle("signup-address", 10, 60, "sign-ups from your network")
INVITATION_PER_ADDRESS = Throttle("invitation-address", 20, 60, "invitations accepted from your network")


def authenticate(email, password):
    """operations.authenticate(), refused (TooManyAttempts) while this account or this address has
    failed too often; a failure counts against both."""
    limits = ((LOGIN_PER_ACCOUNT, operations.normalize_email(email)), (LOGIN_PER_ADDRESS, get_remote_address()))
    for throttle, key in limits:
        throttle.check(key)
    user = operations.authenticate(email, password)
    if user is None:
        for throttle, key in limits:
            throttle.count(key)
    else:  # the owner's typos are forgiven once they get in
        LOGIN_PER_ACCOUNT.forget(user.email)
    return user


def sign_up_attempt():
    SIGNUP_PER_ADDRESS.attempt(get_remote_address())


def invitation_attempt():
    INVITATION_PER_ADDRESS.attempt(get_remote_address())


def _in_words(seconds):
    if seconds < 60:
        return f"{seconds} second{'s' * (seconds != 1)}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'s' * (minutes != 1)}"
