"""Helpers for the API tests: keys for a membership, and headers."""
from nudgeweb.api.keys import create_api_key


def make_key(membership, scopes=("read", "write"), name="Test key", **kwargs):
    return create_api_key(membership, name, list(scopes), **kwargs)[1]


def key_headers(secret, **extra):
    return {"X-API-Key": secret, **extra}
