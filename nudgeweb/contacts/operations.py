"""What can be done to contacts: the pages, the API, imports and other areas all call these.

Functions flush; the unit of work they run in commits (nudgeweb/unit_of_work.py).
Bad input raises ContactValidationError with every bad field at once.
"""
import re
import uuid
from dataclasses import dataclass
from functools import partial

from sqlalchemy import Uuid, bindparam, delete, func, insert, literal, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from nudgeweb.analytics.counters import count_rows
from nudgeweb.bulk import PreparedInsert, as_loaded, insert_rows, prepare_or_keep
from nudgeweb.contacts import signals
from nudgeweb.contacts.fields import (
    MAX_CUSTOM_FIELDS,
    MAX_TAG_LENGTH,
    MAX_TAGS_PER_CONTACT,
    ContactValidator,
    contact_insert_values,
    custom_field_definitions,
    split_tags,
    tags_error,
)
from nudgeweb.contacts.queries import clean_filters, contacts_query, count_matching, matching_ids
from nudgeweb.contacts.timeline import record_activities, record_activity
from nudgeweb.contacts.version import contacts_changed
from nudgeweb.field_errors import FieldErrors
from nudgeweb.models import db, utcnow
from nudgeweb.models.contacts import (
    CONTACT_SOURCES,
    CONTACT_STATUSES,
    CUSTOM_FIELD_TYPES,
    Contact,
    CustomFieldDefinition,
    Segment,
    Tag,
    contact_tags,
)
from nudgeweb.unit_of_work import RunAgain, checkpoint

SOURCE_SUMMARIES = {
    "manual": "Added by hand",
    "import": "Imported from a CSV file",
    "api": "Added through the API",
    "review_request": "Added with a review request",
    "employee": "Added by an employee",
}
PLAIN_FIELDS = ("email", "phone", "first_name", "last_name", "company_name", "timezone")


class ContactValidationError(FieldErrors):
    """Input that cannot be saved; ``errors`` maps each bad field to its message, ``duplicates``
    names those among them whose value belongs to another contact (an email or a phone)."""


# --- one contact ---------------------------------------------------------------------------------

def find_contact(organization_id, email=None, phone=None):
    """The organization's contact with this (normalised) email, else with this phone, or None."""
    for column, value in (("email", email), ("phone", phone)):
        if value:
            if db.session.autoflush:
                db.session.flush()  # the session's own changes first, as a query through it would
            row = db.session.connection().execute(
                _CONTACT_BY[column], {"organization_id": organization_id, "value": value}).mappings().first()
            if row is not None:
                return _as_read(row)
    return None


# find_contact's two reads, built once and run on the connection: the ORM's select (built anew, with the tenant
# scope added to it, and the contact's tags loaded with it) cost a tenth of adding a review request through the
# API. The organization is in the statement itself.
_CONTACT_BY = {column: select(Contact.__table__).where(Contact.__table__.c.organization_id == bindparam("organization_id"),
                                                       Contact.__table__.c[column] == bindparam("value"))
               for column in ("email", "phone")}


def _as_read(row):
    """The session's Contact for ``row``: the one it holds already (with its changes), else one as if it read it."""
    held = db.session.identity_map.get(db.session.identity_key(Contact, row["id"]))
    return held if held is not None else as_loaded(Contact, dict(row))


class ContactFinder:
    """find_contact for many rows at once (an import's chunk): the contacts with any of ``emails``
    or ``phones`` come in one query, instead of one or two per row; remember() the contacts the
    rows then create or change, and find() answers as find_contact would."""

    def __init__(self, organization_id, emails, phones):
        self.by_email, self.by_phone = {}, {}
        emails, phones = sorted(set(filter(None, emails))), sorted(set(filter(None, phones)))
        if emails or phones:
            for contact in db.session.scalars(select(Contact).where(
                Contact.organization_id == organization_id, or_(Contact.email.in_(emails), Contact.phone.in_(phones))
            )):
                self.remember(contact)

    def remember(self, contact):
        if contact.email:
            self.by_email[contact.email] = contact
        if contact.phone:
            self.by_phone[contact.phone] = contact

    def find(self, email=None, phone=None):
        for value, known, column in ((email, self.by_email, "email"), (phone, self.by_phone, "phone")):
            contact = known.get(value) if value else None
            if contact is not None and getattr(contact, column) == value:  # (not changed since)
                return contact
        return None


