"""The scopes an OAuth token may carry: the API's own vocabulary (``nudgeweb.api.keys``),
``read``/``write`` for everything or ``<resource>:read``/``<resource>:write`` for one resource,
with the words the consent page shows for each."""
from authlib.oauth2.rfc6749 import InvalidScopeError

from nudgeweb.api.keys import RESOURCES, covers

SCOPES = {
    "read": "See everything in your business",
    "write": "Create, change and delete anything in your business",
}
for _resource in RESOURCES:
    _label = _resource.replace("_", " ")
    SCOPES[f"{_resource}:read"] = f"See your {_label}"
    SCOPES[f"{_resource}:write"] = f"Create, change and delete your {_label}"

DEFAULT_SCOPE = "read write"


def unknown_scopes(scope):
    """The names in a space-separated scope string that Nudge does not know."""
    return [name for name in (scope or "").split() if name not in SCOPES]


def granted_scope(held, requested):
    """The scope to grant when ``requested`` is asked of ``held`` (an app's registered scope, or
    the scope of the token being refreshed): all of ``held`` when nothing is asked, else exactly
    what is asked. InvalidScopeError names the scopes Nudge does not know, or ``held`` does not cover."""
    if not requested:
        return held
    unknown = unknown_scopes(requested)
    if unknown:
        raise InvalidScopeError(f"Unknown scope: {' '.join(unknown)}.")
    names = list(dict.fromkeys(requested.split()))
    refused = [name for name in names if not covers(set(held.split()), name)]
    if refused:
        raise InvalidScopeError(f"Scope not allowed: {' '.join(refused)}.")
    return " ".join(names)


def describe(scope):
    """(name, description) for each scope in a space-separated string, for consent pages."""
    return [(name, SCOPES.get(name, name)) for name in (scope or "").split()]
