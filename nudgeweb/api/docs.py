"""/api/docs: the API reference, rendered by Swagger UI from static/ (vendored, no CDN)."""
from flask import Blueprint, render_template, request, url_for

bp = Blueprint("api_docs", __name__)


@bp.get("/api/docs")
def reference():
    """/api/v1's reference, or with ?version=2 /api/v2's (seed 001's dialect)."""
    v2 = request.args.get("version") == "2"
    spec = url_for("api_v2.openapi_json") if v2 else url_for("api.openapi_json")
    yaml = url_for("api_v2.openapi_yaml") if v2 else url_for("api.openapi_yaml")
    return render_template("api/docs.html", v2=v2, spec=spec, yaml=yaml)
