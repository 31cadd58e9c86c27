"""Who is asking, for which organization, and whether their role allows it."""
import uuid
from functools import wraps

from flask import abort, current_app, g, request, session
from flask_login import current_user, login_required, login_user
from flask_login.config import COOKIE_NAME

from nudgeweb.api_request import is_api_request
from nudgeweb.auth.operations import membership_of, memberships_of
from nudgeweb.models import role_at_least
from nudgeweb.unit_of_work import enter_organization

SESSION_ORGANIZATION = "organization_id"


def load_membership():
    """before_request: pick the logged-in user's current organization and scope to it.

    Not for the JSON API, whose credential names the organization (api/credentials.py)."""
    g.membership = None
    if is_api_request() or not current_user.is_authenticated:
        return
    membership = None
    chosen = session.get(SESSION_ORGANIZATION)
    if chosen:
        membership = membership_of(current_user, uuid.UUID(chosen))
    if membership is None:
        memberships = memberships_of(current_user)
        membership = memberships[0] if memberships else None
    if membership is not None:
        g.membership = membership
        enter_organization(membership.organization_id)


def renew_login(user):
    """Log this browser in again under the user's new session version (after a password change), keeping
    its remember-me cookie if it had one: the user's other sessions have ended, this one goes on."""
    remember_cookie = current_app.config.get("REMEMBER_COOKIE_NAME", COOKIE_NAME)
    login_user(user, remember=remember_cookie in request.cookies)


def switch_organization(membership):
    session[SESSION_ORGANIZATION] = str(membership.organization_id)


def current_organization():
    return g.membership.organization if g.get("membership") else None


def role_required(minimum):
    """Login, a membership in the current organization, and at least this role; else 403."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            membership = g.get("membership")
            if membership is None or not role_at_least(membership.role, minimum):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


member_required = role_required("viewer")