def another_person(contact, clean):
    """True when ``clean`` (a row of an import, say) is not the person of ``contact``, the contact found by its
    phone: both give an email, and not the same one. Email is the stronger identity: a parent and child, or a
    couple, share a mobile number far more often than an email address, and merging such a row would give the
    contact another person's email. With no email on either side, or the same one, it is the same person."""
    email = clean.get("email")
    return bool(email and contact.email and contact.email != email)


def upsert_contact(organization, data, source, update_existing=True, validator=None, finder=None,
                   event_metadata=None):
    """Create the contact, or update the one with the same email or phone: (Contact, created).

    Updating merges: blank values leave what is stored, tags are added, and an unsubscribed
    contact is never re-subscribed by an upsert (only subscribe() does that); an email or phone
    that would be another contact's is an error, and nothing changes. ``finder``: a
    ContactFinder to look the contact up in (many rows at once); ``event_metadata``: what the
    contact.created event of a new contact carries (an import's id and trigger_automations).
    """
    if source not in CONTACT_SOURCES:
        raise ValueError(f"source must be one of {CONTACT_SOURCES}")
    validator = validator or ContactValidator.for_organization(organization)
    clean, errors = validator.validate(data)
    if errors:
        raise ContactValidationError(errors)
    if finder is not None:
        existing = finder.find(clean.get("email"), clean.get("phone"))
    else:
        existing = find_contact(organization.id, clean.get("email"), clean.get("phone"))
    if existing is None:
        try:
            contact = _create(organization, clean, source)
        except RunAgain:  # someone else added it a moment ago: update theirs
            existing = find_contact(organization.id, clean.get("email"), clean.get("phone"))
            if existing is None:
                raise
        else:
            signals.contact_created.send(contact, metadata=event_metadata)
            return _finish(contact), True
    if update_existing:
        _merge(existing, clean, finder)
    return _finish(existing), False


def _merge(contact, clean, finder=None):
    """Merge ``clean`` into the contact an upsert found, unless that gives it another contact's email or phone."""
    taken = _taken(contact.organization_id, clean, contact, finder)
    if taken:
        raise ContactValidationError(taken, duplicates=taken)
    _update(contact, clean, merge=True)


def create_contact(organization, data, source="manual"):
    """A new contact; an email or phone that already exists is an error (the form says so)."""
    validator = ContactValidator.for_organization(organization)
    clean, errors = validator.validate(data)
    taken = _taken(organization.id, clean)
    errors.update(taken)
    if errors:
        raise ContactValidationError(errors, duplicates=taken)
    contact = _create(organization, clean, source)
    signals.contact_created.send(contact)
    return _finish(contact)


def update_contact(contact, data):
    """Change the given fields (blank clears); the contact must keep an email or a phone."""
    validator = ContactValidator.for_organization(contact.organization)
    clean, errors = validator.validate(data, partial=True)
    taken = _taken(contact.organization_id, clean, contact)
    errors.update(taken)
    email = clean["email"] if "email" in clean else contact.email
    phone = clean["phone"] if "phone" in clean else contact.phone
    if not email and not phone and not ({"email", "phone"} & errors.keys()):
        errors["email" if "email" in clean else "phone"] = "Keep an email address or a mobile phone number."
    if errors:
        raise ContactValidationError(errors, duplicates=taken)
    _update(contact, clean, merge=False)
    return _finish(contact)


def delete_contact(contact):
    signals.contact_deleted.send(contact)
    contacts_changed(contact.organization_id)
    db.session.delete(contact)
    db.session.flush()


def unsubscribe(contact, reason=None, feedback=None, status="unsubscribed"):
    """Stop marketing to the contact (status unsubscribed, bounced or complained), on the timeline."""
    if status not in CONTACT_STATUSES or status == "subscribed":
        raise ValueError(f"status must be one of {CONTACT_STATUSES[1:]}")
    if contact.status != status:
        entry = _stop_marketing(contact, status, reason, feedback)
        record_activity(contact, entry["kind"], entry["summary"], entry["data"])
    return _finish(contact)


