"""OAuth tokens: how they look, how the API recognises one, how they are revoked.

``authenticate_bearer(token_string)`` is what the API platform calls with the value of an
``Authorization: Bearer`` header. It answers the ``OAuthToken`` row (the credential) or None.
The credential has ``organization``, ``organization_id``, ``user``, ``user_id``, ``membership``
(the user's role in that organization), ``client``, ``scopes`` (a list), ``expires_at``,
``created_at``, ``last_used_at`` and ``auth_type == "oauth"``. It does not enter the
organization: the caller does (``unit_of_work.enter_organization(credential.organization_id)``).
"""
import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from nudgeweb.models import Membership, db, utcnow
from nudgeweb.models.oauth import OAuthAuthorizationCode, OAuthToken, hash_secret
from nudgeweb.signals import credentials_changed
from nudgeweb.unit_of_work import ACROSS_ORGANIZATIONS, after_commit

ACCESS_TOKEN_PREFIX = "nudge_at_"
REFRESH_TOKEN_PREFIX = "nudge_rt_"
ACCESS_TOKEN_LIFETIME = timedelta(hours=1)
REFRESH_TOKEN_LIFETIME = timedelta(days=90)
MAX_TOKEN_LENGTH = 200
# last_used_at is written at most this often per token, so using a token costs no write.
LAST_USED_RESOLUTION = timedelta(seconds=60)


def new_access_token(**_context):
    return ACCESS_TOKEN_PREFIX + secrets.token_urlsafe(32)


def new_refresh_token(**_context):
    return REFRESH_TOKEN_PREFIX + secrets.token_urlsafe(32)


def _lookup(column, token_string):
    if not isinstance(token_string, str) or not token_string or len(token_string) > MAX_TOKEN_LENGTH:
        return None
    return column == hash_secret(token_string)


def authenticate_bearer(token_string):
    """The credential of a valid, unexpired, unrevoked OAuth access token, or None.

    The user must still belong to the token's organization. Records the use (throttled).
    """
    condition = _lookup(OAuthToken.access_token_hash, token_string)
    if condition is None:
        return None
    row = db.session.execute(
        select(OAuthToken, Membership)
        .join(Membership, and_(Membership.user_id == OAuthToken.user_id,
                               Membership.organization_id == OAuthToken.organization_id))
        .where(condition)
        .options(joinedload(OAuthToken.user), joinedload(OAuthToken.organization), joinedload(OAuthToken.client))
        .execution_options(populate_existing=True, **ACROSS_ORGANIZATIONS)
    ).first()
    if row is None:
        return None
    token, membership = row
    if token.revoked_at is not None or token.expires_at <= utcnow():
        return None
    token.membership = membership
    record_use(token)
    return token


def record_use(token):
    """Set last_used_at, at most once a minute per token, outside the request's transaction."""
    now = utcnow()
    resolution = current_app.config.get("OAUTH_LAST_USED_RESOLUTION", LAST_USED_RESOLUTION)
    if token.last_used_at is not None and now - token.last_used_at < resolution:
        return
    table = OAuthToken.__table__
    with db.engine.begin() as connection:
        connection.execute(update(table).where(table.c.id == token.id).values(last_used_at=now))
    set_committed_value(token, "last_used_at", now)


def find_by_refresh_token(token_string):
    """The token row a refresh token belongs to (revoked or not), or None."""
    condition = _lookup(OAuthToken.refresh_token_hash, token_string)
    if condition is None:
        return None
    return db.session.scalar(select(OAuthToken).where(condition).execution_options(**ACROSS_ORGANIZATIONS))


def find_by_any_token(token_string, hint=None):
    """The token row an access or refresh token belongs to, or None (RFC 7009 lookup)."""
    columns = {"access_token": [OAuthToken.access_token_hash], "refresh_token": [OAuthToken.refresh_token_hash]}
    candidates = columns.get(hint, []) + [OAuthToken.access_token_hash, OAuthToken.refresh_token_hash]
    for column in candidates:
        condition = _lookup(column, token_string)
        if condition is None:
            return None
        token = db.session.scalar(select(OAuthToken).where(condition).execution_options(**ACROSS_ORGANIZATIONS))
        if token is not None:
            return token
    return None


def active():
    """Condition: a token row still usable (not revoked; access or refresh token unexpired)."""
    now = utcnow()
    return and_(
        OAuthToken.revoked_at.is_(None),
        or_(OAuthToken.expires_at > now, OAuthToken.refresh_expires_at > now),
    )


def revoke_where(*conditions):
    """Revoke every active token matching the conditions; returns how many were revoked. This
    process refuses them as soon as the revocation commits."""
    result = db.session.execute(
        update(OAuthToken)
        .where(active(), *conditions)
        .values(revoked_at=utcnow())
        .execution_options(synchronize_session=False, **ACROSS_ORGANIZATIONS)
    )
    after_commit(credentials_changed.send)
    return result.rowcount


def revoke_for_user(credential, token_string=None):
    """Seed 000's revoke: one of the user's tokens of the calling app (access or refresh), or all of them.

    Only tokens of the credential's app, for the credential's user in the credential's organization, are
    touched: an app cannot disconnect the user's other apps.
    """
    mine = (OAuthToken.client_id == credential.client_id, OAuthToken.user_id == credential.user_id,
            OAuthToken.organization_id == credential.organization_id)
    if token_string is None:
        return revoke_where(*mine)
    hashed = hash_secret(token_string)
    return revoke_where(*mine, or_(OAuthToken.access_token_hash == hashed, OAuthToken.refresh_token_hash == hashed))


def revoke_token(token):
    """Revoke one token row: its access token and its refresh token."""
    return revoke_where(OAuthToken.id == token.id)


def purge_stale(keep=timedelta(days=30)):
    """Delete codes older than a day and tokens dead for ``keep``; returns (codes, tokens) deleted.

    Runs without a request (a Huey task), across every organization by design.
    """
    now = utcnow()
    tokens = db.session.execute(
        delete(OAuthToken).where(or_(
            OAuthToken.revoked_at < now - keep,
            and_(OAuthToken.expires_at < now - keep,
                 or_(OAuthToken.refresh_expires_at.is_(None), OAuthToken.refresh_expires_at < now - keep)),
        )).execution_options(synchronize_session=False, **ACROSS_ORGANIZATIONS)
    ).rowcount
    codes = db.session.execute(
        delete(OAuthAuthorizationCode).where(OAuthAuthorizationCode.created_at < now - timedelta(days=1))
        .execution_options(synchronize_session=False, **ACROSS_ORGANIZATIONS)
    ).rowcount
    return codes, tokens
