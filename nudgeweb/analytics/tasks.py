"""Huey tasks of the analytics area: thin wrappers that take ids."""
from nudgeweb.analytics.rebuild import rebuild_counts
from nudgeweb.unit_of_work import after_commit, organization_task


@organization_task()
def rebuild_counts_task(organization_id):
    """The organization's hourly counts again from its rows (after its time zone's hours moved)."""
    return rebuild_counts(organization_id)


def rebuild_counts_later(organization_id):
    """Rebuild the organization's counts in a task, once the current transaction commits."""
    after_commit(rebuild_counts_task, organization_id)