def _stop_marketing(contact, status, reason, feedback):
    """Set the contact's new status; returns its timeline entry, for the caller to record (alone or in bulk)."""
    contacts_changed(contact.organization_id)
    contact.status = status
    contact.unsubscribed_at = utcnow()
    contact.unsubscribe_reason = (reason or "")[:200] or None
    signals.contact_unsubscribed.send(contact, reason=reason, feedback=feedback)
    words = {"unsubscribed": "Unsubscribed", "bounced": "Marked as bounced", "complained": "Marked as complained"}
    return {"contact_id": contact.id, "kind": status, "summary": words[status] + (f": {reason}" if reason else ""),
            "data": {"reason": reason, "feedback": feedback}}


def subscribe(contact, reason=None, feedback=None):
    """Subscribe the contact again (e.g. it asked to, or replied START); a reason and feedback go on the timeline."""
    if contact.status != "subscribed":
        contacts_changed(contact.organization_id)
        contact.status = "subscribed"
        contact.subscribed_at = utcnow()
        contact.unsubscribed_at = None
        contact.unsubscribe_reason = None
        given = {name: value for name, value in (("reason", reason), ("feedback", feedback)) if value}
        record_activity(contact, "subscribed", "Subscribed" + (f": {reason}" if reason else ""), given)
        signals.contact_subscribed.send(contact)
    return _finish(contact)


def _create(organization, clean, source):
    """Insert the contact with Core (the ORM's flush of one object costs more than the rest of a review
    request) and hand it back as if the session had read it."""
    values = contact_insert_values(organization.id, clean, source, utcnow())
    tags = sorted(tags_named(organization.id, clean.get("tags", [])), key=lambda tag: tag.name)
    prepare_or_keep(partial(_prepare_new_contact, values))
    insert_rows(contact_tags, [{"contact_id": values["id"], "tag_id": tag.id} for tag in tags])
    count_rows(db.session, organization.id, Contact, [values], organization.timezone)
    contact = as_loaded(Contact, values)
    set_committed_value(contact, "organization", organization)
    set_committed_value(contact, "tag_rows", tags)
    contacts_changed(organization.id)
    record_activity(contact, "created", SOURCE_SUMMARIES[source], {"source": source}, occurred_at=values["created_at"])
    return contact


def _prepare_new_contact(values):
    """The write of the contact's row, which raises RunAgain when its email or phone was taken meanwhile
    (nothing written)."""
    insert = PreparedInsert(Contact.__table__, [values], skip_conflicts=True)

    def write():
        if insert.execute() == 0:
            raise RunAgain(f"A contact with this email or phone was added at the same moment "
                           f"({values['email'] or values['phone']}).")
    return write, None


def _update(contact, clean, merge):
    """Apply validated values; with ``merge`` blanks are skipped and tags added, not replaced."""
    if "tags" in clean and merge:
        clean = {**clean, "tags": _merged_tags(contact, clean["tags"])}
    changed = []
    for name in PLAIN_FIELDS:
        if name in clean:
            value = clean[name]
            if name in ("first_name", "last_name", "company_name"):
                value = value or ""
            if merge and not value:
                continue
            if getattr(contact, name) != value:
                setattr(contact, name, value)
                changed.append(name)
    if "custom_fields" in clean:
        values = dict(contact.custom_fields or {})
        for key, value in clean["custom_fields"].items():
            if value is None:
                if not merge:
                    values.pop(key, None)
            else:
                values[key] = value
        if values != (contact.custom_fields or {}):
            contact.custom_fields = values
            changed.append("custom_fields")
    if "tags" in clean:
        names = clean["tags"]
        if [t.lower() for t in names] != [t.lower() for t in contact.tags] or len(names) != len(contact.tags):
            added = {n.lower() for n in names} - {t.lower() for t in contact.tags}
            contact.tag_rows = tags_named(contact.organization_id, names)
            changed.append("tags")
            for name in added:
                signals.contact_tagged.send(contact, tag=name)
    status = clean.get("status")
    if status and status != contact.status:
        if status != "subscribed":
            unsubscribe(contact, status=status)
        elif not merge:
            subscribe(contact)
    if changed:
        contacts_changed(contact.organization_id)
        contact.updated_at = utcnow()
        labels = ", ".join(name.replace("_", " ") for name in changed)
        record_activity(contact, "updated", f"Updated {labels}", {"fields": changed})
        signals.contact_updated.send(contact, fields=changed)
    return changed


