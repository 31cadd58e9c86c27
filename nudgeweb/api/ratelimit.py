"""Per-credential rate limits on Flask-Limiter's storage and strategy (memory, or Redis when configured).

The API counts each request once its credential is known, straight on the limiter's strategy
(``limiter.limiter``) rather than through a decorated route: that keeps the bookkeeping to one
storage call and one read of the window, and lets the organization's own limit apply.
"""
import time
from functools import lru_cache

from flask import current_app, g
from limits import parse

from nudgeweb.api.errors import ApiError
from nudgeweb.extensions import limiter

SCOPE = "api"


@lru_cache(maxsize=64)
def _per_minute(amount):
    return parse(f"{amount}/minute")


def limit_of(credential):
    """The credential's rate limit item and its counter's key parts."""
    return _per_minute(credential.rate_limit), (current_app.config.get("RATELIMIT_KEY_PREFIX", ""),
                                                credential.rate_key, SCOPE)


def count_request(credential):
    """Count this request against the credential's limit; a 429 ERR_RATE_LIMIT when it is spent."""
    if not limiter.enabled:
        return
    item, key = limit_of(credential)
    allowed = limiter.limiter.hit(item, *key)
    reset_at, remaining = limiter.limiter.get_window_stats(item, *key)
    g.api_rate_limit = (item.amount, max(0, remaining), int(reset_at))
    if not allowed:
        retry_after = max(1, int(reset_at - time.time()))
        raise ApiError(429, f"Rate limit of {item.amount} requests a minute exceeded. Retry after {retry_after} seconds.",
                       "ERR_RATE_LIMIT", "Too many requests", headers={"Retry-After": str(retry_after)})


def add_headers(response):
    """X-RateLimit-Limit, -Remaining and -Reset (Unix time) on every counted response."""
    counted = g.get("api_rate_limit")
    if counted:
        limit, remaining, reset_at = counted
        response.headers["X-RateLimit-Limit"] = str(limit)
        response.headers["X-RateLimit-Remaining"] = str(remaining)
        response.headers["X-RateLimit-Reset"] = str(reset_at)
    return response
