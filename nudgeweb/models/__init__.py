"""Every model, re-exported so that Alembic and the app see all tables from one import."""
from nudgeweb.models.base import OrgScoped, db, new_id, utcnow  # noqa: F401
from nudgeweb.models.accounts import ROLES, Membership, Organization, User, role_at_least  # noqa: F401
from nudgeweb.models.api import ApiKey, ApiSettings, IdempotencyRecord  # noqa: F401
