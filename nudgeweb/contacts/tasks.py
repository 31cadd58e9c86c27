"""Huey tasks of contacts: thin wrappers that take ids."""
import uuid

from nudgeweb.contacts import operations
from nudgeweb.contacts.queries import matching_ids
from nudgeweb.extensions import huey


@huey.task()
def act_on_matching(organization_id, action, filters, reason=None):
    """Unsubscribe or delete everyone a filter of the list matches (too many to do during the request)."""
    organization_id = uuid.UUID(organization_id)
    operations.bulk_action(organization_id, action, matching_ids(organization_id, filters), reason=reason)
