"""Who is calling the API: an API key, a JWT from /auth/login, or an OAuth access token.

Every credential acts for one user in one organization with a set of scopes; the user's role in
that organization still applies. ``authenticate()`` reads the request's headers, scopes the
request to the organization and returns a ``Credential`` (or raises the 401 of seed 004).
"""
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import g, request
from sqlalchemy import or_, select, update
from sqlalchemy.orm import joinedload

from nudgeweb.api import keys, tokens
from nudgeweb.api.errors import ApiError
from nudgeweb.extensions import db
from nudgeweb.models import ApiKey, ApiSettings, Membership, role_at_least, utcnow
from nudgeweb.scoping import enter_organization

# A credential's last_used_at is written at most once per this interval (not on every request).
LAST_USED_RESOLUTION = timedelta(seconds=60)
DEFAULT_RATE_LIMIT = 1000
ALL_SCOPES = ("read", "write")


@dataclass
class Credential:
    kind: str  # "api_key" | "jwt" | "oauth"
    id: str
    membership: Membership
    scopes: frozenset
    created_at: datetime | None = None
    expires_at: datetime | None = None
    last_used_at: datetime | None = None
    rate_limit: int = DEFAULT_RATE_LIMIT
    extra: dict = field(default_factory=dict)

    @property
    def organization_id(self):
        return self.membership.organization_id

    @property
    def user_id(self):
        return self.membership.user_id

    @property
    def role(self):
        return self.membership.role

    @property
    def rate_key(self):
        return f"{self.kind}:{self.id}"

    def has_scope(self, needed):
        """``contacts:read`` is granted by ``contacts:read`` or by ``read``."""
        if needed is None or needed in self.scopes:
            return True
        return ":" in needed and needed.split(":", 1)[1] in self.scopes

    def has_role(self, minimum):
        return role_at_least(self.role, minimum)


def unauthorized(detail, code="ERR_AUTH_INVALID_TOKEN"):
    return ApiError(401, detail, code, "Unauthorized", headers={"WWW-Authenticate": 'Bearer realm="nudge"'})


def authenticate():
    enter_organization(None)  # a session cookie never decides whose key this is
    api_key = request.headers.get("X-API-Key")
    authorization = request.headers.get("Authorization")
    if api_key is not None:
        credential = _from_api_key(api_key.strip())
    elif authorization is not None:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise unauthorized("Authorization header must be 'Bearer <token>'.", "ERR_AUTH_MISSING_TOKEN")
        credential = _from_bearer(token.strip())
    else:
        raise unauthorized("X-API-Key header is required.", "ERR_AUTH_MISSING_TOKEN")
    g.credential = credential
    g.membership = credential.membership
    enter_organization(credential.organization_id)
    return credential


def current_credential() -> Credential | None:
    return g.get("credential")


def _rate_limit_of(organization_id):
    limit = db.session.scalar(
        select(ApiSettings.rate_limit_per_minute).where(ApiSettings.organization_id == organization_id)
    )
    return limit or DEFAULT_RATE_LIMIT


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
    ).first()
    if row is None:
        raise unauthorized("This API key is not valid.")
    key, membership, rate_limit = row
    if key.revoked_at is not None:
        raise unauthorized("This API key has been revoked.")
    if key.expires_at is not None and key.expires_at <= utcnow():
        raise unauthorized("This API key has expired.")
    _touch(key)
    return Credential("api_key", str(key.id), membership, frozenset(key.scopes or ()), key.created_at,
                      key.expires_at, key.last_used_at, rate_limit or DEFAULT_RATE_LIMIT)


def _touch(key):
    """Record use at most once per LAST_USED_RESOLUTION, so reading costs no write."""
    now = utcnow()
    if key.last_used_at is not None and now - key.last_used_at < LAST_USED_RESOLUTION:
        return
    db.session.execute(
        update(ApiKey)
        .where(ApiKey.id == key.id, or_(ApiKey.last_used_at.is_(None), ApiKey.last_used_at < now - LAST_USED_RESOLUTION))
        .values(last_used_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    key.last_used_at = now


def _from_bearer(token):
    if tokens.looks_like_jwt(token):
        claims = tokens.decode(token, "access")
        if claims is None:
            raise unauthorized("This token is not valid or has expired.")
        membership = _membership(claims["sub_uuid"], claims["org_uuid"])
        if membership is None:
            raise unauthorized("This token's user is no longer a member of the organization.")
        return Credential("jwt", claims["jti"], membership, frozenset(claims.get("scope", "").split()),
                          claims["iat_dt"], claims["exp_dt"], utcnow(), _rate_limit_of(membership.organization_id))
    return _from_oauth(token)


def _from_oauth(token):
    try:
        from nudgeweb.oauth.tokens import authenticate_bearer
    except ImportError:  # the OAuth server is not installed in this build
        authenticate_bearer = None
    found = authenticate_bearer(token) if authenticate_bearer else None
    if found is None:
        raise unauthorized("This token is not valid or has expired.")
    organization_id = _attr_id(found, "organization")
    membership = getattr(found, "membership", None) or _membership(_attr_id(found, "user"), organization_id)
    if membership is None:
        raise unauthorized("This token's user is no longer a member of the organization.")
    scopes = getattr(found, "scopes", None) or ()
    if isinstance(scopes, str):
        scopes = scopes.split()
    return Credential("oauth", str(getattr(found, "id", token[:12])), membership, frozenset(scopes),
                      getattr(found, "created_at", None), getattr(found, "expires_at", None),
                      getattr(found, "last_used_at", None), _rate_limit_of(organization_id))


def _attr_id(found, name):
    """The id of ``found.<name>`` whether the credential gives the object or its id."""
    value = getattr(found, f"{name}_id", None)
    if value is None:
        value = getattr(found, name, None)
        value = getattr(value, "id", value)
    return value
