"""The Host header is the client's to choose: absolute URLs built from it (url_for(_external=True),
request.base_url, request.host_url) would point wherever the client says. Flask refuses a Host
that is not in TRUSTED_HOSTS, which holds BASE_URL's host and the operator's TRUSTED_HOSTS."""
from urllib.parse import urlsplit

from flask import Response, request
from werkzeug.exceptions import SecurityError

LOOPBACK = ("localhost", "127.0.0.1", "[::1]")
UNTRUSTED_HOST = "This server answers only to the host name of its BASE_URL (or one listed in TRUSTED_HOSTS).\n"


def trusted_hosts(base_url, extra_hosts=()):
    """BASE_URL's host (any loopback name when it is a loopback one, as `make run` is reached at
    either) and the extra hosts, such as an address a load balancer's health check uses."""
    host = urlsplit(base_url).hostname or ""
    names = list(LOOPBACK) if host in ("localhost", "127.0.0.1", "::1") else [host]
    return [*names, *(name for name in extra_hosts if name not in names)]


def refuse_untrusted_host():
    """Flask keeps an untrusted Host as the request's routing error, and can build no URL for it:
    answer before any hook or error page tries to."""
    if isinstance(request.routing_exception, SecurityError):
        return Response(UNTRUSTED_HOST, 400, mimetype="text/plain")
    return None


def configure(app):
    app.config["TRUSTED_HOSTS"] = trusted_hosts(app.config["BASE_URL"], app.config.get("EXTRA_TRUSTED_HOSTS", ()))
    app.before_request_funcs.setdefault(None, []).insert(0, refuse_untrusted_host)
