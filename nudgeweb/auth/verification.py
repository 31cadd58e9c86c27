"""Sending to customers waits until an owner of the organization has verified their email address
(the link emailed at sign-up: auth/links.py). One rule, checked by every way of sending to customers."""
from sqlalchemy import select

from nudgeweb import organization_cache
from nudgeweb.models import Membership, User, db
from nudgeweb.unit_of_work import once_per_transaction

organization_cache.watch(Membership, User)


class EmailNotVerified(Exception):
    """Sending to customers waits until an owner of the organization has verified their email address."""

    MESSAGE = ("Please verify your email address first: Nudge sends to your customers once an owner of the "
               "business has confirmed theirs. Use the link we emailed you (you can ask for a new one on the "
               "dashboard).")

    def __init__(self, message=MESSAGE):
        super().__init__(message)


def may_send_to_customers(organization_id):
    """True once an owner has verified their address (an organization with no owner, made by an operator,
    is not held back)."""
    owners = select(Membership.id).join(User, User.id == Membership.user_id).where(
        Membership.organization_id == organization_id, Membership.role == "owner")
    return db.session.scalar(select(~owners.exists() | owners.where(User.email_verified_at.is_not(None)).exists()))


def require_verified_sender(organization_id):
    """Raise EmailNotVerified unless the organization may send to its customers."""
    if not once_per_transaction(("may_send_to_customers", organization_id), lambda: _verified(organization_id)):
        raise EmailNotVerified()


def _verified(organization_id):
    """may_send_to_customers, kept a moment when it is yes (organization_cache); a no is read again, so
    that a business is never held back once its owner has verified."""
    return organization_cache.cached(organization_id, "may_send_to_customers",
                                     lambda: may_send_to_customers(organization_id)) \
        or may_send_to_customers(organization_id)
