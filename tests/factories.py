"""factory_boy factories on db.session: test data that reads like the product's own."""
from functools import cache

import factory
from factory.alchemy import SQLAlchemyModelFactory

from nudgeweb.auth.passwords import hasher
from nudgeweb.extensions import db
from nudgeweb.models import Contact, Membership, Organization, User, utcnow

DEFAULT_PASSWORD = "correct-horse-battery"


@cache
def _hash_of_default_password(of_hasher):
    return of_hasher.hash(DEFAULT_PASSWORD)  # hashing is slow on purpose: do it once


def default_password_hash():
    """DEFAULT_PASSWORD hashed as the app in force hashes passwords (its PASSWORD_HASHER)."""
    return _hash_of_default_password(hasher())


class BaseFactory(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "commit"


class OrganizationFactory(BaseFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Business {n}")
    timezone = "America/New_York"
    default_country = "US"


class UserFactory(BaseFactory):
    class Meta:
        model = User

    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"user{n}@example.com")
    password_hash = factory.LazyFunction(default_password_hash)
    email_verified_at = factory.LazyFunction(utcnow)  # pass email_verified_at=None for a newcomer


class MembershipFactory(BaseFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = "owner"


class ContactFactory(BaseFactory):
    """A subscribed contact with an email; pass organization=..., phone=..., tags via tag_rows."""

    class Meta:
        model = Contact

    organization = factory.SubFactory(OrganizationFactory)
    email = factory.Sequence(lambda n: f"customer{n}@example.net")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    status = "subscribed"
    source = "manual"
    subscribed_at = factory.LazyFunction(utcnow)
