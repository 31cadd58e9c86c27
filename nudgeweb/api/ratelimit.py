"""Per-credential rate limits: so many requests a minute, counted cheaply on every request.

The counters live in Flask-Limiter's storage (RATELIMIT_STORAGE_URI; ``memory://`` is this
process). On Redis one script call increments, starts the window and reads its time left, so
every web process shares the counters at one round trip a request, on a connection each thread
keeps (taking one from redis-py's pool and giving it back costs more CPU than the call itself),
and a read does its work while that trip is under way (``count_request``).
A credential's window opens with its first request and lasts a minute, so a client that stays
under the limit is never refused however its requests fall on the clock.
"""
import math
import os
import threading
import time

from flask import current_app, g
from sqlalchemy import select

from nudgeweb.api.errors import ApiError
from nudgeweb.extensions import db, limiter
from nudgeweb.models import ApiSettings, Organization
from nudgeweb.signals import credentials_changed
from nudgeweb.unit_of_work import ACROSS_ORGANIZATIONS, after_commit

WINDOW_SECONDS = 60
DEFAULT_RATE_LIMIT = 1000  # requests a minute per credential, unless the organization has its own


def rate_limit_of(organization_id):
    """Requests a minute that each credential of the organization may make."""
    limit = db.session.scalar(
        select(ApiSettings.rate_limit_per_minute).where(ApiSettings.organization_id == organization_id)
        .execution_options(**ACROSS_ORGANIZATIONS)  # named here: a credential is verified before its organization is in force
    )
    return limit or DEFAULT_RATE_LIMIT


def set_rate_limit(organization: Organization, per_minute: int):
    """Give each credential of ``organization`` ``per_minute`` requests a minute, in a new window
    (the counters are kept per limit). This process applies it once it commits; other web processes
    once their cached credentials expire (API_CREDENTIAL_CACHE_SECONDS)."""
    if per_minute < 1:
        raise ValueError("The rate limit must be at least 1 request a minute.")
    settings = db.session.scalar(select(ApiSettings).where(ApiSettings.organization_id == organization.id))
    if settings is None:
        settings = ApiSettings(organization_id=organization.id)
        db.session.add(settings)
    settings.rate_limit_per_minute = per_minute
    db.session.flush()
    after_commit(credentials_changed.send)


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
        return self.start(key)()

    def start(self, key):
        """Send the count of ``key`` now; the function returned reads (count, reset time). In
        between, the request can do its own work while Redis answers."""
        try:
            connection = self._send(key)
        except self.errors:
            return self._again(key)

        def answer():
            try:
                return self._counted(connection.read_response())
            except self.errors:
                return self._again(key)()

        return answer

    def _again(self, key):
        """Redis restarted, dropped the connection or forgot the script: once more, on a new one."""
        connection = getattr(self.local, "connection", None)
        if connection is not None:
            connection.disconnect()
        self.sha = self.client.script_load(self.SCRIPT)
        self.packed.clear()
        counted = self._counted(self._send(key).read_response())
        return lambda: counted

    @staticmethod
    def _counted(reply):
        count, left_ms = reply
        return int(count), time.time() + int(left_ms) / 1000

    def _send(self, key):
        connection = getattr(self.local, "connection", None)
        if connection is None or self.local.pid != os.getpid():  # never the socket of a process forked from
            # a connection of this thread's own, outside the pool's count: a server that starts a thread a
            # request (werkzeug's) would otherwise use up the pool; it closes when its thread is gone
            pool = self.client.connection_pool
            connection = self.local.connection = pool.connection_class(**pool.connection_kwargs)
            self.local.pid = os.getpid()
        packed = self.packed.get(key)
        if packed is None:
            if len(self.packed) >= 10_000:
                self.packed.clear()
            packed = self.packed[key] = connection.pack_command("EVALSHA", self.sha, 1, key, WINDOW_SECONDS * 1000)
        connection.send_packed_command(packed, check_health=False)
        return connection


class LocalCounter:
    """memory://: this process's counters. Not Flask-Limiter's memory storage, whose every hit starts a
    timer thread to expire keys (a third of a millisecond of CPU a request, measured)."""

    MAX_KEYS = 10_000

    def __init__(self):
        self.windows = {}  # key: (count, the time its window ends)
        self.lock = threading.Lock()

    def hit(self, key):
        now = time.time()
        with self.lock:
            count, reset_at = self.windows.get(key, (0, 0.0))
            if reset_at <= now:
                count, reset_at = 0, now + WINDOW_SECONDS
                if len(self.windows) >= self.MAX_KEYS:
                    self.windows = {name: window for name, window in self.windows.items() if window[1] > now}
            self.windows[key] = (count + 1, reset_at)
        return count + 1, reset_at

    def start(self, key):
        counted = self.hit(key)
        return lambda: counted

    def reset(self):
        with self.lock:
            self.windows.clear()


class LimiterCounter:
    """Flask-Limiter's own storage (any but memory:// and Redis): its counter's window opens with the first hit."""

    def hit(self, key):
        storage = limiter.limiter.storage
        count = storage.incr(key, WINDOW_SECONDS)
        return count, storage.get_expiry(key)

    def start(self, key):
        counted = self.hit(key)
        return lambda: counted


def counter():
    """This app's counter, made on first use from RATELIMIT_STORAGE_URI."""
    found = current_app.extensions.get("api_rate_counter")
    if found is None:
        url = current_app.config.get("RATELIMIT_STORAGE_URI", "memory://")
        if url.startswith(("redis://", "rediss://", "unix://")):
            found = RedisCounter(url)
        elif url.startswith("memory://"):
            found = LocalCounter()
        else:
            found = LimiterCounter()
        current_app.extensions["api_rate_counter"] = found
    return found


def counter_key(credential):
    prefix = current_app.config.get("RATELIMIT_KEY_PREFIX", "")
    return f"{prefix}/api/{credential.rate_key}/{credential.rate_limit}"


def count_request(credential):
    """Count this request against the credential's limit. The count is sent now and its answer
    read by the function returned, which raises the 429 ERR_RATE_LIMIT when the limit is spent:
    a read can be done meanwhile (and its answer dropped), a write must wait for it."""
    if not limiter.enabled:
        return _nothing
    limit = credential.rate_limit
    answer = counter().start(counter_key(credential))

    def settle():
        count, reset_at = answer()
        g.api_rate_limit = (limit, max(0, limit - count), int(reset_at))
        if count > limit:
            retry_after = max(1, math.ceil(reset_at - time.time()))
            raise ApiError(429, f"Rate limit of {limit} requests a minute exceeded. Retry after {retry_after} seconds.",
                           "ERR_RATE_LIMIT", "Too many requests", headers={"Retry-After": str(retry_after)})

    return settle


def _nothing():
    pass


def add_headers(response):
    """X-RateLimit-Limit, -Remaining, -Reset (Unix time) and -Reset-After (seconds) on every counted response."""
    counted = g.get("api_rate_limit")
    if counted:
        limit, remaining, reset_at = counted
        response.headers["X-RateLimit-Limit"] = str(limit)
        response.headers["X-RateLimit-Remaining"] = str(remaining)
        response.headers["X-RateLimit-Reset"] = str(reset_at)
        response.headers["X-RateLimit-Reset-After"] = str(max(0, math.ceil(reset_at - time.time())))
    return response
