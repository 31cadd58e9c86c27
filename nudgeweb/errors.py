"""Friendly error pages; a failed request never leaves a half-written transaction behind."""
from flask import abort, current_app, render_template, request
from flask_wtf.csrf import CSRFError

from nudgeweb.api_request import is_api_request
from nudgeweb.auth.verification import EmailNotVerified
from nudgeweb.extensions import db

FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
MESSAGES = {
    400: ("Something in that request was off", "Please go back and try again."),
    403: ("You can't do that here", "Your role in this business doesn't allow it. Ask an owner or admin."),
    404: ("We couldn't find that page", "It may have been deleted, or the link is wrong."),
    405: ("That doesn't work here", "This address doesn't accept that kind of request."),
    413: ("That was too large to send", None),  # the detail names the limit: too_large_detail()
    429: ("Slow down a little", "Too many requests. Please wait a moment and try again."),
    500: ("Something went wrong on our side", "We've logged it. Please try again in a moment."),
}


def too_large_detail():
    """What a 413 says: the limit that was passed, the body's (MAX_CONTENT_LENGTH) or a form field's."""
    body_limit = current_app.config["MAX_CONTENT_LENGTH"]
    if (request.content_length or 0) <= body_limit and request.mimetype in FORM_TYPES:
        field_limit, parts = current_app.config["MAX_FORM_MEMORY_SIZE"] // 1000, current_app.config["MAX_FORM_PARTS"]
        return (f"This form is too large: a field holds more than {field_limit:,} KB of text, or the form has "
                f"more than {parts:,} fields.")
    return (f"Nudge takes at most {body_limit // (1024 * 1024)} MB in one request. Split a large CSV file "
            "into smaller ones and import them one after the other.")


def render_error(status, title=None, detail=None):
    default_title, default_detail = MESSAGES.get(status, MESSAGES[500])
    if status == 413:
        default_detail = too_large_detail()
    return (
        render_template(
            "error.html", status=status, title=title or default_title, detail=detail or default_detail
        ),
        status,
    )


def _api_error(error):
    """Errors under /api/ answer JSON:API documents, not pages."""
    from nudgeweb.api.errors import http_error_response

    return http_error_response(error)


def _oauth_error(error):
    """The OAuth endpoints that machines call answer in OAuth's JSON (RFC 6749, 5.2), even to a wrong method."""
    from authlib.oauth2.rfc6749 import InvalidRequestError

    from nudgeweb.oauth.routes import oauth_error

    methods = sorted(set(getattr(error, "valid_methods", None) or ()) - {"HEAD", "OPTIONS"})
    description = {
        400: "The request is malformed (a form field holds a NUL character, for one).",
        404: "There is no OAuth endpoint here: use /oauth/authorize, /oauth/token or /oauth/revoke.",
        405: f"{request.method} is not allowed here; use {', '.join(methods)}.",
    }[error.code]
    response, status = oauth_error(InvalidRequestError(description, status_code=error.code))
    if methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response, status


def _for_machines(path):
    return path.startswith("/oauth/") and path != "/oauth/authorize"  # (the consent page is a page)


def _error_answer(error, status):
    if is_api_request():
        return _api_error(error)
    if status in (400, 404, 405) and _for_machines(request.path):
        return _oauth_error(error)
    return render_error(status)


def refuse_nul_in_forms():
    """No browser sends a NUL character in a form, and no PostgreSQL text column stores one: a
    page's form holding one is a 400, not a 500 at the database. (The API refuses it at the field.)"""
    if not is_api_request() and request.form:  # (asked in this order: an API body is not parsed as a form)
        if any("\x00" in value for _, value in request.form.items(multi=True)):
            abort(400)


def register(app):
    app.before_request(refuse_nul_in_forms)
    for status in (400, 403, 404, 405, 413, 429):
        app.register_error_handler(status, lambda error, status=status: _error_answer(error, status))

    @app.errorhandler(EmailNotVerified)
    def email_not_verified(error):
        if is_api_request():
            from nudgeweb.api.errors import email_not_verified_response

            return email_not_verified_response(error)
        db.session.rollback()
        return render_error(403, "Verify your email address first", str(error))

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_error(
            400, "This form has expired", "Reload the page and send it again. (Security token missing or invalid.)"
        )

    @app.errorhandler(500)
    def internal_error(error):
        if is_api_request():
            return _api_error(error)
        db.session.rollback()
        return render_error(500)
