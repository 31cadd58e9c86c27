"""Huey tasks of contacts: thin wrappers that take ids."""
from nudgeweb.contacts import operations
from nudgeweb.contacts.queries import matching_ids
from nudgeweb.unit_of_work import organization_task


@organization_task()
def act_on_matching(organization_id, action, filters, reason=None):
    """Unsubscribe or delete everyone a filter of the list matches (too many to do during the request)."""
    return operations.bulk_action(organization_id, action, matching_ids(organization_id, filters), reason=reason)
