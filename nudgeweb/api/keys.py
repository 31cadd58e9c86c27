"""API keys: made, listed and revoked here, for the settings page, the API and the CLI alike.

A key is ``sk_live_`` and 40 random characters. It is shown once; only its SHA-256 is stored
(a key has far too much entropy for a slow hash to add anything) with a visible prefix.

Through the API, a key is made by an owner or admin acting with an API key or a login token (JWT),
never by an OAuth app (a key would outlive the app's revocation), and with at most the scopes of the
credential that makes it (and, made with a key that expires, expiring no later). Every key made is logged.
"""
import hashlib
import logging
import secrets
from datetime import datetime, timezone

from sqlalchemy import select

from nudgeweb.extensions import db
from nudgeweb.field_errors import FieldErrors
from nudgeweb.models import ApiKey, role_at_least, utcnow
from nudgeweb.signals import credentials_changed
from nudgeweb.unit_of_work import after_commit

KEY_PREFIX = "sk_live_"
VISIBLE_CHARS = len(KEY_PREFIX) + 6
RESOURCES = ("contacts", "review_requests", "templates", "campaigns", "messages", "events", "automations",
             "employees", "campaign_periods", "nudges", "analytics", "organization", "webhooks")
SCOPES = ("read", "write") + tuple(f"{r}:{a}" for r in RESOURCES for a in ("read", "write"))
log = logging.getLogger(__name__)


class ApiKeyError(FieldErrors):
    """A key that cannot be made as asked; ``errors`` maps each field to what is wrong."""


class ApiKeyRefused(Exception):
    """The caller may not make this key at all (the message says why); ``field`` is what to change, if anything."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def covers(held, name):
    """Whether the scope names ``held`` grant ``name``: ``read`` covers ``contacts:read``."""
    return name in held or (":" in name and name.split(":", 1)[1] in held)


def hash_key(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


def create_api_key(membership, name, scopes=("read", "write"), expires_at=None, made_with=None):
    """Make a key acting as ``membership``'s user; returns (ApiKey, the secret shown once).

    ``made_with`` is the API credential making it (None: the web session or the operator's command,
    which hold every scope of the member); ApiKeyRefused when it may not make this key.
    """
    if expires_at is not None and expires_at.tzinfo is None:
        expires_at = expires_at.replace(tzinfo=timezone.utc)
    if made_with is not None:
        _refuse_beyond(made_with, scopes or (), expires_at)
    errors = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = "Give the key a name, so you know later what uses it."
    elif len(name) > 100:
        errors["name"] = "Use at most 100 characters."
    scopes = list(dict.fromkeys(scopes or ()))
    unknown = [s for s in scopes if s not in SCOPES]
    if unknown:
        errors["scopes"] = f"Unknown scope {', '.join(unknown)}. Use read, write or resource:read / resource:write."
    elif not scopes:
        errors["scopes"] = "Choose at least one scope."
    if expires_at is not None and expires_at <= utcnow():
        errors["expires_at"] = "The expiry must be in the future."
    if errors:
        raise ApiKeyError(errors)
    secret = KEY_PREFIX + secrets.token_urlsafe(30)
    key = ApiKey(organization_id=membership.organization_id, user_id=membership.user_id, name=name,
                 prefix=secret[:VISIBLE_CHARS], key_hash=hash_key(secret), scopes=scopes, expires_at=expires_at)
    db.session.add(key)
    db.session.flush()
    after_commit(credentials_changed.send)
    log.info("API key %s (%s, scopes %s) created for user %s in organization %s with %s", key.prefix, key.id,
             " ".join(scopes), membership.user_id, membership.organization_id,
             f"{made_with.kind} {made_with.id}" if made_with is not None else "a session or the command line")
    return key, secret


def _refuse_beyond(credential, scopes, expires_at):
    if credential.kind == "oauth":
        raise ApiKeyRefused("An OAuth app cannot create API keys: a key would outlive the app's revocation. "
                            "Create keys in Settings → API keys, or with an owner's or admin's API key or login token.")
    beyond = [scope for scope in dict.fromkeys(scopes) if not covers(credential.scopes, scope)]
    if beyond:
        raise ApiKeyRefused(f"A new key may have at most the scopes of the credential that creates it "
                            f"({' '.join(sorted(credential.scopes))}); it lacks {', '.join(beyond)}.", "scopes")
    if credential.kind == "api_key" and credential.expires_at is not None and (
            expires_at is None or expires_at > credential.expires_at):
        raise ApiKeyRefused(f"A new key may not outlive the key that creates it: give an expires_at no later than "
                            f"{credential.expires_at.isoformat().replace('+00:00', 'Z')}.", "expires_at")


def api_keys_query(organization_id):
    return select(ApiKey).where(ApiKey.organization_id == organization_id)


def api_keys_of(organization_id):
    return db.session.scalars(api_keys_query(organization_id).order_by(ApiKey.created_at.desc())).all()


def revoke_api_key(key):
    """Revoke the key; this process refuses it as soon as the revocation commits."""
    if key.revoked_at is None:
        key.revoked_at = utcnow()
        db.session.flush()
        after_commit(credentials_changed.send)
    return key


def may_manage_keys(role):
    return role_at_least(role, "admin")


def parse_scopes(text):
    return [s for s in (text or "").replace(",", " ").split() if s]


def parse_expiry(value):
    """A date or datetime (ISO 8601) as an aware UTC datetime; ValueError otherwise."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    parsed = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
