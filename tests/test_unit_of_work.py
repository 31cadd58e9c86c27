"""The unit of work: one commit, the organization in force, after-commit work, and a scope that fails closed."""
import pytest
from sqlalchemy import select

from nudgeweb.contacts import operations as contacts
from nudgeweb.extensions import db, huey
from nudgeweb.models import Contact
from nudgeweb.unit_of_work import OrganizationScopeError, across_organizations, after_commit, checkpoint, unit_of_work
from tests.factories import ContactFactory


def test_a_query_with_no_organization_in_force_raises(app_ctx, organization):
    ContactFactory(organization=organization)
    with pytest.raises(OrganizationScopeError, match="Contact"):
        with unit_of_work():
            db.session.scalars(select(Contact)).all()
    with pytest.raises(OrganizationScopeError):
        with unit_of_work():
            db.session.scalars(select(Contact.email)).all()


def test_reading_across_organizations_is_said_in_words(app_ctx, organization, other_owner):
    ContactFactory(organization=organization)
    ContactFactory(organization=other_owner.organization)
    with unit_of_work():
        with across_organizations():
            assert len(db.session.scalars(select(Contact)).all()) == 2


def test_the_organization_in_force_sees_only_its_rows(app_ctx, organization, other_owner):
    ours = ContactFactory(organization=organization).id
    theirs = ContactFactory(organization=other_owner.organization).id
    with unit_of_work(organization.id):
        assert db.session.scalars(select(Contact.id)).all() == [ours]
        assert db.session.scalar(select(Contact).where(Contact.id == theirs)) is None


def test_work_is_committed_once_at_the_end_and_after_commit_runs_then(app_ctx, organization):
    ran = []
    with unit_of_work(organization.id):
        contacts.create_contact(organization, {"email": "ann@example.com"})
        after_commit(ran.append, "queued")
        assert ran == []
    assert ran == ["queued"]
    with unit_of_work(organization.id):
        assert db.session.scalars(select(Contact.email)).all() == ["ann@example.com"]


def test_a_failure_rolls_everything_back_and_nothing_is_queued(app_ctx, organization):
    ran = []
    with pytest.raises(RuntimeError):
        with unit_of_work(organization.id):
            contacts.create_contact(organization, {"email": "bob@example.com"})
            after_commit(ran.append, "queued")
            raise RuntimeError("the task failed")
    assert ran == []
    with unit_of_work(organization.id):
        assert contacts.find_contact(organization.id, email="bob@example.com") is None


def test_a_checkpoint_keeps_what_came_before_it(app_ctx, organization):
    with pytest.raises(RuntimeError):
        with unit_of_work(organization.id):
            contacts.create_contact(organization, {"email": "first@example.com"})
            checkpoint()
            contacts.create_contact(organization, {"email": "second@example.com"})
            raise RuntimeError("crashed half-way")
    with unit_of_work(organization.id):
        assert contacts.find_contact(organization.id, email="first@example.com") is not None
        assert contacts.find_contact(organization.id, email="second@example.com") is None


def test_a_request_that_answers_an_error_keeps_nothing(owner_client, organization):
    """An invalid form answers 4xx: whatever the request had flushed is rolled back."""
    response = owner_client.post("/contacts/new", data={"email": "not an email", "first_name": "Zed"})
    assert response.status_code >= 400
    with unit_of_work(organization.id):
        assert db.session.scalars(select(Contact)).all() == []


def test_a_task_that_forgets_its_organization_cannot_read_any(huey_consumer, organization):
    """A task declared without organization_task runs in no organization: its query fails in the real consumer."""
    ContactFactory(organization=organization)

    @huey.task()
    def careless_count():
        return len(db.session.scalars(select(Contact)).all())

    result = careless_count()
    with pytest.raises(Exception, match="no organization in force"):
        result.get(blocking=True, timeout=15)
