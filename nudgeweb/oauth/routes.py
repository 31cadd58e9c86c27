"""The OAuth 2.0 endpoints: the consent page, the token endpoint and the revocation endpoint."""
import json
from urllib.parse import urlsplit

from authlib.oauth2 import OAuth2Error
from authlib.oauth2.rfc6749 import InvalidRequestError
from flask import Blueprint, abort, current_app, g, jsonify, render_template, request, url_for
from flask_login import current_user

from nudgeweb.extensions import csrf
from nudgeweb.oauth import tokens
from nudgeweb.oauth.scopes import SCOPES, describe
from nudgeweb.oauth.server import CLIENT_AUTH_METHODS, get_server

bp = Blueprint("oauth", __name__)

REVOKED = "Tokens revoked successfully"
RESPONSE_MODES = ("query",)  # the code comes back in the redirect's query, never in a fragment or a form post


@bp.route("/oauth/authorize", methods=["GET", "POST"])
def authorize():
    """Ask the logged-in user to connect the app to their business; approve or deny. The request is checked
    first, so that an app hears of its own mistake whether or not anyone is logged in."""
    server = get_server()
    try:
        grant = server.get_consent_grant(end_user=current_user if current_user.is_authenticated else None)
        refuse_unsupported_response_mode(grant)
    except (OAuth2Error, ValueError) as error:
        return authorization_error(server, error)
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    if g.get("membership") is None:
        abort(403)
    if request.method == "GET":
        return render_template(
            "oauth/authorize.html", client=grant.client, scopes=describe(grant.request.scope),
            redirect_host=_host(grant.redirect_uri),
        )
    grant.request.organization_id = g.membership.organization_id
    approved = request.form.get("decision") == "allow"
    return server.create_authorization_response(grant=grant, grant_user=current_user if approved else None)


def refuse_unsupported_response_mode(grant):
    """A ``response_mode`` the discovery document does not list is refused (back to the app, whose
    redirect URI is known good by now) rather than ignored: an app that asked for a fragment would
    look for its code where it never comes."""
    mode = request.args.get("response_mode")
    if mode not in (None, *RESPONSE_MODES):
        raise InvalidRequestError(f"response_mode={mode} is not supported: the code is sent in the query "
                                  "(response_modes_supported: query).", state=grant.request.payload.state,
                                  redirect_uri=grant.redirect_uri)


def authorization_error(server, error):
    """Send the error back to the app when its redirect URI is known good (RFC 6749 4.1.2.1), else answer
    here, never redirecting to an address the app did not register: seed 000's JSON error to a client that
    asks for JSON, a page to a browser."""
    if isinstance(error, OAuth2Error) and error.redirect_uri:
        return server.handle_error_response(None, error)
    code = getattr(error, "error", None) or "invalid_request"
    description = getattr(error, "description", None) or "The app sent an invalid request."
    if request.accept_mimetypes.best_match(("text/html", "application/json")) == "application/json":
        response = jsonify(error=code, error_description=description)
        response.headers["Cache-Control"] = "no-store"
        return response, 400
    return render_template("oauth/error.html", error=code, description=description), 400


def _host(uri):
    return urlsplit(uri).netloc or uri


@bp.post("/oauth/token")
@csrf.exempt
def token():
    """authorization_code (with PKCE) and refresh_token grants, as RFC 6749 says."""
    server = get_server()
    if not request.form.get("grant_type"):  # (Authlib calls a missing one unsupported; RFC 6749 5.2 says invalid_request)
        return oauth_error(InvalidRequestError("Missing 'grant_type': use authorization_code or refresh_token."))
    try:
        return server.create_token_response()
    except (OAuth2Error, ValueError) as error:
        return oauth_error(error)


@bp.post("/oauth/revoke")
@csrf.exempt
def revoke():
    """Two shapes. Seed 000: the user's Bearer access token, optional JSON ``{"token": ...}``,
    revoking that token or all of the user's tokens of the same app (never another app's).
    RFC 7009: the client's own credentials and a form ``token`` issued to that client.

    The body tells them apart, not a Bearer header: OAuth client libraries (requests-oauthlib's
    OAuth2Session) send the session's access token with an RFC 7009 request too."""
    bearer = bearer_token()
    if bearer is None or is_rfc_7009_request():
        try:
            return get_server().create_endpoint_response("revocation")
        except (OAuth2Error, ValueError) as error:
            return oauth_error(error)
    credential = tokens.authenticate_bearer(bearer)
    if credential is None:
        response = jsonify(error="invalid_token", error_description="The access token is invalid, expired or revoked.")
        response.headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
        return response, 401
    try:
        token_string = token_to_revoke()
    except InvalidRequestError as error:
        return oauth_error(error)
    count = tokens.revoke_for_user(credential, token_string)
    return jsonify(success=True, message=REVOKED, revoked_count=count)


@bp.get("/.well-known/oauth-authorization-server")
def metadata():
    """Authorization server metadata (RFC 8414), so that clients can configure themselves. The issuer
    is the public address, whichever of its names (or scheme, behind a proxy) the request came by."""
    base_url = current_app.config["BASE_URL"]
    return jsonify(
        issuer=base_url,
        authorization_endpoint=base_url + url_for(".authorize"),
        token_endpoint=base_url + url_for(".token"),
        revocation_endpoint=base_url + url_for(".revoke"),
        scopes_supported=list(SCOPES),
        response_types_supported=["code"],
        response_modes_supported=list(RESPONSE_MODES),
        grant_types_supported=["authorization_code", "refresh_token"],
        code_challenge_methods_supported=["S256"],
        token_endpoint_auth_methods_supported=CLIENT_AUTH_METHODS,
        revocation_endpoint_auth_methods_supported=CLIENT_AUTH_METHODS,
    )


REVOKE_FIELDS = {"token", "token_type_hint"}
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def is_rfc_7009_request():
    """A form naming the ``token`` and the client (``client_id``, with its secret unless it is public):
    what RFC 7009 has a client send; seed 000's form names no client, its Bearer token does."""
    return request.mimetype == FORM_TYPES[0] and "token" in request.form and "client_id" in request.form


def token_to_revoke():
    """The token a seed-000 revoke names, or None (an empty body) for all of the user's tokens of the app.

    A body that cannot be read is refused rather than taken for "none named": that would revoke
    every token of the user.
    """
    fields = _revoke_fields()
    if set(fields) - REVOKE_FIELDS:  # not named: field names are the caller's text, quotes and all
        raise InvalidRequestError("Unknown field in the body: send only 'token' (and 'token_type_hint'), "
                                  "or an empty body to revoke all your tokens of this app.")
    token_string = fields.get("token")
    if token_string is not None and (not isinstance(token_string, str) or not token_string):
        raise InvalidRequestError("'token' must be a non-empty string.")
    return token_string


def _revoke_fields():
    if request.mimetype in FORM_TYPES:
        return request.form.to_dict()
    data = request.get_data(cache=True)
    if not data.strip():
        return {}
    if not request.is_json:
        raise InvalidRequestError("Send the body as application/json: an object with 'token'.")
    try:
        body = json.loads(data)
    except (ValueError, RecursionError):  # RecursionError: nesting deeper than the parser goes
        raise InvalidRequestError("The body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise InvalidRequestError("The body must be a JSON object, with 'token' or empty.")
    return body


def bearer_token():
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    return value.strip()


def oauth_error(error):
    if isinstance(error, OAuth2Error):
        status, body, _headers = error()
        response = jsonify(body)
        response.headers["Cache-Control"] = "no-store"
        return response, status
    return jsonify(error="invalid_request", error_description="The request is malformed."), 400
