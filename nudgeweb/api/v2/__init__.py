"""/api/v2: seed 001's dialect over the very operations of /api/v1.

Every route declared with ``api_route`` is served here too, by the same handler (authentication,
rate limit, scopes, idempotency, validation, the view): only the document layer differs, chosen by
the request's path (``api_request.is_v2_request``): seed 001's error object (v2/errors.py), its lists
and the flat shapes it shows (v2/documents.py, v2/shapes.py). Its own: the OpenAPI document of v2
and /oauth/authorize, which sends the browser to the consent page.
"""
