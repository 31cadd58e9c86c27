"""Helpers for the API tests: keys for a membership, and headers."""
from nudgeweb.api.keys import create_api_key
from nudgeweb.unit_of_work import unit_of_work


def make_key(membership, scopes=("read", "write"), name="Test key", **kwargs):
    """A key of the membership's, committed; returns its secret."""
    with unit_of_work(membership.organization_id):
        return create_api_key(membership, name, list(scopes), **kwargs)[1]


def key_headers(secret, **extra):
    return {"X-API-Key": secret, **extra}


# Other names of documented paths: they answer the same but stay out of the OpenAPI documents (and so out of
# the generated SDKs), and the tag's description names them. Seed 003 calls automations workflows and webhooks
# outbound-webhooks; /organization/api_keys is the older spelling of seed 001's hyphenated path.
UNDOCUMENTED_ALIASES = {"/workflows": "/automations", "/outbound-webhooks": "/webhooks",
                        "/organization/api_keys": "/organization/api-keys"}


def documented_path(path, base="/api/v1"):
    """The documented path that ``path`` (OpenAPI-style, under ``base``) answers as: itself, or its alias's twin."""
    for alias, twin in UNDOCUMENTED_ALIASES.items():
        if path == base + alias or path.startswith(base + alias + "/"):
            return base + twin + path.removeprefix(base + alias)
    return path