def _merged_tags(contact, names):
    """The contact's tags with ``names`` added; refused past MAX_TAGS_PER_CONTACT before anything changes."""
    known = {tag.lower() for tag in contact.tags}
    merged = contact.tags + [name for name in names if name.lower() not in known]
    error = tags_error(merged)
    if error:
        raise ContactValidationError({"tags": error})
    return merged


def _taken(organization_id, clean, contact=None, finder=None):
    """Errors for an email or phone of ``clean`` that belongs to another contact than ``contact``
    (looked up in ``finder`` when given; a value the contact already has needs no look-up)."""
    found, look_up = {}, finder.find if finder is not None else partial(find_contact, organization_id)
    for name, label in (("email", "email address"), ("phone", "phone number")):
        value = clean.get(name)
        if not value or (contact is not None and getattr(contact, name) == value):
            continue
        other = look_up(**{name: value})
        if other is not None and (contact is None or other.id != contact.id):
            found[name] = f"Another contact ({other.display_name}) already has this {label}."
    return found


def _finish(contact):
    db.session.flush()
    return contact


# --- tags ----------------------------------------------------------------------------------------

def tags_named(organization_id, names):
    """The organization's Tag rows for ``names`` (case-insensitive), created when missing, in order."""
    names = split_tags(names)
    if not names:
        return []
    wanted = {name.lower(): name for name in names}
    existing = {
        tag.name.lower(): tag
        for tag in db.session.scalars(
            select(Tag).where(Tag.organization_id == organization_id, func.lower(Tag.name).in_(wanted))
        )
    }
    for lower, name in wanted.items():
        if lower not in existing:
            try:
                with db.session.begin_nested():
                    tag = Tag(organization_id=organization_id, name=name)
                    db.session.add(tag)
                contacts_changed(organization_id)
            except IntegrityError:
                tag = db.session.scalar(
                    select(Tag).where(Tag.organization_id == organization_id, func.lower(Tag.name) == lower)
                )
            existing[lower] = tag
    return [existing[name.lower()] for name in names]


def tag_ids_for(organization_id, names):
    """{lower-cased name: tag id} for ``names``, creating missing tags (for Core inserts of contact_tags)."""
    return {tag.name.lower(): tag.id for tag in tags_named(organization_id, names)}


def tag_names(organization_id):
    """The organization's tag names, sorted (for pickers; no counting)."""
    return list(db.session.scalars(
        select(Tag.name).where(Tag.organization_id == organization_id).order_by(func.lower(Tag.name))))


def organization_tags(organization_id):
    """[(Tag, number of contacts)] sorted by name."""
    count = func.count(contact_tags.c.contact_id)
    rows = db.session.execute(
        select(Tag, count)
        .outerjoin(contact_tags, contact_tags.c.tag_id == Tag.id)
        .where(Tag.organization_id == organization_id)
        .group_by(Tag.id)
        .order_by(func.lower(Tag.name))
    ).all()
    return [(tag, n) for tag, n in rows]


def rename_tag(tag, name):
    name = " ".join((name or "").split())
    if not name or len(name) > MAX_TAG_LENGTH:
        raise ContactValidationError({"name": f"Give the tag a name of at most {MAX_TAG_LENGTH} characters."})
    clash = db.session.scalar(
        select(Tag).where(Tag.organization_id == tag.organization_id, func.lower(Tag.name) == name.lower(), Tag.id != tag.id)
    )
    if clash is not None:
        raise ContactValidationError({"name": f"There is already a tag called {clash.name}."})
    tag.name = name
    contacts_changed(tag.organization_id)
    db.session.flush()
    return tag


def delete_tag(tag):
    db.session.execute(delete(contact_tags).where(contact_tags.c.tag_id == tag.id))
    db.session.delete(tag)
    contacts_changed(tag.organization_id)
    db.session.flush()


