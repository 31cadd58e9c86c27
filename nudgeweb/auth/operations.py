"""Accounts: sign up, log in, add users to organizations."""
from sqlalchemy import select

from nudgeweb.auth.passwords import hash_password, needs_rehash, verify_password
from nudgeweb.models import ROLES, Membership, Organization, User, db, utcnow
from nudgeweb.signals import organization_created
from nudgeweb.unit_of_work import enter_organization

MIN_PASSWORD_LENGTH = 8


class AccountError(ValueError):
    """A request that cannot be done as asked; ``field`` names the input at fault."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def normalize_email(email):
    return (email or "").strip().lower()


def find_user(email):
    return db.session.scalar(select(User).where(User.email == normalize_email(email)))


def sign_up(business_name, name, email, password):
    """Create a business and its owner, in force from here on; returns the new membership."""
    if find_user(email) is not None:
        raise AccountError("An account with this email already exists. Log in instead?", "email")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"Use at least {MIN_PASSWORD_LENGTH} characters.", "password")
    organization = Organization(name=business_name.strip())
    user = User(email=normalize_email(email), name=name.strip(), password_hash=hash_password(password))
    membership = Membership(user=user, organization=organization, role="owner")
    db.session.add(membership)
    _created(organization)
    return membership


def authenticate(email, password):
    """The user with these credentials, or None. Upgrades an outdated hash on the way."""
    user = find_user(email)
    if user is None or not verify_password(user.password_hash, password):
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    return user


def add_user_to_organization(email, password, organization_name, role="owner", name=None):
    """For operators: the organization is created when missing (and is then in force), the user too."""
    if role not in ROLES:
        raise AccountError(f"Role must be one of {', '.join(ROLES)}.", "role")
    organization = db.session.scalar(
        select(Organization).where(Organization.name == organization_name)
    ) or Organization(name=organization_name)
    user = find_user(email)
    if user is None:
        if len(password or "") < MIN_PASSWORD_LENGTH:
            raise AccountError(f"Use at least {MIN_PASSWORD_LENGTH} characters.", "password")
        user = User(
            email=normalize_email(email),
            name=name or normalize_email(email).split("@")[0],
            password_hash=hash_password(password),
        )
    elif organization.id and membership_of(user, organization.id):
        raise AccountError(f"{user.email} is already a member of {organization.name}.", "email")
    is_new_organization = organization.id is None
    membership = Membership(user=user, organization=organization, role=role)
    db.session.add(membership)
    db.session.flush()
    if is_new_organization:
        _created(organization)
    return membership


def _created(organization):
    """A new organization: flushed, put in force, and given each area's defaults in the same transaction
    (one sign-up is one transaction: the receivers of organization_created flush, never commit)."""
    db.session.flush()
    enter_organization(organization.id)
    organization_created.send(organization)


def membership_of(user, organization_id):
    return db.session.scalar(
        select(Membership).where(
            Membership.user_id == user.id, Membership.organization_id == organization_id
        )
    )


def memberships_of(user):
    return db.session.scalars(
        select(Membership).where(Membership.user_id == user.id).order_by(Membership.created_at)
    ).all()
