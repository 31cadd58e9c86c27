"""OAuth apps: registering and deleting them, and the apps connected to an organization."""
import secrets
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from sqlalchemy import func, select

from nudgeweb.field_errors import FieldErrors
from nudgeweb.models import User, db
from nudgeweb.models.oauth import OAuthClient, OAuthToken, hash_secret
from nudgeweb.oauth import tokens
from nudgeweb.oauth.scopes import DEFAULT_SCOPE, unknown_scopes
from nudgeweb.signals import credentials_changed
from nudgeweb.unit_of_work import ACROSS_ORGANIZATIONS, after_commit


class ClientValidationError(FieldErrors):
    """Bad input for a client; ``errors`` is {field: message} for every bad field."""


def redirect_uri_problem(uri):
    """Why a redirect URI can't be registered, or None if it can."""
    try:
        parts = urlsplit(uri)
    except ValueError:
        return f"{uri} is not a valid address."
    if parts.scheme not in ("https", "http") or not parts.netloc:
        return f"{uri} must be a full address starting with https:// (or http:// while developing)."
    if parts.fragment:
        return f"{uri} must not contain a #fragment."
    if len(uri) > 2000:
        return "A redirect URI can be at most 2,000 characters."
    return None


def create_client(organization, owner, name, redirect_uris, scope=DEFAULT_SCOPE, public=False):
    """Register an app; returns (client, secret). The secret is None for a public client and is
    never stored: only its hash is."""
    name = (name or "").strip()
    redirect_uris = list(dict.fromkeys(uri.strip() for uri in redirect_uris if uri and uri.strip()))
    scopes = list(dict.fromkeys((scope or "").split()))
    errors = {}
    if not name:
        errors["name"] = "Give the app a name: people see it when they connect it."
    elif len(name) > 100:
        errors["name"] = "A name can be at most 100 characters."
    if not redirect_uris:
        errors["redirect_uris"] = "Add at least one redirect URI."
    else:
        problems = [problem for problem in map(redirect_uri_problem, redirect_uris) if problem]
        if problems:
            errors["redirect_uris"] = " ".join(problems)
    if not scopes:
        errors["scopes"] = "Choose at least one scope."
    elif unknown := unknown_scopes(" ".join(scopes)):
        errors["scopes"] = f"Unknown scope: {', '.join(unknown)}."
    if errors:
        raise ClientValidationError(errors)
    secret = None if public else secrets.token_urlsafe(32)
    client = OAuthClient(
        organization_id=organization.id,
        owner_id=owner.id if owner else None,
        name=name,
        client_id=secrets.token_urlsafe(18),
        client_secret_hash=hash_secret(secret) if secret else None,
        redirect_uris=redirect_uris,
        scope=" ".join(scopes),
        is_public=public,
    )
    db.session.add(client)
    db.session.flush()
    return client, secret


def clients_of(organization_id):
    return db.session.scalars(
        select(OAuthClient).where(OAuthClient.organization_id == organization_id).order_by(OAuthClient.created_at)
    ).all()


def delete_client(client):
    """Delete an app; every code and token issued to it goes with it (refused by this process as
    soon as the deletion commits)."""
    db.session.delete(client)
    db.session.flush()
    after_commit(credentials_changed.send)


@dataclass
class Connection:
    """One app connected to the organization by one user: all their active tokens for it."""

    client_id: object
    client_name: str
    user_id: object
    user_name: str
    user_email: str
    scopes: list
    connected_at: datetime
    last_used_at: datetime | None
    token_count: int


def connections_of(organization_id):
    """The apps connected to an organization, per app and user, newest first.

    The apps may belong to other organizations (anyone can connect an app), so the query is
    made across organizations and filtered to this one's tokens explicitly.
    """
    rows = db.session.execute(
        select(
            OAuthClient.id, OAuthClient.name, User.id, User.name, User.email,
            func.min(OAuthToken.created_at), func.max(OAuthToken.last_used_at), func.count(OAuthToken.id),
        )
        .join(OAuthClient, OAuthClient.id == OAuthToken.client_id)
        .join(User, User.id == OAuthToken.user_id)
        .where(OAuthToken.organization_id == organization_id, tokens.active())
        .group_by(OAuthClient.id, OAuthClient.name, User.id, User.name, User.email)
        .order_by(func.min(OAuthToken.created_at).desc())
        .execution_options(**ACROSS_ORGANIZATIONS)
    ).all()
    scopes = _scopes_by_connection(organization_id)
    return [
        Connection(client_id, client_name, user_id, user_name, email, scopes[(client_id, user_id)],
                   connected_at, last_used_at, count)
        for client_id, client_name, user_id, user_name, email, connected_at, last_used_at, count in rows
    ]


def _scopes_by_connection(organization_id):
    scopes = {}
    for client_id, user_id, scope in db.session.execute(
        select(OAuthToken.client_id, OAuthToken.user_id, OAuthToken.scope)
        .where(OAuthToken.organization_id == organization_id, tokens.active())
        .execution_options(**ACROSS_ORGANIZATIONS)
    ):
        scopes.setdefault((client_id, user_id), {}).update(dict.fromkeys(scope.split()))
    return {key: list(names) for key, names in scopes.items()}


def disconnect(organization_id, client_id, user_id):
    """Revoke every token the user granted the app in this organization; returns how many."""
    return tokens.revoke_where(
        OAuthToken.organization_id == organization_id,
        OAuthToken.client_id == client_id,
        OAuthToken.user_id == user_id,
    )
