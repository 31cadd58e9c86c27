"""/healthz: is the database answering, and when did the Huey consumer last run a task."""
from flask import Blueprint, jsonify
from sqlalchemy import text

from nudgeweb.extensions import db, huey
from nudgeweb.tasks import HEARTBEAT_KEY

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    db.session.execute(text("SELECT 1"))
    heartbeat = huey.get(HEARTBEAT_KEY, peek=True)
    return jsonify(database="ok", worker_last_seen=heartbeat)
