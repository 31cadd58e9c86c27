"""The Authlib authorization server: authorization code + PKCE S256, rotating refresh tokens,
and RFC 7009 revocation.

Clients are looked up across organizations (any Nudge user may connect any app to their own
business); every row it writes carries the organization that granted it.
"""
from datetime import timedelta

from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.integrations.flask_oauth2.requests import FlaskOAuth2Payload, FlaskOAuth2Request
from authlib.oauth2 import OAuth2Error
from authlib.oauth2.rfc6749 import (
    InsecureTransportError,
    InvalidClientError,
    InvalidRequestError,
    OAuth2Request,
    UnauthorizedClientError,
    grants,
)
from authlib.oauth2.rfc6749.hooks import hooked
from authlib.oauth2.rfc6750 import BearerTokenGenerator
from authlib.oauth2.rfc7009 import RevocationEndpoint
from authlib.oauth2.rfc7636 import CodeChallenge
from flask import current_app
from flask import request as flask_request
from sqlalchemy import select, update
from sqlalchemy.orm.attributes import set_committed_value

from nudgeweb.models import User, db, utcnow
from nudgeweb.models.oauth import OAuthAuthorizationCode, OAuthClient, OAuthToken, hash_secret
from nudgeweb.oauth import tokens
from nudgeweb.oauth.scopes import granted_scope
from nudgeweb.unit_of_work import ACROSS_ORGANIZATIONS, checkpoint

AUTHORIZATION_CODE_LIFETIME = timedelta(minutes=10)
CLIENT_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"]


def query_client(client_id):
    if not isinstance(client_id, str) or len(client_id) > 64:
        return None
    return db.session.scalar(
        select(OAuthClient).where(OAuthClient.client_id == client_id).execution_options(**ACROSS_ORGANIZATIONS)
    )


def save_token(token, request):
    """Store a freshly issued token (hashes only) for the organization that granted it."""
    granted_by = request.authorization_code or request.refresh_token
    now = utcnow()
    row = OAuthToken(
        organization_id=granted_by.organization_id,
        client_id=request.client.id,
        user_id=request.user.id,
        authorization_code_id=(granted_by.id if isinstance(granted_by, OAuthAuthorizationCode)
                               else granted_by.authorization_code_id),
        access_token_hash=hash_secret(token["access_token"]),
        refresh_token_hash=hash_secret(token["refresh_token"]) if token.get("refresh_token") else None,
        scope=token.get("scope", ""),
        created_at=now,
        expires_at=now + timedelta(seconds=token["expires_in"]),
        refresh_expires_at=now + tokens.REFRESH_TOKEN_LIFETIME if token.get("refresh_token") else None,
    )
    db.session.add(row)
    db.session.flush()


class NudgeOAuth2Request(FlaskOAuth2Request):
    """Authlib refuses plain-HTTP addresses other than loopback, but behind a proxy that
    terminates HTTPS the app itself sees plain HTTP: that check is made only when
    OAUTH_REQUIRE_HTTPS is on (see README)."""

    def __init__(self, request):
        if current_app.config["OAUTH_REQUIRE_HTTPS"]:
            InsecureTransportError.check(request.url)
        OAuth2Request.__init__(self, request.method, "https://checked.invalid/", headers=request.headers)
        self.uri = request.url
        self._request = request
        self.payload = FlaskOAuth2Payload(request)


class ScopedBearerTokenGenerator(BearerTokenGenerator):
    """Grants scopes as ``scopes.granted_scope`` does, not as the client row's exact-match
    ``get_allowed_scope``: a client registered with ``read`` may get a ``contacts:read`` token."""

    @staticmethod
    def get_allowed_scope(client, scope):
        return granted_scope(client.scope, scope)


class NudgeAuthorizationServer(AuthorizationServer):
    def create_oauth2_request(self, request):
        return NudgeOAuth2Request(flask_request)

    def create_bearer_token_generator(self, config):
        default = super().create_bearer_token_generator(config)
        return ScopedBearerTokenGenerator(
            default.access_token_generator, default.refresh_token_generator, default.expires_generator,
        )