# --- many contacts at once: the rows ticked on the list page, or everyone a filter matches ------------
# ``contact_ids`` is a list of ids or a Select of ids (queries.matching_ids): a filter of 100,000 contacts
# is worked on in SQL, never loaded as a list. The organization is checked here either way.

BATCH_SIZE = 500
CONFIRM_NAMES = 20  # the contacts a confirmation page names; it says how many more
# Unsubscribing or deleting more contacts than this runs in the background: at 100,000 it takes
# longer than a request may (these go contact by contact, for the timeline and the signals).
IN_REQUEST_LIMIT = 2_000
SLOW_ACTIONS = ("unsubscribe", "delete")


@dataclass
class Chosen:
    """The contacts a bulk action is for: ``ids`` (a list, or a Select for a whole filter), how many, the first
    few by name (for the confirmation page) and the filter when it is everyone the filter matches."""

    ids: object
    count: int
    first: list
    filters: dict | None = None


def chosen_contacts(organization_id, ids=(), filters=None):
    """The ticked ``ids`` of the list page or, with ``filters``, every contact of the organization matching it."""
    if filters is None:
        contacts = selected_contacts(organization_id, ids)
        return Chosen([c.id for c in contacts], len(contacts), contacts[:CONFIRM_NAMES])
    filters = clean_filters(filters)
    query = contacts_query(organization_id, filters, "last_name")
    first = db.session.scalars(query.limit(CONFIRM_NAMES)).all()
    return Chosen(matching_ids(organization_id, filters), count_matching(query), first, filters)


def selected_contacts(organization_id, contact_ids):
    """The organization's contacts among ``contact_ids`` (foreign and malformed ids are left out)."""
    ids = [_as_uuid(contact_id) for contact_id in contact_ids]
    return db.session.scalars(
        select(Contact).where(Contact.organization_id == organization_id, Contact.id.in_([i for i in ids if i]))
        .order_by(Contact.last_name, Contact.first_name)
    ).all()


def _as_uuid(value):
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError:
        return None


def _chosen(organization_id, contact_ids):
    return [Contact.organization_id == organization_id, Contact.id.in_(contact_ids)]


def _has_tag(tag):
    return select(contact_tags.c.contact_id).where(
        contact_tags.c.contact_id == Contact.id, contact_tags.c.tag_id == tag.id).exists()


def bulk_action(organization_id, action, contact_ids, tag_name=None, reason=None):
    """Apply the list page's ``action`` to the chosen contacts; returns how many it changed."""
    if action == "tag":
        return bulk_tag(organization_id, contact_ids, tag_name or "")
    if action == "untag":
        return bulk_untag(organization_id, contact_ids, tag_name or "")
    if action == "unsubscribe":
        return bulk_unsubscribe(organization_id, contact_ids, reason=reason)
    return bulk_delete(organization_id, contact_ids)


def runs_in_background(action, chosen):
    """True when ``action`` on ``chosen`` is for the consumer, not the request (see IN_REQUEST_LIMIT)."""
    return action in SLOW_ACTIONS and chosen.filters is not None and chosen.count > IN_REQUEST_LIMIT


def bulk_tag(organization_id, contact_ids, tag_name):
    """Add one tag to the chosen contacts; returns how many got it."""
    names = split_tags([tag_name])
    if not names or len(names[0]) > MAX_TAG_LENGTH:
        raise ContactValidationError({"tag": f"Give a tag name of at most {MAX_TAG_LENGTH} characters."})
    (tag,) = tags_named(organization_id, names)
    untagged = [*_chosen(organization_id, contact_ids), ~_has_tag(tag), _tag_count() < MAX_TAGS_PER_CONTACT]
    count = _touch(untagged)
    db.session.execute(insert(contact_tags).from_select(
        ["tag_id", "contact_id"], select(literal(tag.id, Uuid), Contact.id).where(*untagged)))
    contacts_changed(organization_id)
    db.session.flush()
    db.session.expire_all()
    return count


def _tag_count():
    """How many tags the contact of the outer query has (contacts at MAX_TAGS_PER_CONTACT get no more)."""
    return select(func.count()).where(contact_tags.c.contact_id == Contact.id).scalar_subquery()


