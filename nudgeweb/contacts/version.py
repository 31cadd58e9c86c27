"""Each organization's contacts version: it changes in the same transaction as any write to the
organization's contacts or their tags, so that what is worked out from them (a list's
total_records) can be kept under (organization, version) and is never stale. Nudges have a
version of their own, ``nudges_version``, kept the same way (``version_changed``).

Every operation that writes contacts or tags calls ``contacts_changed(organization_id)``; the version
goes up once per transaction, as its last statement before the commit, so a bulk import costs one
UPDATE a chunk and the row lock is held only for the commit.
"""
from functools import lru_cache, partial

from sqlalchemy import bindparam, update

from nudgeweb.bulk import run_statement
from nudgeweb.models import Organization
from nudgeweb.unit_of_work import before_commit


def contacts_changed(organization_id):
    """Say that this unit of work wrote the organization's contacts or tags."""
    version_changed(organization_id, "contacts_version")


def version_changed(organization_id, version):
    """Say that this unit of work wrote what ``version`` (a counter column of organizations) covers."""
    before_commit((version, organization_id), partial(bump_version, organization_id, version))


def bump_version(organization_id, version):
    # A Core UPDATE, not the ORM's: an ORM UPDATE of organizations would be a write the API's credential cache
    # is told about.
    run_statement(_bump(version), {"organization_id": organization_id})


@lru_cache(maxsize=None)
def _bump(version):
    """The UPDATE that adds one to ``version``, built once (it runs in every transaction that writes contacts)."""
    return update(Organization).where(Organization.id == bindparam("organization_id")) \
        .values({version: getattr(Organization, version) + 1})
