"""JWTs for POST /api/v1/auth/login and /auth/refresh (HS256, keyed from SECRET_KEY).

An access token lives an hour and a refresh token thirty days; both name the user (``sub``),
the organization (``org``) and the scopes, and carry ``typ`` so one can never pass as the other.
"""
import hashlib
import uuid
from datetime import datetime, timedelta, timezone

import jwt
from flask import current_app

ACCESS_LIFETIME = timedelta(hours=1)
REFRESH_LIFETIME = timedelta(days=30)
ISSUER = "nudge"


def _key():
    return hashlib.sha256(b"nudge-api-jwt:" + current_app.config["SECRET_KEY"].encode()).digest()


def looks_like_jwt(token):
    return token.count(".") == 2 and token.startswith("eyJ")


def issue(membership, scopes=("read", "write")):
    """The seed-001 login answer: access and refresh tokens, and who they are for."""
    now = datetime.now(timezone.utc)
    claims = {"iss": ISSUER, "sub": str(membership.user_id), "org": str(membership.organization_id),
              "scope": " ".join(scopes), "iat": now}

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
    """The claims of a valid token of this type (with parsed ids and times), else None."""
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
    return claims