def bulk_untag(organization_id, contact_ids, tag_name):
    """Take one tag off the chosen contacts; returns how many had it."""
    tag = db.session.scalar(select(Tag).where(Tag.organization_id == organization_id, func.lower(Tag.name) == tag_name.strip().lower()))
    if tag is None:
        return 0
    count = _touch([*_chosen(organization_id, contact_ids), _has_tag(tag)])
    db.session.execute(delete(contact_tags).where(
        contact_tags.c.tag_id == tag.id,
        contact_tags.c.contact_id.in_(select(Contact.id).where(*_chosen(organization_id, contact_ids)))))
    contacts_changed(organization_id)
    db.session.flush()
    db.session.expire_all()
    return count


def bulk_unsubscribe(organization_id, contact_ids, reason=None):
    """Unsubscribe the chosen contacts that are subscribed, each on its timeline; returns how many."""
    count = 0
    for batch in _in_batches(organization_id, contact_ids, Contact.status == "subscribed"):
        record_activities(organization_id, [_stop_marketing(c, "unsubscribed", reason, None) for c in batch])
        checkpoint()
        count += len(batch)
    return count


def bulk_delete(organization_id, contact_ids):
    """Delete the chosen contacts; returns how many."""
    count = 0
    for batch in _in_batches(organization_id, contact_ids):
        for contact in batch:
            delete_contact(contact)
        checkpoint()
        count += len(batch)
    return count


def _in_batches(organization_id, contact_ids, *conditions):
    """The chosen contacts, BATCH_SIZE at a time in id order; the caller commits each batch (a checkpoint) before the next is read."""
    after = None
    while True:
        query = select(Contact).where(*_chosen(organization_id, contact_ids), *conditions)
        if after is not None:
            query = query.where(Contact.id > after)
        batch = db.session.scalars(query.order_by(Contact.id).limit(BATCH_SIZE)).all()
        if not batch:
            return
        yield batch
        after = batch[-1].id


def _touch(conditions):
    """Mark the contacts matching ``conditions`` as updated now; returns how many."""
    return db.session.execute(
        update(Contact).where(*conditions).values(updated_at=utcnow()).execution_options(synchronize_session=False)
    ).rowcount


# --- custom field definitions --------------------------------------------------------------------

def custom_field_key(label):
    """The key a custom field named ``label`` gets (what the API, CSVs and templates use)."""
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:64]


STANDARD_KEYS = frozenset({
    "email", "phone", "first_name", "last_name", "company_name", "tags", "status", "source", "name", "timezone",
    "custom_fields", "id", "created_at", "updated_at", "subscribed_at", "unsubscribed_at", "mobile_phone_number"})
# A custom field first met in an integration's data is typed by its value.
_TYPE_OF_VALUE = ((bool, "boolean"), ((int, float), "number"), (str, "text"))


def add_custom_field(organization, label, field_type="text", choices=None, key=None):
    """A new custom field; its key (derived from the label) is what the API, CSVs and templates use."""
    label = " ".join((label or "").split())
    key = custom_field_key(key or label)
    choices = split_tags(choices) if choices else []
    errors = {}
    if not label or len(label) > 100:
        errors["label"] = "Give the field a name of at most 100 characters."
    elif not key or not key[0].isalpha():
        errors["label"] = "Start the name with a letter."
    elif key in STANDARD_KEYS:
        errors["label"] = "That name is taken by a standard contact field."
    elif db.session.scalar(select(CustomFieldDefinition).where(
            CustomFieldDefinition.organization_id == organization.id, CustomFieldDefinition.key == key)):
        errors["label"] = "There is already a field with this name."
    if field_type not in CUSTOM_FIELD_TYPES:
        errors["field_type"] = f"Choose one of {', '.join(CUSTOM_FIELD_TYPES)}."
    if field_type == "choice" and not choices:
        errors["choices"] = "List the choices, separated by commas."
    if errors:
        raise ContactValidationError(errors)
    definition = _new_definition(organization, key, label, field_type, choices)
    db.session.flush()
    return definition


