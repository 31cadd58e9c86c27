"""API keys: made, listed and revoked here, for the settings page, the API and the CLI alike.

A key is ``sk_live_`` and 40 random characters. It is shown once; only its SHA-256 is stored
(a key has far too much entropy for a slow hash to add anything) with a visible prefix.
"""
import hashlib
import secrets
from datetime import datetime, timezone

from sqlalchemy import select

from nudgeweb.extensions import db
from nudgeweb.models import ApiKey, role_at_least, utcnow
from nudgeweb.signals import credentials_changed
from nudgeweb.unit_of_work import after_commit

KEY_PREFIX = "sk_live_"
VISIBLE_CHARS = len(KEY_PREFIX) + 6
RESOURCES = ("contacts", "review_requests", "templates", "campaigns", "messages", "events", "automations",
             "employees", "campaign_periods", "nudges", "analytics", "organization", "webhooks")
SCOPES = ("read", "write") + tuple(f"{r}:{a}" for r in RESOURCES for a in ("read", "write"))


class ApiKeyError(ValueError):
    """A key that cannot be made as asked; ``errors`` maps each field to what is wrong."""

    def __init__(self, errors):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def hash_key(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


def create_api_key(membership, name, scopes=("read", "write"), expires_at=None):
    """Make a key acting as ``membership``'s user; returns (ApiKey, the secret shown once)."""
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
    if expires_at is not None:
        if expires_at.tzinfo is None:
            expires_at = expires_at.replace(tzinfo=timezone.utc)
        if expires_at <= utcnow():
            errors["expires_at"] = "The expiry must be in the future."
    if errors:
        raise ApiKeyError(errors)
    secret = KEY_PREFIX + secrets.token_urlsafe(30)
    key = ApiKey(organization_id=membership.organization_id, user_id=membership.user_id, name=name,
                 prefix=secret[:VISIBLE_CHARS], key_hash=hash_key(secret), scopes=scopes, expires_at=expires_at)
    db.session.add(key)
    db.session.flush()
    after_commit(credentials_changed.send)
    return key, secret


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
