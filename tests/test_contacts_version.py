"""An organization's contacts version changes with every write to its contacts, however it is made."""
from sqlalchemy import insert, select, update

from nudgeweb.bulk import insert_rows
from nudgeweb.contacts import operations
from nudgeweb.contacts.fields import contact_insert_values
from nudgeweb.extensions import db
from nudgeweb.models import Contact, Organization, utcnow
from tests.factories import OrganizationFactory


def version(organization):
    return db.session.scalar(select(Organization.contacts_version).where(Organization.id == organization.id))


def changes(organization, action):
    before = version(organization)
    action()
    db.session.commit()
    return version(organization) != before


def test_every_kind_of_write_gives_a_new_version_to_that_organization_only(app_ctx):
    mine, other = OrganizationFactory(), OrganizationFactory()
    untouched = version(other)
    contact, _ = operations.upsert_contact(mine, {"email": "ann@example.com", "first_name": "Ann"}, "api")
    assert version(mine) != 0
    assert changes(mine, lambda: operations.update_contact(contact, {"last_name": "Lee"}))
    assert changes(mine, lambda: operations.bulk_tag(mine.id, [contact.id], "vip"))
    assert changes(mine, lambda: operations.bulk_untag(mine.id, [contact.id], "vip"))
    assert changes(mine, lambda: operations.save_segment(mine.id, "Leads", {"status": "subscribed"}))
    assert changes(mine, lambda: db.session.execute(
        update(Contact).where(Contact.id == contact.id).values(status="bounced")))
    assert changes(mine, lambda: db.session.execute(
        insert(Contact), [contact_insert_values(mine.id, {"email": "bo@example.com"}, "import", utcnow())]))
    assert changes(mine, lambda: insert_rows(Contact.__table__, [
        contact_insert_values(mine.id, {"email": "cy@example.com"}, "import", utcnow())]))
    assert changes(mine, lambda: operations.bulk_delete(mine.id, [contact.id]))
    assert version(other) == untouched


def test_reading_contacts_keeps_the_version(app_ctx):
    organization = OrganizationFactory()
    operations.upsert_contact(organization, {"email": "ann@example.com"}, "api")
    assert not changes(organization, lambda: operations.find_contact(organization.id, email="ann@example.com"))
