"""Settings, read from the environment (or a ``.env`` file) when the app is created.

Every variable is listed with its default in README.md. Nothing secret lives here:
a missing SECRET_KEY is generated once into the instance folder.
"""
import os
from datetime import timedelta
from pathlib import Path

from dotenv import load_dotenv

ROOT = Path(__file__).resolve().parent


def env(name, default=None):
    return os.environ.get(name) or default


def env_int(name, default):
    return int(os.environ.get(name) or default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    """The production-ready defaults: SQLite and Huey on SQLite in the instance folder."""

    TESTING = False

    def __init__(self):
        load_dotenv(ROOT / ".env", override=False)
        self.INSTANCE_PATH = str(Path(env("INSTANCE_PATH", ROOT / "instance")).resolve())
        self.SECRET_KEY = env("SECRET_KEY")
        self.BASE_URL = env("BASE_URL", f"http://127.0.0.1:{env('PORT', '5000')}").rstrip("/")
        # Requests must name BASE_URL's host (or one of these) in their Host header: see nudgeweb/hosts.py.
        self.EXTRA_TRUSTED_HOSTS = [name.strip() for name in env("TRUSTED_HOSTS", "").split(",") if name.strip()]
        self.SQLALCHEMY_DATABASE_URI = env(
            "DATABASE_URL", f"sqlite:///{self.INSTANCE_PATH}/nudge.db"
        )
        self.SQLALCHEMY_ENGINE_OPTIONS = {}  # (no pool_pre_ping: nudgeweb/connections.py pings an idle connection)
        if self.SQLALCHEMY_DATABASE_URI.startswith("postgres"):
            # No JIT: on a table without statistics the planner's costs run far past jit_above_cost, and
            # compiling a 10 ms query then takes 250 ms (every query here is short)
            self.SQLALCHEMY_ENGINE_OPTIONS["connect_args"] = {"options": "-c jit=off"}
        self.HUEY_URL = env("HUEY_URL", f"sqlite:///{self.INSTANCE_PATH}/huey.db")
        self.HUEY_NAME = env("HUEY_NAME", "nudge")
        self.HUEY_WORKERS = env_int("HUEY_WORKERS", 2)
        self.HUEY_WORKER_TYPE = env("HUEY_WORKER_TYPE", "process")
        self.HUEY_IMMEDIATE = env_bool("HUEY_IMMEDIATE", False)
        self.RATELIMIT_STORAGE_URI = env("RATELIMIT_STORAGE_URL", "memory://")
        self.RATELIMIT_KEY_PREFIX = env("RATELIMIT_KEY_PREFIX", "nudge")
        # A verified API credential is trusted this long per web process (a revocation elsewhere waits as long).
        self.API_CREDENTIAL_CACHE_SECONDS = env_int("API_CREDENTIAL_CACHE_SECONDS", 5)
        self.ORGANIZATION_CACHE_SECONDS = env_int("ORGANIZATION_CACHE_SECONDS", 2)
        # Retry-After is sent on 429s only; other answers carry the seconds left as this header (seed 001).
        self.RATELIMIT_HEADER_RETRY_AFTER = "X-RateLimit-Reset-After"
        self.MAIL_URL = env("MAIL_URL", "")
        self.MAIL_FROM = env("MAIL_FROM", "Nudge <nudge@localhost>")
        self.SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
        self.SESSION_COOKIE_SAMESITE = "Lax"
        self.REMEMBER_COOKIE_SAMESITE = "Lax"
        self.REMEMBER_COOKIE_SECURE = self.SESSION_COOKIE_SECURE
        self.REMEMBER_COOKIE_HTTPONLY = True
        self.REMEMBER_COOKIE_DURATION = timedelta(days=env_int("REMEMBER_DAYS", 30))
        self.WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session
        # The largest request body (a 413 past it): room for the largest CSV import (imports.MAX_FILE_BYTES) and its form.
        self.MAX_CONTENT_LENGTH = 25 * 1024 * 1024
        self.LOG_LEVEL = env("LOG_LEVEL", "INFO")
        self.PASSWORD_HASHER = "argon2id"  # auth/passwords.py; not read from the environment: no install weakens it
        # Delivery: DKIM for the default sender, Twilio for SMS (empty: the local outbox).
        self.DKIM_DOMAIN = env("DKIM_DOMAIN", "")
        self.DKIM_SELECTOR = env("DKIM_SELECTOR", "nudge")
        self.DKIM_PRIVATE_KEY = env("DKIM_PRIVATE_KEY", "")  # PEM text, or the path of a PEM file
        self.TWILIO_ACCOUNT_SID = env("TWILIO_ACCOUNT_SID", "")
        self.TWILIO_AUTH_TOKEN = env("TWILIO_AUTH_TOKEN", "")
        self.TWILIO_FROM_NUMBER = env("TWILIO_FROM_NUMBER", "")
        self.TWILIO_MESSAGING_SERVICE_SID = env("TWILIO_MESSAGING_SERVICE_SID", "")
        self.TWILIO_API_URL = env("TWILIO_API_URL", "")  # only to point the client elsewhere (tests)
        # A business that has not set its own quiet hours sends no SMS in this local window ("" for none).
        self.SMS_QUIET_HOURS = env("SMS_QUIET_HOURS", "20:00-09:00")
        self.SEND_BATCH_SIZE = env_int("SEND_BATCH_SIZE", 250)
        self.SEND_MAX_ATTEMPTS = env_int("SEND_MAX_ATTEMPTS", 5)
        self.SEND_RETRY_BASE_SECONDS = env_int("SEND_RETRY_BASE_SECONDS", 60)
        self.SEND_LEASE_SECONDS = env_int("SEND_LEASE_SECONDS", 300)  # a claim older than this was lost
        # Campaigns: messages a second (0: as fast as the server takes them); Twilio long codes take one SMS a second.
        self.CAMPAIGN_EMAIL_RATE = float(env("CAMPAIGN_EMAIL_RATE", "0"))
        self.CAMPAIGN_SMS_RATE = float(env("CAMPAIGN_SMS_RATE", "1"))
        # Every SMTP connect and command gives up after this long (organizations cannot change it).
        self.SMTP_TIMEOUT_SECONDS = env_int("SMTP_TIMEOUT_SECONDS", 15)
        # Send tasks of one organization with its own SMTP server or Twilio account running at once:
        # a slow or hostile server then holds this many workers at most.
        self.SEND_CONCURRENCY_PER_ORGANIZATION = env_int("SEND_CONCURRENCY_PER_ORGANIZATION", 1)
        # A send task due now waits this long before it claims, so that messages stored one by one in a burst (an
        # integration's requests) go out in its batch, not a task and a connection each (0: at once).
        self.SEND_GATHER_SECONDS = float(env("SEND_GATHER_SECONDS", "0.1"))
        # Let organizations' servers be on loopback, private or link-local addresses (local set-ups only).
        self.ALLOW_PRIVATE_OUTBOUND = env_bool("ALLOW_PRIVATE_OUTBOUND", False)
        self.OAUTH_REQUIRE_HTTPS = env_bool("OAUTH_REQUIRE_HTTPS", False)
        # Webhooks: endpoints on loopback/private/link-local addresses (local set-ups only), each POST's
        # time limit, how long a claimed delivery may stay claimed, how many one task sends, the first
        # retry's delay (doubling, with jitter), how long retries go on, and how long an endpoint may
        # fail without one success before it is turned off.
        self.WEBHOOK_ALLOW_PRIVATE = env_bool("WEBHOOK_ALLOW_PRIVATE", False)
        self.WEBHOOK_TIMEOUT_SECONDS = env_int("WEBHOOK_TIMEOUT_SECONDS", 10)
        self.WEBHOOK_LEASE_SECONDS = env_int("WEBHOOK_LEASE_SECONDS", 900)
        self.WEBHOOK_BATCH_SIZE = env_int("WEBHOOK_BATCH_SIZE", 100)
        self.WEBHOOK_RETRY_BASE_SECONDS = env_int("WEBHOOK_RETRY_BASE_SECONDS", 30)
        self.WEBHOOK_RETRY_HOURS = env_int("WEBHOOK_RETRY_HOURS", 72)
        self.WEBHOOK_DISABLE_AFTER_HOURS = env_int("WEBHOOK_DISABLE_AFTER_HOURS", 24)
        # The currency of an event's revenue when the caller names none (ISO 4217).
        self.DEFAULT_CURRENCY = env("DEFAULT_CURRENCY", "USD").upper()


class TestConfig(Config):
    __test__ = False  # not a pytest class

    """Tests: a throw-away instance folder, Huey in immediate mode, no rate limits across tests."""

    TESTING = True

    def __init__(self, instance_path, **overrides):
        super().__init__()
        self.INSTANCE_PATH = str(instance_path)
        self.SECRET_KEY = "test-secret-key"
        self.SQLALCHEMY_DATABASE_URI = f"sqlite:///{instance_path}/nudge.db"
        self.HUEY_URL = f"sqlite:///{instance_path}/huey.db"
        self.HUEY_IMMEDIATE = True
        self.SEND_GATHER_SECONDS = 0  # (a task runs inside the request that queues it: nothing else comes meanwhile)
        self.RATELIMIT_STORAGE_URI = "memory://"
        self.API_CREDENTIAL_CACHE_SECONDS = 1
        self.MAIL_URL = ""
        self.BASE_URL = "http://localhost"
        self.WTF_CSRF_ENABLED = False  # switched on by the tests that check it
        self.ALLOW_PRIVATE_OUTBOUND = False  # switched on by the tests that need a server on this machine
        self.WEBHOOK_ALLOW_PRIVATE = False
        self.SMTP_TIMEOUT_SECONDS = 5
        self.SMS_QUIET_HOURS = ""  # the suite runs at any hour; the quiet-hours tests set it
        self.PASSWORD_HASHER = "argon2id-cheap-for-tests"  # (auth/passwords.py) every install has the strong one
        for key, value in overrides.items():
            setattr(self, key, value)
