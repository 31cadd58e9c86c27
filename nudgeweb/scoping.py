"""Reading one row of the current organization by its id (the organization in force is the unit of
work's: nudgeweb/unit_of_work.py)."""
import uuid

from flask import abort

from nudgeweb.models.base import db
from nudgeweb.unit_of_work import current_organization_id


def get_or_404(model, object_id):
    """One row of the current organization by its id; 404 for a missing or foreign id.

    Works for any model with an ``organization_id`` (OrgScoped ones and memberships).
    """
    row = find_in_organization(model, object_id)
    if row is None:
        abort(404)
    return row


def _as_uuid(value):
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def find_in_organization(model, object_id):
    """One row of the current organization by its id, or None (missing, foreign or not an id)."""
    try:
        row = db.session.get(model, _as_uuid(object_id))
    except ValueError:
        return None
    return row if row is not None and getattr(row, "organization_id", None) == current_organization_id() else None
