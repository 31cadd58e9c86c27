"""Lists: named, static groups of contacts (seed 001's ``lists``), single or double opt-in.

A contact added to a double opt-in list (or added with ``confirm=True``) is ``pending`` and gets a
confirmation email; the link in it is made at the moment of sending (delivery/sealed.py: the stored
message keeps a placeholder) and joins them to the list when followed.
"""
import uuid

from sqlalchemy import delete, func, select

from nudgeweb.bulk import insert_rows
from nudgeweb.campaigns.signals import list_joined
from nudgeweb.delivery import tracking
from nudgeweb.delivery.sealed import LINK_PLACEHOLDER, link_made_at_send
from nudgeweb.field_errors import FieldErrors
from nudgeweb.models import Contact, Organization, db, new_id, utcnow
from nudgeweb.models.campaigns import ContactList, ListMembership
from nudgeweb.unit_of_work import ACROSS_ORGANIZATIONS, enter_organization

CONFIRMATION_PURPOSE = "list_confirmation"
CONFIRM_TOKEN = "list-confirm"
MAX_LISTS_PER_CONTACT = 100


class ListValidationError(FieldErrors):
    """A list's attributes, or the lists given for a contact, cannot be used."""


def organization_lists(organization_id):
    return db.session.scalars(
        select(ContactList).where(ContactList.organization_id == organization_id).order_by(func.lower(ContactList.name))
    ).all()


def member_counts(organization_id):
    """{list_id: (subscribed, pending)} in one aggregate."""
    counts = {}
    for list_id, status, count in db.session.execute(
        select(ListMembership.list_id, ListMembership.status, func.count())
        .where(ListMembership.organization_id == organization_id)
        .group_by(ListMembership.list_id, ListMembership.status)
    ):
        subscribed, pending = counts.get(list_id, (0, 0))
        counts[list_id] = (subscribed + count, pending) if status == "subscribed" else (subscribed, pending + count)
    return counts


def create_list(organization_id, data):
    contact_list = ContactList(organization_id=organization_id, name="", description="", double_opt_in=False)
    _apply(contact_list, data)
    db.session.add(contact_list)
    db.session.flush()
    return contact_list


def update_list(contact_list, data):
    _apply(contact_list, data)
    db.session.flush()
    return contact_list


def delete_list(contact_list):
    db.session.delete(contact_list)
    db.session.flush()


def _apply(contact_list, data):
    errors = {}
    if "name" in data or not contact_list.name:
        name = " ".join(str(data.get("name") or "").split())
        if not name:
            errors["name"] = "Give the list a name."
        elif len(name) > 100:
            errors["name"] = "The name is limited to 100 characters."
        elif _name_taken(contact_list, name):
            errors["name"] = "You already have a list with this name."
        else:
            contact_list.name = name
    if data.get("description") is not None:
        description = str(data["description"]).strip()
        if len(description) > 500:
            errors["description"] = "The description is limited to 500 characters."
        else:
            contact_list.description = description
    if data.get("double_opt_in") is not None:
        contact_list.double_opt_in = bool(data["double_opt_in"])
    if errors:
        raise ListValidationError(errors)


def _name_taken(contact_list, name):
    return db.session.scalar(select(ContactList.id).where(
        ContactList.organization_id == contact_list.organization_id, func.lower(ContactList.name) == name.lower(),
        ContactList.id != contact_list.id if contact_list.id else True,
    )) is not None


def lists_by_ids(organization_id, list_ids, field="lists"):
    """The organization's lists with these ids; ListValidationError at ``field`` naming any unknown one
    (a list of another organization is unknown here)."""
    ids = []
    for value in list_ids or []:
        try:
            ids.append(value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)))
        except ValueError:
            raise ListValidationError({field: f"“{str(value)[:40]}” is not a list id."}) from None
    if len(ids) > MAX_LISTS_PER_CONTACT:
        raise ListValidationError({field: f"At most {MAX_LISTS_PER_CONTACT} lists."})
    found = {row.id: row for row in db.session.scalars(
        select(ContactList).where(ContactList.organization_id == organization_id, ContactList.id.in_(ids)))}
    missing = [str(list_id) for list_id in ids if list_id not in found]
    if missing:
        raise ListValidationError({field: f"No list with id {missing[0]}."})
    return [found[list_id] for list_id in dict.fromkeys(ids)]


