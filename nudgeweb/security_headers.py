"""Security headers on every response, set in one after_request.

Why not Flask-Talisman (1.1.0, checked): its Referrer-Policy is one value for the whole app, while
pages with a secret token in their address need no-referrer; it sends HSTS only when the request
looks like HTTPS, not when SESSION_COOKIE_SECURE says the site is served over HTTPS; and it
rewrites the session cookie settings and redirects to HTTPS unless told not to. What we need fits
in these few lines, with a per-response nonce for the one dynamic <style> (a business's colour).

The policy has no 'unsafe-inline' and no 'unsafe-eval' for scripts: every script is a file in
static/, and htmx runs with allowEval and its injected indicator <style> switched off (base.html).
"""
import secrets

from flask import current_app, g, request

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
}
# An email preview (a sandboxed iframe whose srcdoc inherits this policy) shows the email as it will
# arrive: styled by attributes, with its images. The iframe runs no script.
EMAIL_PREVIEW_POLICY = {**POLICY, "style-src-attr": "'unsafe-inline'", "img-src": "'self' data: https:"}
HSTS = "max-age=31536000; includeSubDomains"


def csp_nonce():
    """A nonce for this response's Content-Security-Policy, made when a template first asks for one."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def shows_email_preview(view):
    """Mark a view whose page shows an email preview (see EMAIL_PREVIEW_POLICY)."""
    view.csp_policy = EMAIL_PREVIEW_POLICY
    return view


def framed_by_own_pages(view):
    """Mark a view that our own pages show in an iframe (a preview); no other site may frame it."""
    view.csp_policy = {**POLICY, "frame-ancestors": "'self'"}
    view.frame_options = "SAMEORIGIN"
    return view


def token_in_url(view):
    """Mark a view whose address carries a secret token: no Referer header may carry it on, to a
    review site the customer clicks through to, or to a link's destination after a redirect."""
    view.referrer_policy = "no-referrer"
    return view


def limited_per_token(rate, scope):
    """A rate limit on the posts made through one signed link (the ``token`` of the address)."""
    from nudgeweb.extensions import limiter

    return limiter.shared_limit(rate, scope=scope, key_func=lambda: f"{scope}:{request.view_args.get('token', '')}")


def content_security_policy(policy):
    directives = dict(policy)
    if "csp_nonce" in g:
        directives["style-src"] += f" 'nonce-{g.csp_nonce}'"
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def add_security_headers(response):
    view = current_app.view_functions.get(request.endpoint)
    headers = response.headers
    headers.setdefault("Content-Security-Policy", content_security_policy(getattr(view, "csp_policy", POLICY)))
    headers.setdefault("X-Frame-Options", getattr(view, "frame_options", "DENY"))
    headers["X-Content-Type-Options"] = "nosniff"
    headers.setdefault("Referrer-Policy", getattr(view, "referrer_policy", "strict-origin-when-cross-origin"))
    if current_app.config["SESSION_COOKIE_SECURE"]:
        headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def init_app(app):
    app.jinja_env.globals["csp_nonce"] = csp_nonce
    app.after_request(add_security_headers)