def _new_definition(organization, key, label, field_type, choices):
    """A definition added to the session, after the organization's others."""
    position = db.session.scalar(select(func.coalesce(func.max(CustomFieldDefinition.position), 0)).where(
        CustomFieldDefinition.organization_id == organization.id))
    definition = CustomFieldDefinition(organization_id=organization.id, key=key, label=label,
                                       field_type=field_type, choices=choices, position=position + 1)
    db.session.add(definition)
    return definition


def define_custom_fields(organization, values):
    """Add, uncommitted, a custom field for each key of ``values`` (an API caller's custom_fields)
    that the organization has not defined, as integrations expect of free-form custom fields: when
    the key is already a field key (lower-case letters, digits and _, from a letter) and the value
    is text, a number or true/false. Other keys stay unknown, and validation says so."""
    if not isinstance(values, dict):
        return
    known = {row.key for row in custom_field_definitions(organization)}
    room = MAX_CUSTOM_FIELDS - len(known)
    for key, value in values.items():
        field_type = next((kind for types, kind in _TYPE_OF_VALUE if isinstance(value, types)), None)
        if key in known or field_type is None or room <= 0 or not _can_be_field_key(key):
            continue
        _add_definition(organization, key, field_type)
        known.add(key)
        room -= 1


def _can_be_field_key(key):
    return isinstance(key, str) and key == custom_field_key(key) and key[:1].isalpha() and key not in STANDARD_KEYS


def _add_definition(organization, key, field_type):
    """The field, unless a concurrent request added it a moment ago (then theirs serves)."""
    try:
        with db.session.begin_nested():
            _new_definition(organization, key, key.replace("_", " ").capitalize()[:100], field_type, [])
    except IntegrityError:
        pass


def rename_custom_field(definition, label, choices=None):
    """A new label (and choices, for a choice field); the key stays, so stored values stay."""
    label = " ".join((label or "").split())
    errors = {}
    if not label or len(label) > 100:
        errors["label"] = "Give the field a name of at most 100 characters."
    if definition.field_type == "choice" and choices is not None:
        choices = split_tags(choices)
        if not choices:
            errors["choices"] = "List the choices, separated by commas."
    if errors:
        raise ContactValidationError(errors)
    definition.label = label
    if definition.field_type == "choice" and choices is not None:
        definition.choices = choices
    db.session.flush()
    return definition


def remove_custom_field(definition):
    """Delete the definition; its values disappear from pages, exports and the API with it."""
    db.session.delete(definition)
    db.session.flush()


# --- segments ------------------------------------------------------------------------------------

def save_segment(organization_id, name, filters):
    from nudgeweb.contacts.queries import clean_filters

    name = " ".join((name or "").split())
    filters = {k: v for k, v in clean_filters(filters).items() if k != "segment_id"}
    errors = {}
    if not name or len(name) > 100:
        errors["name"] = "Give the segment a name of at most 100 characters."
    elif db.session.scalar(select(Segment).where(Segment.organization_id == organization_id, func.lower(Segment.name) == name.lower())):
        errors["name"] = "There is already a segment with this name."
    if errors:
        raise ContactValidationError(errors)
    segment = Segment(organization_id=organization_id, name=name, filters=filters)
    db.session.add(segment)
    db.session.flush()
    return segment


def update_segment(segment, name=None, filters=None):
    """Rename the segment and/or change its filters (None: keep)."""
    from nudgeweb.contacts.queries import clean_filters

    if name is not None:
        name = " ".join(name.split())
        taken = db.session.scalar(select(Segment.id).where(
            Segment.organization_id == segment.organization_id, func.lower(Segment.name) == name.lower(),
            Segment.id != segment.id))
        if not name or len(name) > 100:
            raise ContactValidationError({"name": "Give the segment a name of at most 100 characters."})
        if taken:
            raise ContactValidationError({"name": "There is already a segment with this name."})
        segment.name = name
    if filters is not None:
        segment.filters = {k: v for k, v in clean_filters(filters).items() if k != "segment_id"}
    db.session.flush()
    return segment


def organization_segments(organization_id):
    return db.session.scalars(
        select(Segment).where(Segment.organization_id == organization_id).order_by(func.lower(Segment.name))
    ).all()


def delete_segment(segment):
    db.session.delete(segment)
    db.session.flush()
