"""The organization's profile and its team."""
from sqlalchemy import func, select

from nudgeweb.auth.operations import AccountError
from nudgeweb.models import Membership, db
from nudgeweb.signals import credentials_changed
from nudgeweb.unit_of_work import after_commit


def update_organization(organization, **fields):
    for name, value in fields.items():
        setattr(organization, name, value)
    db.session.flush()
    return organization


def team_of(organization_id):
    return db.session.scalars(
        select(Membership).where(Membership.organization_id == organization_id).order_by(Membership.created_at)
    ).all()


def _owner_count(organization_id):
    return db.session.scalar(
        select(func.count()).where(
            Membership.organization_id == organization_id, Membership.role == "owner"
        )
    )


def change_role(membership, role, acting):
    """Owners may change anyone; admins may not touch owners or make one."""
    if acting.role != "owner" and "owner" in (membership.role, role):
        raise AccountError("Only an owner can change who is an owner.", "role")
    if membership.role == "owner" and role != "owner" and _owner_count(membership.organization_id) == 1:
        raise AccountError("A business needs at least one owner.", "role")
    membership.role = role
    db.session.flush()
    after_commit(credentials_changed.send)  # the member's keys and tokens act with the new role


def remove_member(membership, acting):
    if membership.role == "owner" and acting.role != "owner":
        raise AccountError("Only an owner can remove an owner.", "role")
    if membership.role == "owner" and _owner_count(membership.organization_id) == 1:
        raise AccountError("A business needs at least one owner.", "role")
    db.session.delete(membership)
    db.session.flush()
    after_commit(credentials_changed.send)  # the member's keys and tokens stop working
