"""Who is calling the API: an API key, a JWT from /auth/login, or an OAuth access token.

Every credential acts for one user in one organization with a set of scopes; the user's role in
that organization still applies. ``authenticate()`` reads the request's headers, scopes the
request to the organization and returns a ``Credential`` (or raises the 401 of seed 004).

A verified credential is kept in this process for API_CREDENTIAL_CACHE_SECONDS (5 by default),
so that a busy client costs no database query to authenticate. A change to a key, token,
membership, user or API setting made in this process forgets every cached credential once it
commits (its operation sends ``credentials_changed`` after the commit); one made by another
process is seen when the cached entry expires.
"""
import hashlib
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from cachetools import TTLCache
from flask import current_app, g, has_app_context, request
from sqlalchemy import or_, select, update
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from nudgeweb import organization_cache
from nudgeweb.api import keys, tokens
from nudgeweb.api.errors import ApiError
from nudgeweb.api.ratelimit import DEFAULT_RATE_LIMIT, rate_limit_of
from nudgeweb.extensions import db
from nudgeweb.models import ApiKey, ApiSettings, Membership, role_at_least, utcnow
from nudgeweb.oauth.tokens import authenticate_bearer
from nudgeweb.signals import credentials_changed
from nudgeweb.unit_of_work import ACROSS_ORGANIZATIONS, enter_organization

# A credential's last_used_at is written at most once per this interval (not on every request).
LAST_USED_RESOLUTION = timedelta(seconds=60)
DEFAULT_CACHE_SECONDS = 5
ALL_SCOPES = ("read", "write")


@dataclass(frozen=True)
class Credential:
    """What a verified credential grants: plain values, safe to keep between requests."""

    kind: str  # "api_key" | "jwt" | "oauth"
    id: str
    user_id: object
    organization_id: object
    role: str
    scopes: frozenset
    created_at: datetime | None = None
    expires_at: datetime | None = None
    last_used_at: datetime | None = None
    rate_limit: int = DEFAULT_RATE_LIMIT
    extra: dict = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, kind, id, membership, scopes, *args, **kwargs):
        return cls(kind, id, membership.user_id, membership.organization_id, membership.role, frozenset(scopes),
                   *args, **kwargs)

    @property
    def membership(self):
        """The acting user's membership (with its user and organization), loaded once per request."""
        loaded = g.get("api_membership")
        if loaded is None:
            loaded = g.api_membership = _membership(self.user_id, self.organization_id)
        return loaded

    @property
    def organization(self):
        """The credential's organization, from its values kept a moment (organization_cache.organization)."""
        return organization_cache.organization(self.organization_id)

    @property
    def rate_key(self):
        """Whose requests share one limit: an API key's; an OAuth app's for one user, and a user's JWT
        logins, so that a refresh or a new login does not start a fresh count."""
        if self.kind == "api_key":
            return f"api_key:{self.id}"
        return f"{self.kind}:{self.extra.get('client_id', '')}:{self.user_id}:{self.organization_id}"

    def has_scope(self, needed):
        """``contacts:read`` is granted by ``contacts:read`` or by ``read``."""
        return needed is None or keys.covers(self.scopes, needed)

    def has_role(self, minimum):
        return role_at_least(self.role, minimum)


def unauthorized(detail, code="ERR_AUTH_INVALID_TOKEN"):
    """A 401; a credential that was sent but is not good also says so in WWW-Authenticate (RFC 6750, 3.1)."""
    challenge = 'Bearer realm="nudge"' + (', error="invalid_token"' if code == "ERR_AUTH_INVALID_TOKEN" else "")
    return ApiError(401, detail, code, "Unauthorized", headers={"WWW-Authenticate": challenge})


def authenticate():
    api_key = (request.headers.get("X-API-Key") or "").strip() or None  # (an empty header is no key)
    authorization = request.headers.get("Authorization")
    if api_key is not None:
        credential = _cached(("key", api_key), _from_api_key)
    elif authorization is not None:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise unauthorized("Authorization header must be 'Bearer <token>'.", "ERR_AUTH_MISSING_TOKEN")
        token = token.strip()
        if token.startswith(keys.KEY_PREFIX):  # many generated clients send an API key as a Bearer token
            credential = _cached(("key", token), _from_api_key)
        else:
            credential = _cached(("bearer", token), _from_bearer)
    else:
        raise unauthorized("X-API-Key header is required.", "ERR_AUTH_MISSING_TOKEN")
    g.credential = credential
    enter_organization(credential.organization_id)
    return credential


def current_credential() -> Credential | None:
    return g.get("credential")


# -- the cache of verified credentials --------------------------------------------------------