class AuthorizationCodeGrant(grants.AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = CLIENT_AUTH_METHODS

    def validate_authorization_request(self):
        """Authlib's ``validate_code_authorization_request``, except for the scope granted (see
        ``validate_authorization_request_payload``). Returns the redirect URI."""
        request = self.request
        client = self.server.query_client(request.payload.client_id)
        if not client:
            raise InvalidClientError(description="The client does not exist on this server.")
        redirect_uri = self.validate_authorization_redirect_uri(request, client)
        if not client.check_response_type(request.payload.response_type):
            raise UnauthorizedClientError(f"The client is not authorized to use "
                                          f"'response_type={request.payload.response_type}'",
                                          redirect_uri=redirect_uri)
        request.client = client
        try:
            self.validate_authorization_request_payload(redirect_uri)
        except OAuth2Error as error:
            error.redirect_uri = redirect_uri
            raise
        return redirect_uri

    @hooked  # PKCE checks the code challenge after it
    def validate_authorization_request_payload(self, redirect_uri):
        """The scope to grant, by Nudge's rule (``read`` covers ``contacts:read``), where Authlib
        would ask the client row's exact-match ``get_allowed_scope``."""
        self.request.scope = granted_scope(self.request.client.scope, self.request.payload.scope)

    def save_authorization_code(self, code, request):
        now = utcnow()
        item = OAuthAuthorizationCode(
            organization_id=request.organization_id,
            client_id=request.client.id,
            user_id=request.user.id,
            code_hash=hash_secret(code),
            redirect_uri=request.payload.redirect_uri,
            scope=request.scope,
            code_challenge=request.payload.data.get("code_challenge"),
            code_challenge_method=request.payload.data.get("code_challenge_method"),
            created_at=now,
            expires_at=now + AUTHORIZATION_CODE_LIFETIME,
        )
        db.session.add(item)
        db.session.flush()
        return item

    def query_authorization_code(self, code, client):
        """The unused, unexpired code issued to this client, used up by this very attempt: a wrong
        code_verifier must not leave it for another guess (RFC 6749 section 10.5, OAuth 2.1).
        A code presented again is refused and the tokens issued from it are revoked (section 4.1.2)."""
        if not isinstance(code, str) or len(code) > tokens.MAX_TOKEN_LENGTH:
            return None
        item = db.session.scalar(
            select(OAuthAuthorizationCode)
            .where(OAuthAuthorizationCode.code_hash == hash_secret(code))
            .execution_options(**ACROSS_ORGANIZATIONS)
        )
        if item is None or item.client_id != client.id:
            return None
        if item.used_at is not None:
            revoke_descendants(item.id)
            return None
        if item.expires_at <= utcnow() or not use_up(item):
            return None
        return item

    def delete_authorization_code(self, authorization_code):
        """Nothing left to do: the code was used up when it was presented."""

    def authenticate_user(self, authorization_code):
        return db.session.get(User, authorization_code.user_id)


def use_up(code):
    """Mark the code used, committed at once and only if no one else did: an error later in the
    request must not roll it back, and two requests racing with one code cannot both have it.
    Its own transaction, so the request's rows do not expire. The row is kept, so that a second
    use can be detected."""
    now, table = utcnow(), OAuthAuthorizationCode.__table__
    with db.engine.begin() as connection:
        claimed = connection.execute(
            update(table).where(table.c.id == code.id, table.c.used_at.is_(None)).values(used_at=now)
        ).rowcount == 1
    set_committed_value(code, "used_at", now)
    return claimed


def revoke_descendants(authorization_code_id):
    """A code or refresh token presented again may have been stolen: revoke every token issued
    from the same authorization. Committed at once, as the answer to this request is an error
    (which rolls its transaction back)."""
    tokens.revoke_where(OAuthToken.authorization_code_id == authorization_code_id)
    checkpoint()


class RefreshTokenGrant(grants.RefreshTokenGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = CLIENT_AUTH_METHODS
    INCLUDE_NEW_REFRESH_TOKEN = True

    def authenticate_refresh_token(self, refresh_token):
        """A live refresh token. One presented again after rotation may have been stolen: every
        token descended from the same authorization is revoked (RFC 9700 section 4.14.2)."""
        token = tokens.find_by_refresh_token(refresh_token)
        if token is None:
            return None
        if token.revoked_at is not None:
            if token.authorization_code_id is not None:
                revoke_descendants(token.authorization_code_id)
            return None
        if token.refresh_expires_at is None or token.refresh_expires_at <= utcnow():
            return None
        return token

    def authenticate_user(self, refresh_token):
        return db.session.get(User, refresh_token.user_id)

    def _validate_token_scope(self, token):
        """Narrowing is allowed, by the same rule as at the consent page; widening is not."""
        granted_scope(token.get_scope(), self.request.payload.scope)

    def revoke_old_credential(self, refresh_token):
        tokens.revoke_token(refresh_token)


class PKCE(CodeChallenge):
    """PKCE with S256 only; a public client must send a code challenge when it asks for a code."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]
    DEFAULT_CODE_CHALLENGE_METHOD = "S256"

    def validate_code_challenge(self, grant, redirect_uri):
        data = grant.request.payload.data
        if grant.request.client.is_public and not data.get("code_challenge"):
            raise InvalidRequestError("A public client must use PKCE: send 'code_challenge' with method S256.")
        if data.get("code_challenge") and data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("Unsupported 'code_challenge_method': use S256.")
        return super().validate_code_challenge(grant, redirect_uri)


class NudgeRevocationEndpoint(RevocationEndpoint):
    """RFC 7009: the client authenticates and names one of its tokens in the form field ``token``."""

    CLIENT_AUTH_METHODS = CLIENT_AUTH_METHODS

    def query_token(self, token_string, token_type_hint):
        return tokens.find_by_any_token(token_string, token_type_hint)

    def revoke_token(self, token, request):
        tokens.revoke_token(token)


def get_server():
    return current_app.extensions["oauth_server"]


def init_app(app):
    app.config.setdefault("OAUTH2_ACCESS_TOKEN_GENERATOR", tokens.new_access_token)
    app.config.setdefault("OAUTH2_REFRESH_TOKEN_GENERATOR", tokens.new_refresh_token)
    app.config.setdefault("OAUTH2_TOKEN_EXPIRES_IN", {
        "authorization_code": int(tokens.ACCESS_TOKEN_LIFETIME.total_seconds()),
        "refresh_token": int(tokens.ACCESS_TOKEN_LIFETIME.total_seconds()),
    })
    app.config.setdefault("OAUTH_REQUIRE_HTTPS", False)
    server = NudgeAuthorizationServer()
    server.init_app(app, query_client=query_client, save_token=save_token)
    server.register_grant(AuthorizationCodeGrant, [PKCE(required=True)])
    server.register_grant(RefreshTokenGrant)
    server.register_endpoint(NudgeRevocationEndpoint)
    app.extensions["oauth_server"] = server
