"""Helpers for the API tests: keys for a membership, and headers."""
from nudgeweb.api.keys import create_api_key
from nudgeweb.unit_of_work import unit_of_work


def make_key(membership, scopes=("read", "write"), name="Test key", **kwargs):
    """A key of the membership's, committed; returns its secret."""
    with unit_of_work(membership.organization_id):
        return create_api_key(membership, name, list(scopes), **kwargs)[1]


def key_headers(secret, **extra):
    return {"X-API-Key": secret, **extra}