class CredentialCache:
    """Verified credentials by the hash of their secret, each kept ``seconds`` and never past its own expiry."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.entries = TTLCache(maxsize=10_000, ttl=max(seconds, 1))
        self.lock = threading.Lock()  # cachetools' caches are not thread-safe by themselves

    def get(self, key):
        with self.lock:
            credential = self.entries.get(key)
        if credential is not None and credential.expires_at is not None and credential.expires_at <= utcnow():
            return None
        return credential

    def put(self, key, credential):
        if self.seconds > 0:
            with self.lock:
                self.entries[key] = credential

    def clear(self):
        with self.lock:
            self.entries.clear()


def _cache():
    cache = current_app.extensions.get("api_credentials")
    if cache is None:
        seconds = current_app.config.get("API_CREDENTIAL_CACHE_SECONDS", DEFAULT_CACHE_SECONDS)
        cache = current_app.extensions["api_credentials"] = CredentialCache(seconds)
    return cache


def _cached(kind_and_secret, verify):
    kind, secret = kind_and_secret
    key = (kind, hashlib.sha256(secret.encode()).digest())
    cache = _cache()
    credential = cache.get(key)
    if credential is None:
        credential = verify(secret)
        cache.put(key, credential)
    return credential


@credentials_changed.connect
def forget_credentials(_sender=None, **_):
    """Drop every cached credential of this process: a key, token, membership, user or API setting
    changed, and its operation sent ``credentials_changed`` once that committed."""
    if has_app_context():
        cache = current_app.extensions.get("api_credentials")
        if cache is not None:
            cache.clear()


# -- verifying each kind ----------------------------------------------------------------------

def _membership(user_id, organization_id):
    return db.session.scalar(
        select(Membership)
        .options(joinedload(Membership.user), joinedload(Membership.organization))
        .where(Membership.user_id == user_id, Membership.organization_id == organization_id)
    )


def _from_api_key(secret):
    row = db.session.execute(
        select(ApiKey, Membership, ApiSettings.rate_limit_per_minute)
        .join(Membership, (Membership.user_id == ApiKey.user_id) & (Membership.organization_id == ApiKey.organization_id))
        .outerjoin(ApiSettings, ApiSettings.organization_id == ApiKey.organization_id)
        .where(ApiKey.key_hash == keys.hash_key(secret))
        .execution_options(**ACROSS_ORGANIZATIONS)  # whose key is it: the key says
    ).first()
    if row is None:
        raise unauthorized("This API key is not valid.")
    key, membership, rate_limit = row
    if key.revoked_at is not None:
        raise unauthorized("This API key has been revoked.")
    if key.expires_at is not None and key.expires_at <= utcnow():
        raise unauthorized("This API key has expired.")
    _touch(key)
    return Credential.of("api_key", str(key.id), membership, key.scopes or (), key.created_at,
                         key.expires_at, key.last_used_at, rate_limit or DEFAULT_RATE_LIMIT)


def _touch(key):
    """Record use at most once per LAST_USED_RESOLUTION, so reading costs no write. Outside the
    request's transaction (as an OAuth token's use is): the key was used even if the request fails."""
    now = utcnow()
    if key.last_used_at is not None and now - key.last_used_at < LAST_USED_RESOLUTION:
        return
    table = ApiKey.__table__
    with db.engine.begin() as connection:
        connection.execute(
            update(table)
            .where(table.c.id == key.id,
                   or_(table.c.last_used_at.is_(None), table.c.last_used_at < now - LAST_USED_RESOLUTION))
            .values(last_used_at=now)
        )
    set_committed_value(key, "last_used_at", now)


def _from_bearer(token):
    if tokens.looks_like_jwt(token):
        claims = tokens.decode(token, "access")
        if claims is None:
            raise unauthorized("This token is not valid or has expired.")
        membership = _membership(claims["sub_uuid"], claims["org_uuid"])
        if membership is None:
            raise unauthorized("This token's user is no longer a member of the organization.")
        return Credential.of("jwt", claims["jti"], membership, claims.get("scope", "").split(),
                             claims["iat_dt"], claims["exp_dt"], utcnow(), rate_limit_of(membership.organization_id))
    return _from_oauth(token)


def _from_oauth(token):
    found = authenticate_bearer(token)
    if found is None:
        raise unauthorized("This token is not valid or has expired.")
    organization_id = _attr_id(found, "organization")
    membership = getattr(found, "membership", None) or _membership(_attr_id(found, "user"), organization_id)
    if membership is None:
        raise unauthorized("This token's user is no longer a member of the organization.")
    scopes = getattr(found, "scopes", None) or ()
    if isinstance(scopes, str):
        scopes = scopes.split()
    return Credential.of("oauth", str(getattr(found, "id", token[:12])), membership, scopes,
                         getattr(found, "created_at", None), getattr(found, "expires_at", None),
                         getattr(found, "last_used_at", None), rate_limit_of(organization_id),
                         extra={"client_id": str(getattr(found, "client_id", ""))})


def _attr_id(found, name):
    """The id of ``found.<name>`` whether the credential gives the object or its id."""
    value = getattr(found, f"{name}_id", None)
    if value is None:
        value = getattr(found, name, None)
        value = getattr(value, "id", value)
    return value
