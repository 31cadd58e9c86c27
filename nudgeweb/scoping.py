"""The one place that keeps each organization's data to itself.

Whoever authenticates a request (the login session, an API key, an OAuth or JWT token)
calls ``enter_organization(org_id)``. From then on every ORM SELECT, UPDATE and DELETE on an
``OrgScoped`` model in that request is filtered to that organization, so a route that forgets
the scope still cannot see another business's rows. Huey tasks and CLI commands have no
request: they take an organization id and pass it on explicitly.
"""
import uuid

from flask import abort, g, has_request_context
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from nudgeweb.models.base import OrgScoped, db

ALL_ORGANIZATIONS = "all_organizations"


def enter_organization(organization_id):
    g.organization_id = organization_id


def current_organization_id():
    """The organization of the current request, or None outside one."""
    if has_request_context():
        return g.get("organization_id")
    return None


def get_or_404(model, object_id):
    """One row of the current organization by its id; 404 for a missing or foreign id.

    Works for any model with an ``organization_id`` (OrgScoped ones and memberships).
    """
    try:
        row = db.session.get(model, _as_uuid(object_id))
    except ValueError:
        abort(404)
    if row is None or getattr(row, "organization_id", None) != current_organization_id():
        abort(404)
    return row


def _as_uuid(value):
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


@event.listens_for(Session, "do_orm_execute")
def _scope_to_current_organization(state: ORMExecuteState):
    if not (state.is_select or state.is_update or state.is_delete):
        return
    if state.execution_options.get(ALL_ORGANIZATIONS):
        return
    organization_id = current_organization_id()
    if organization_id is None:
        return
    state.statement = state.statement.options(
        with_loader_criteria(
            OrgScoped,
            lambda cls: cls.organization_id == organization_id,
            include_aliases=True,
        )
    )
