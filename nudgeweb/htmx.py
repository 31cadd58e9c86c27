"""Answer an HTMX request with its fragment and any other request with the whole page."""
from flask import make_response, render_template
from htmx_flask import request


def wants_fragment():
    htmx = request.htmx
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def render(page, fragment=None, status=200, **context):
    """Render ``fragment`` for a plain HTMX swap, else ``page`` (which includes the fragment)."""
    template = fragment if fragment and wants_fragment() else page
    response = make_response(render_template(template, **context), status)
    response.vary.add("HX-Request")
    return response
