"""Template names are unique within an organization: find the next free one."""
from sqlalchemy import select

from nudgeweb.models import MessageTemplate, db


def name_taken(organization_id, name, excluding_id=None):
    query = select(MessageTemplate.id).where(
        MessageTemplate.organization_id == organization_id, MessageTemplate.name == name
    )
    if excluding_id is not None:
        query = query.where(MessageTemplate.id != excluding_id)
    return db.session.scalar(query.limit(1)) is not None


def free_name(organization_id, wanted):
    """``wanted``, or ``wanted (2)``, ``wanted (3)`` ... whichever is not taken yet."""
    name, number = wanted, 1
    while name_taken(organization_id, name):
        number += 1
        name = f"{wanted} ({number})"
    return name