def add_members(contact_list, contact_ids, confirm=False, announce=True):
    """Add these contacts of the list's organization (those already in it stay as they are); returns how
    many were added. On a double opt-in list, or with ``confirm``, they wait for their confirmation.
    ``announce=False``: no ``list_joined`` (an import that does not enter its contacts into automations)."""
    contact_ids = list(dict.fromkeys(contact_ids))
    existing = set()
    for start in range(0, len(contact_ids), 500):
        existing.update(db.session.scalars(select(ListMembership.contact_id).where(
            ListMembership.list_id == contact_list.id, ListMembership.contact_id.in_(contact_ids[start:start + 500]))))
    new = [contact_id for contact_id in contact_ids if contact_id not in existing]
    pending = contact_list.double_opt_in or confirm
    now = utcnow()
    rows = [{"id": new_id(), "organization_id": contact_list.organization_id, "list_id": contact_list.id,
             "contact_id": contact_id, "status": "pending" if pending else "subscribed", "created_at": now,
             "confirmed_at": None if pending else now} for contact_id in new]
    if rows:
        insert_rows(ListMembership.__table__, rows)
    if pending:
        for row in rows:
            send_confirmation(contact_list, row["id"], row["contact_id"])
    elif rows and announce:
        list_joined.send(contact_list.organization_id, list_id=contact_list.id, contact_ids=[row["contact_id"] for row in rows])
    return len(rows)


def remove_members(contact_list, contact_ids):
    return db.session.execute(delete(ListMembership).where(
        ListMembership.list_id == contact_list.id, ListMembership.contact_id.in_(list(contact_ids)))
        .execution_options(synchronize_session=False)).rowcount


def set_contact_lists(contact, list_ids, confirm=False):
    """The contact belongs to exactly these lists from now on (API create and update)."""
    wanted = lists_by_ids(contact.organization_id, list_ids)
    wanted_ids = {contact_list.id for contact_list in wanted}
    db.session.execute(delete(ListMembership).where(
        ListMembership.contact_id == contact.id, ListMembership.list_id.not_in(wanted_ids))
        .execution_options(synchronize_session=False))
    for contact_list in wanted:
        add_members(contact_list, [contact.id], confirm=confirm)


def list_ids_of(contact_ids):
    """{contact_id: [list ids]} of the lists each contact belongs to (pending ones included)."""
    found = {}
    for contact_id, list_id in db.session.execute(
        select(ListMembership.contact_id, ListMembership.list_id).where(ListMembership.contact_id.in_(list(contact_ids)))
        .order_by(ListMembership.created_at)
    ):
        found.setdefault(contact_id, []).append(list_id)
    return found


def memberships_of(contact):
    """(ContactList, ListMembership) of each list the contact is in."""
    return db.session.execute(
        select(ContactList, ListMembership).join(ListMembership, ListMembership.list_id == ContactList.id)
        .where(ListMembership.contact_id == contact.id).order_by(func.lower(ContactList.name))
    ).all()


# --- double opt-in ------------------------------------------------------------------------------

def send_confirmation(contact_list, membership_id, contact_id):
    from nudgeweb.delivery import queue_direct

    contact = db.session.get(Contact, contact_id)
    if contact is None or not contact.email:
        return None
    organization = db.session.get(Organization, contact_list.organization_id)
    text = (f"Please confirm that you want to join “{contact_list.name}” from {organization.name}:\n\n"
            f"{LINK_PLACEHOLDER}\n\nIf you did not ask for this, ignore this email and nothing happens.")
    return queue_direct(organization, "email", contact.email, subject=f"Please confirm: {contact_list.name}",
                        text=text, purpose=CONFIRMATION_PURPOSE, purpose_id=membership_id)


def confirmation_link(membership_id):
    return tracking.public_url(f"/u/lists/{tracking.make_token(CONFIRM_TOKEN, membership_id.hex)}")


@link_made_at_send(CONFIRMATION_PURPOSE)
def _confirmation_link_of(message):
    membership = db.session.get(ListMembership, message.purpose_id)
    return confirmation_link(membership.id) if membership is not None and membership.status == "pending" else None


def membership_for_token(token):
    """(ContactList, ListMembership) of a confirmation link, its organization then in force; or None."""
    try:
        membership_id = uuid.UUID(tracking.read_token(CONFIRM_TOKEN, token)[0])
    except (tracking.InvalidToken, ValueError, IndexError):
        return None
    # whose membership it is, we learn from it: the signed token is the contact's credential
    membership = db.session.get(ListMembership, membership_id, execution_options=ACROSS_ORGANIZATIONS)
    if membership is None:
        return None
    enter_organization(membership.organization_id)
    return db.session.get(ContactList, membership.list_id), membership


def confirm(membership):
    """The contact followed their link and pressed Confirm: they join the list."""
    if membership.status == "pending":
        membership.status, membership.confirmed_at = "subscribed", utcnow()
        db.session.flush()
        list_joined.send(membership.organization_id, list_id=membership.list_id, contact_ids=[membership.contact_id])
    return membership
