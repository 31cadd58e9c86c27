"""Accounts: sign up, log in, passwords and sessions, email verification, add users to organizations."""
import uuid

from sqlalchemy import select

from nudgeweb.auth import links
from nudgeweb.auth.passwords import hash_password, needs_rehash, password_problem, spend_verification_time, verify_password
from nudgeweb.field_errors import FieldErrors
from nudgeweb.models import ROLES, Membership, Organization, User, db, utcnow
from nudgeweb.signals import organization_created
from nudgeweb.unit_of_work import enter_organization


class AccountError(FieldErrors):
    """A request that cannot be done as asked, about one input (``field``)."""

    def __init__(self, message, field):
        super().__init__({field: message})
        self.field = field


def normalize_email(email):
    return (email or "").strip().lower()


def checked_email(email):
    """The address lower-cased, by the one rule of every address in Nudge (contacts, sign-up, team,
    ``users create``: contacts.fields.normalize_email); AccountError (field ``email``) when refused."""
    from nudgeweb.contacts.fields import normalize_email as address_or_error

    address, error = address_or_error((email or "").strip())
    if error:
        raise AccountError(error, "email")
    return address


def find_user(email):
    return db.session.scalar(select(User).where(User.email == normalize_email(email)))


def check_new_password(password):
    """Raise AccountError (field ``password``) when ``password`` breaks the policy (auth/passwords.py)."""
    problem = password_problem(password)
    if problem:
        raise AccountError(problem, "password")


def sign_up(business_name, name, email, password, timezone=None, country=None):
    """Create a business and its owner, in force from here on, and email them the link that verifies their
    address; returns the new membership.

    An address that has an account is told so (not "check your email"): sign-up logs the newcomer in at
    once, so a taken address cannot look the same as a new one; /signup is rate limited instead."""
    if find_user(email) is not None:
        raise AccountError("An account with this email already exists. Log in instead?", "email")
    email = checked_email(email)
    check_new_password(password)
    organization = Organization(name=business_name.strip(), timezone=known_timezone(timezone) or "UTC",
                                default_country=known_country(country) or "US")
    user = User(email=normalize_email(email), name=name.strip(), password_hash=hash_password(password))
    membership = Membership(user=user, organization=organization, role="owner")
    db.session.add(membership)
    _created(organization)
    links.send_verification(user, organization)
    return membership


def known_timezone(name):
    """``name`` when it is an IANA time zone (as browsers report them), else None."""
    from zoneinfo import available_timezones

    return name if name and name in available_timezones() else None


def known_country(code):
    """``code`` upper-cased when it is a country whose phone numbers we read, else None."""
    import phonenumbers

    code = (code or "").upper()
    return code if code in phonenumbers.SUPPORTED_REGIONS else None


def authenticate(email, password):
    """The user with these credentials, or None. Upgrades an outdated hash on the way.

    An unknown address costs a password verification too: the time of the answer does not tell it apart."""
    user = find_user(email)
    if user is None:
        spend_verification_time(password)
        return None
    if not verify_password(user.password_hash, password):
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
        email = checked_email(email)
        check_new_password(password)
        user = User(  # the operator typed the address: it counts as verified
            email=normalize_email(email),
            name=name or normalize_email(email).split("@")[0],
            password_hash=hash_password(password),
            email_verified_at=utcnow(),
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


# --- passwords and sessions ---------------------------------------------------------------------

def user_for_session_id(session_id):
    """The user of a session's or remember-me cookie's id (User.get_id()), while its version is current."""
    user_id, _, version = (session_id or "").partition(".")
    try:
        user = db.session.get(User, uuid.UUID(user_id))
    except ValueError:
        return None
    if user is None or version != str(user.session_version or 0):
        return None
    return user


def end_sessions(user):
    """Every session and remember-me cookie of ``user`` stops working (their id carries the version)."""
    user.session_version = (user.session_version or 0) + 1


def set_password(user, new_password):
    """A new password (checked against the policy) ends every session of the user and every reset link."""
    check_new_password(new_password)
    user.password_hash = hash_password(new_password)
    end_sessions(user)


def change_password(user, current_password, new_password):
    if not verify_password(user.password_hash, current_password or ""):
        raise AccountError("That is not your current password.", "current_password")
    set_password(user, new_password)


def reset_password(token, new_password):
    """Set the password of the reset link's user; the link then dies. Opening it proves the address."""
    user = links.user_for_reset_token(token)
    if user is None:
        raise AccountError("This reset link has expired or was already used. Ask for a new one.", "password")
    set_password(user, new_password)
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
    return user


def request_password_reset(email):
    """Email a reset link to the account of ``email``, if there is one (the caller answers the same either
    way). The email goes through the organization the user joined first; a user of none gets nothing."""
    user = find_user(email)
    memberships = memberships_of(user) if user is not None else []
    if memberships:
        enter_organization(memberships[0].organization_id)
        links.send_password_reset(user, memberships[0].organization)


# --- email verification ---------------------------------------------------------------------------

def verify_email(token):
    """Mark the address of the verification link's user as verified; returns the user, or None."""
    user = links.user_for_verification_token(token)
    if user is not None and user.email_verified_at is None:
        user.email_verified_at = utcnow()
    return user


def resend_verification(user, organization):
    if user.email_verified_at is None:
        links.send_verification(user, organization)
