"""The OAuth 2.0 server (Authlib): integrations get a token for one user of one organization.

- ``server``: the Authlib authorization server, its grants (authorization code with PKCE S256,
  rotating refresh tokens) and the RFC 7009 revocation endpoint.
- ``tokens``: token strings, ``authenticate_bearer`` (what the API calls) and revocation.
- ``clients``: registering and deleting OAuth apps, and the connected apps of an organization.
- ``routes``: ``/oauth/authorize`` (consent page), ``/oauth/token``, ``/oauth/revoke``.
- ``settings``: Settings -> OAuth apps and Settings -> Connected apps.
"""
