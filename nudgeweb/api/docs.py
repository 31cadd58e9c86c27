"""/api/docs: the API reference, rendered by Swagger UI from static/ (vendored, no CDN)."""
from flask import Blueprint, render_template

bp = Blueprint("api_docs", __name__)


@bp.get("/api/docs")
def reference():
    return render_template("api/docs.html")
