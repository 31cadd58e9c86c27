"""Per-credential rate limits: so many requests a minute, counted cheaply on every request.

The counters live in Flask-Limiter's storage (RATELIMIT_STORAGE_URI; ``memory://`` is this
process). On Redis one script call increments, starts the window and reads its time left, so
every web process shares the counters at one round trip a request, on a connection each thread
keeps (taking one from redis-py's pool and giving it back costs more CPU than the call itself).
A credential's window opens with its first request and lasts a minute, so a client that stays
under the limit is never refused however its requests fall on the clock.
"""
import math
import os
import threading
import time

from flask import current_app, g

from nudgeweb.api.errors import ApiError
from nudgeweb.extensions import limiter

WINDOW_SECONDS = 60


class RedisCounter:
    """Counters in Redis, shared by every process: one round trip a request."""

    SCRIPT = """
    local count = redis.call('INCR', KEYS[1])
    local left = redis.call('PTTL', KEYS[1])
    if count == 1 or left < 0 then
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        left = tonumber(ARGV[1])
    end
    return {count, left}
    """

    def __init__(self, url):
        import redis

        self.client = redis.Redis.from_url(url)
        self.sha = self.client.script_load(self.SCRIPT)
        self.errors = (redis.ConnectionError, redis.TimeoutError, redis.exceptions.NoScriptError)
        self.local = threading.local()
        self.packed = {}  # each counter's command, packed once: the same bytes every request

    def hit(self, key):
        try:
            count, left_ms = self._call(key)
        except self.errors:  # Redis restarted or the connection dropped: once more, on a new one
            self.local.connection.disconnect()
            self.sha = self.client.script_load(self.SCRIPT)
            self.packed.clear()
            count, left_ms = self._call(key)
        return int(count), time.time() + int(left_ms) / 1000

    def _call(self, key):
        connection = getattr(self.local, "connection", None)
        if connection is None or self.local.pid != os.getpid():  # never the socket of a process forked from
            connection = self.local.connection = self.client.connection_pool.make_connection()
            self.local.pid = os.getpid()
        packed = self.packed.get(key)
        if packed is None:
            if len(self.packed) >= 10_000:
                self.packed.clear()
            packed = self.packed[key] = connection.pack_command("EVALSHA", self.sha, 1, key, WINDOW_SECONDS * 1000)
        connection.send_packed_command(packed, check_health=False)
        return connection.read_response()


class LimiterCounter:
    """Flask-Limiter's own storage (memory:// and any other): its counter's window opens with the first hit."""

    def hit(self, key):
        storage = limiter.limiter.storage
        count = storage.incr(key, WINDOW_SECONDS)
        return count, storage.get_expiry(key)


def counter():
    """This app's counter, made on first use from RATELIMIT_STORAGE_URI."""
    found = current_app.extensions.get("api_rate_counter")
    if found is None:
        url = current_app.config.get("RATELIMIT_STORAGE_URI", "memory://")
        if url.startswith(("redis://", "rediss://", "unix://")):
            found = RedisCounter(url)
        else:
            found = LimiterCounter()
        current_app.extensions["api_rate_counter"] = found
    return found


def counter_key(credential):
    prefix = current_app.config.get("RATELIMIT_KEY_PREFIX", "")
    return f"{prefix}/api/{credential.rate_key}/{credential.rate_limit}"


def count_request(credential):
    """Count this request against the credential's limit; a 429 ERR_RATE_LIMIT when it is spent."""
    if not limiter.enabled:
        return
    limit = credential.rate_limit
    count, reset_at = counter().hit(counter_key(credential))
    g.api_rate_limit = (limit, max(0, limit - count), int(reset_at))
    if count > limit:
        retry_after = max(1, math.ceil(reset_at - time.time()))
        raise ApiError(429, f"Rate limit of {limit} requests a minute exceeded. Retry after {retry_after} seconds.",
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
