"""JWTs for POST /api/v1/auth/login and /auth/refresh (HS256, keyed from SECRET_KEY).

An access token lives an hour and a refresh token thirty days; both name the user (``sub``),
the organization (``org``) and the scopes, and carry ``typ`` so one can never pass as the other.

A refresh token carries the user's session version (``sv``): after a logout, a password change or "log out
everywhere" it is refused (auth/operations.end_sessions). A refresh token is single-use (``redeem_refresh``).
Every token carries ``fam``, its family: the login it descends from, kept through every refresh. The
first refresh claims the token's ``jti`` by inserting it into ``used_refresh_tokens`` (the primary key lets exactly one of two concurrent
refreshes win); any later use of it is taken as theft, as the OAuth server does: the whole family
is revoked and none of its refresh tokens is honoured again. Access tokens already issued to the
family are not revoked: they live out their hour (checking them would cost the database a query
whenever a credential is verified). Tokens issued before families existed have no ``fam``; each
is its own family (its ``jti``).
"""
import hashlib
import uuid
from datetime import datetime, timedelta, timezone

import jwt
from flask import current_app
from sqlalchemy import delete, exists, select, update
from sqlalchemy.exc import IntegrityError

from nudgeweb.extensions import db
from nudgeweb.models import UsedRefreshToken, utcnow
from nudgeweb.unit_of_work import checkpoint

ACCESS_LIFETIME = timedelta(hours=1)
REFRESH_LIFETIME = timedelta(days=30)
ISSUER = "nudge"

INVALID = "This refresh token is not valid or has expired."
REUSED = ("This refresh token was already used. Every refresh token issued from it is now refused: "
          "log in again.")
REVOKED = "This refresh token was revoked: a refresh token of the same login was used twice. Log in again."


class RefreshRefused(Exception):
    """A refresh token that is not honoured; the message says why (the 401's detail)."""


def _key():
    return hashlib.sha256(b"nudge-api-jwt:" + current_app.config["SECRET_KEY"].encode()).digest()


def looks_like_jwt(token):
    return token.count(".") == 2 and token.startswith("eyJ")


def issue(membership, scopes=("read", "write"), family=None):
    """The seed-001 login answer: access and refresh tokens, and who they are for.

    A login starts a new family; a refresh passes on the family of the token it spent."""
    now = datetime.now(timezone.utc)
    claims = {"iss": ISSUER, "sub": str(membership.user_id), "org": str(membership.organization_id),
              "scope": " ".join(scopes), "iat": now, "fam": family or uuid.uuid4().hex,
              "sv": membership.user.session_version or 0}

    def token(typ, lifetime):
        return jwt.encode({**claims, "typ": typ, "exp": now + lifetime, "jti": uuid.uuid4().hex}, _key(), "HS256")

    return {
        "access_token": token("access", ACCESS_LIFETIME),
        "refresh_token": token("refresh", REFRESH_LIFETIME),
        "token_type": "Bearer",
        "expires_in": int(ACCESS_LIFETIME.total_seconds()),
        "user": {
            "id": str(membership.user_id),
            "email": membership.user.email,
            "organization_id": str(membership.organization_id),
            "role": membership.role,
        },
    }


def decode(token, typ):
    """The claims of a valid token of this type (with parsed ids and times, and its family), else None."""
    try:
        claims = jwt.decode(token, _key(), algorithms=["HS256"], issuer=ISSUER,
                            options={"require": ["exp", "iat", "sub", "org", "typ", "jti"]})
        if claims["typ"] != typ:
            return None
        claims["sub_uuid"] = uuid.UUID(claims["sub"])
        claims["org_uuid"] = uuid.UUID(claims["org"])
    except (jwt.PyJWTError, ValueError, TypeError):
        return None
    claims["iat_dt"] = datetime.fromtimestamp(claims["iat"], timezone.utc)
    claims["exp_dt"] = datetime.fromtimestamp(claims["exp"], timezone.utc)
    claims.setdefault("fam", claims["jti"])
    return claims


def redeem_refresh(token):
    """The claims of a valid refresh token, now spent; raises RefreshRefused otherwise.

    The family is checked before the token is claimed, so that of concurrent refreshes with one
    token the one that wins the claim is answered even as the others revoke the family."""
    claims = decode(token, "refresh")
    if claims is None:
        raise RefreshRefused(INVALID)
    if family_revoked(claims["fam"]):
        raise RefreshRefused(REVOKED)
    if not _claim(claims):
        revoke_family(claims["fam"])
        raise RefreshRefused(REUSED)
    return claims


def _claim(claims):
    """Record the token as used; False when it already was (by this or a concurrent request, which
    waits on the primary key until this request's transaction ends)."""
    try:
        with db.session.begin_nested():
            db.session.add(UsedRefreshToken(jti=claims["jti"], family=claims["fam"], expires_at=claims["exp_dt"]))
    except IntegrityError:
        return False
    return True


def family_revoked(family):
    return db.session.scalar(select(exists().where(
        UsedRefreshToken.family == family, UsedRefreshToken.family_revoked_at.is_not(None))))


def revoke_family(family):
    """Refuse every refresh token of the family from now on. Its rows are kept as long as any of
    its tokens may live: every one was issued before now, so none outlives now + REFRESH_LIFETIME.

    Committed at once: the request that finds the reuse answers a 401, which rolls back."""
    now = utcnow()
    db.session.execute(update(UsedRefreshToken).where(UsedRefreshToken.family == family)
                       .values(family_revoked_at=now, expires_at=now + REFRESH_LIFETIME)
                       .execution_options(synchronize_session=False))
    checkpoint()


def forget_expired_refresh_tokens():
    """Delete the rows of refresh tokens that have expired (decode refuses those on its own)."""
    result = db.session.execute(delete(UsedRefreshToken).where(UsedRefreshToken.expires_at < utcnow()))
    return result.rowcount
