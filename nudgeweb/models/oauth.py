"""OAuth 2.0: the apps (clients) a business registers, authorization codes and the tokens granted.

A client belongs to the organization that registered it (only that organization manages it), but
any Nudge user may authorize it for *their* organization: codes and tokens belong to the
organization that granted them. Secrets, codes and tokens are stored as SHA-256 hashes only.
The Authlib mixins make these rows usable by the authorization server in ``nudgeweb.oauth``.
"""
import hashlib
import hmac
from datetime import datetime

from authlib.oauth2.rfc6749 import AuthorizationCodeMixin, ClientMixin, TokenMixin
from sqlalchemy import JSON, Boolean, ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nudgeweb.models.accounts import Organization, User
from nudgeweb.models.base import IdMixin, OrgScoped, TimestampMixin, UtcDateTime, db, utcnow

AUTH_METHODS_CONFIDENTIAL = ("client_secret_basic", "client_secret_post")


def hash_secret(value):
    """The stored form of a secret, code or token (all are long random strings)."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


class OAuthClient(IdMixin, TimestampMixin, OrgScoped, ClientMixin, db.Model):
    __tablename__ = "oauth_clients"

    owner_id: Mapped[object | None] = mapped_column(Uuid, ForeignKey("users.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(100))
    client_id: Mapped[str] = mapped_column(String(64), unique=True)
    client_secret_hash: Mapped[str | None] = mapped_column(String(64))  # None: a public client
    redirect_uris: Mapped[list] = mapped_column(JSON, default=list)
    scope: Mapped[str] = mapped_column(String(500), default="read")
    is_public: Mapped[bool] = mapped_column(Boolean, default=False)

    organization: Mapped[Organization] = relationship()
    owner: Mapped[User | None] = relationship()

    @property
    def scopes(self):
        return self.scope.split()

    # Authlib's ClientMixin
    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        return self.redirect_uris[0] if len(self.redirect_uris) == 1 else None

    def get_allowed_scope(self, scope):
        """The scope to grant: all of the client's when none is asked; None if more is asked."""
        if not scope:
            return self.scope
        requested = scope.split()
        if not set(requested) <= set(self.scopes):
            return None
        return " ".join(dict.fromkeys(requested))

    def check_redirect_uri(self, redirect_uri):
        return redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret):
        if self.client_secret_hash is None or not client_secret:
            return False
        return hmac.compare_digest(self.client_secret_hash, hash_secret(client_secret))

    def check_endpoint_auth_method(self, method, endpoint):
        if self.is_public:
            return method == "none"
        return method in AUTH_METHODS_CONFIDENTIAL

    def check_response_type(self, response_type):
        return response_type == "code"

    def check_grant_type(self, grant_type):
        return grant_type in ("authorization_code", "refresh_token")


class OAuthAuthorizationCode(IdMixin, OrgScoped, AuthorizationCodeMixin, db.Model):
    """A code handed to the client's redirect URI; exchanged once for a token, within minutes."""

    __tablename__ = "oauth_authorization_codes"

    client_id: Mapped[object] = mapped_column(Uuid, ForeignKey("oauth_clients.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[object] = mapped_column(Uuid, ForeignKey("users.id", ondelete="CASCADE"))
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    redirect_uri: Mapped[str | None] = mapped_column(String(2000))  # as sent in the request, if it was
    scope: Mapped[str] = mapped_column(String(500), default="")
    code_challenge: Mapped[str | None] = mapped_column(String(128))
    code_challenge_method: Mapped[str | None] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    client: Mapped[OAuthClient] = relationship()
    user: Mapped[User] = relationship()

    def get_redirect_uri(self):
        return self.redirect_uri

    def get_scope(self):
        return self.scope


class OAuthToken(IdMixin, OrgScoped, TokenMixin, db.Model):
    """An access token and its refresh token, granted by ``user`` of ``organization`` to ``client``.

    This row is the credential that ``oauth.tokens.authenticate_bearer`` hands to the API.
    Refreshing revokes this row and makes a new one (rotation).
    """

    __tablename__ = "oauth_tokens"

    auth_type = "oauth"

    client_id: Mapped[object] = mapped_column(Uuid, ForeignKey("oauth_clients.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[object] = mapped_column(Uuid, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    authorization_code_id: Mapped[object | None] = mapped_column(
        Uuid, ForeignKey("oauth_authorization_codes.id", ondelete="SET NULL"), index=True
    )
    access_token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    refresh_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    scope: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    refresh_expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    client: Mapped[OAuthClient] = relationship()
    user: Mapped[User] = relationship()
    organization: Mapped[Organization] = relationship()

    @property
    def scopes(self):
        return self.scope.split()

    @property
    def is_active(self):
        """Usable now: not revoked, and either the access or the refresh token still valid."""
        if self.revoked_at is not None:
            return False
        now = utcnow()
        return self.expires_at > now or bool(
            self.refresh_token_hash and self.refresh_expires_at and self.refresh_expires_at > now
        )

    # Authlib's TokenMixin
    def check_client(self, client):
        return self.client_id == client.id

    def get_scope(self):
        return self.scope

    def get_expires_in(self):
        return max(0, int((self.expires_at - utcnow()).total_seconds()))

    def is_expired(self):
        return self.expires_at <= utcnow()

    def is_revoked(self):
        return self.revoked_at is not None

    def get_user(self):
        return self.user

    def get_client(self):
        return self.client
