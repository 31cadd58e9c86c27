"""The one place that knows what belongs to the JSON API (a module with no imports of the app's own,
so that the error pages, the login and the extensions can ask it without an import cycle)."""
from flask import request

API_PREFIX = "/api/"


def is_api_request():
    """Whether this request belongs to the JSON API (every path under /api/): no cookie session, no
    page membership, JSON:API errors, the API's own rate limits."""
    return request.path.startswith(API_PREFIX)


V2_PREFIX = "/api/v2/"


def is_v2_request():
    """Whether this request speaks seed 001's dialect (/api/v2): its errors, lists and flat shapes."""
    return request.path.startswith(V2_PREFIX)
