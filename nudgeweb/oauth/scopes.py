"""The scopes a token may carry: ``read``/``write`` for everything, or one resource at a time."""

RESOURCES = {
    "contacts": "contacts",
    "review_requests": "review requests",
    "templates": "message templates",
    "messages": "messages",
}

SCOPES = {
    "read": "See everything in your business",
    "write": "Create, change and delete anything in your business",
}
for _resource, _label in RESOURCES.items():
    SCOPES[f"{_resource}:read"] = f"See your {_label}"
    SCOPES[f"{_resource}:write"] = f"Create, change and delete your {_label}"

DEFAULT_SCOPE = "read write"


def unknown_scopes(scope):
    """The names in a space-separated scope string that Nudge does not know."""
    return [name for name in (scope or "").split() if name not in SCOPES]


def describe(scope):
    """(name, description) for each scope in a space-separated string, for consent pages."""
    return [(name, SCOPES.get(name, name)) for name in (scope or "").split()]
