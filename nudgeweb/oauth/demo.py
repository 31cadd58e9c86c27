"""Demo data: an integration the demo business registered and connected."""
import secrets
from datetime import timedelta

from nudgeweb.models import Membership, db, utcnow
from nudgeweb.models.oauth import OAuthToken, hash_secret
from nudgeweb.oauth.clients import create_client
from nudgeweb.oauth.tokens import ACCESS_TOKEN_LIFETIME, REFRESH_TOKEN_LIFETIME


def seed(organization):
    owner = db.session.query(Membership).filter_by(organization_id=organization.id, role="owner").first().user
    client, _secret = create_client(organization, owner, "Bluebird website sync",
                                    ["https://bluebird.example/oauth/callback"], "contacts:read contacts:write")
    now = utcnow()
    db.session.add(OAuthToken(  # a connection whose token strings nobody knows: it shows, it can't be used
        organization_id=organization.id, client_id=client.id, user_id=owner.id, scope=client.scope,
        access_token_hash=hash_secret(secrets.token_urlsafe(32)), refresh_token_hash=hash_secret(secrets.token_urlsafe(32)),
        created_at=now - timedelta(days=12), expires_at=now + ACCESS_TOKEN_LIFETIME,
        refresh_expires_at=now + REFRESH_TOKEN_LIFETIME, last_used_at=now - timedelta(hours=3),
    ))
    db.session.flush()
