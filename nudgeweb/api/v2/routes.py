"""/api/v2's blueprint: every /api/v1 route, and the few of its own."""
from urllib.parse import urlencode

import yaml
from flask import Blueprint, Response, jsonify, redirect, request

from nudgeweb.api.errors import register_blueprint_handlers
from nudgeweb.api.platform import OPERATIONS

bp = Blueprint("api_v2", __name__, url_prefix="/api/v2")
register_blueprint_handlers(bp)
OWN = ("api.openapi_json", "api.openapi_yaml")  # v1's documents; v2 has its own
_routes_added = False


@bp.get("/openapi.json")
def openapi_json():
    from nudgeweb.api.v2.openapi import build_document

    return jsonify(build_document())


@bp.get("/openapi.yaml")
def openapi_yaml():
    from nudgeweb.api.resources.openapi import YAML_TYPES
    from nudgeweb.api.v2.openapi import build_document

    text = yaml.safe_dump(build_document(), sort_keys=False, allow_unicode=True)
    return Response(text, mimetype=request.accept_mimetypes.best_match(YAML_TYPES, YAML_TYPES[0]))


@bp.get("/oauth/authorize")
def oauth_authorize():
    """Seed 001's authorize address: the consent page at /oauth/authorize, with the same query."""
    query = urlencode(list(request.args.items(multi=True)))
    return redirect(f"/oauth/authorize?{query}" if query else "/oauth/authorize", 302)


def register(app):
    """Serve every /api/v1 route at /api/v2 as well (call once the resources are loaded)."""
    from nudgeweb.api.v2 import shapes  # noqa: F401  (seed 001's shapes, registered on import)
    from nudgeweb.extensions import csrf

    global _routes_added
    if not _routes_added:  # (a blueprint takes its rules before its first registration only)
        for operation in v2_operations():
            bp.add_url_rule(operation.rule, operation.endpoint.removeprefix("api."), operation.handler,
                            methods=[operation.method])
        _routes_added = True
    csrf.exempt(bp)
    app.register_blueprint(bp)


def v2_operations():
    return [operation for operation in OPERATIONS if operation.endpoint not in OWN]
