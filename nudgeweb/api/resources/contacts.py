"""Contacts (seeds 001 and 003): list, upsert, read, update, delete, activity, subscribe/unsubscribe
and CSV export, all on the contacts area's operations and queries."""
import uuid
from datetime import datetime
from typing import Any

from flask import g
from pydantic import Field
from sqlalchemy import String, cast, func, select

from nudgeweb.api import Attributes, Body, ListSpec, ResourceType, api_route, documents, iso, vocabulary
from nudgeweb.api.credentials import current_credential
from nudgeweb.api.errors import ApiError, bad_parameter, not_found
from nudgeweb.api.params import Version, paginate, paginate_prepared
from nudgeweb.campaigns import lists
from nudgeweb.contacts import operations
from nudgeweb.contacts.fields import MAX_TAG_LENGTH, MAX_TAGS_PER_CONTACT, ContactValidator
from nudgeweb.contacts.queries import FILTERS_LOOKED_UP, contacts_query, read_filters
from nudgeweb.extensions import db
from nudgeweb.models import ListMembership
from nudgeweb.models.contacts import CONTACT_SOURCES, CONTACT_STATUSES, Contact, ContactActivity, Tag, contact_tags

TAGS = ["Contacts"]


class ContactAttributes(Attributes):
    email: str | None = Field(None, examples=["jane@example.com"])
    phone: str | None = Field(None, examples=["+12125551234"], description="E.164")
    first_name: str | None = Field(None, examples=["Jane"])
    last_name: str | None = Field(None, examples=["Smith"])
    full_name: str | None = Field(None, examples=["Jane Smith"])
    company_name: str | None = Field(None, examples=["Smith Industries"])
    tags: list[str] | None = Field(None, examples=[["customer", "vip"]])
    custom_fields: dict[str, Any] | None = Field(None, examples=[{"birthday": "1990-01-01"}])
    status: vocabulary("ContactStatus", CONTACT_STATUSES) | None = Field(None, examples=["subscribed"])
    source: vocabulary("ContactSource", CONTACT_SOURCES) | None = Field(None, examples=["api"])
    timezone: str | None = Field(None, examples=["America/New_York"])
    lists: list[str] | None = Field(None, description="The ids of the lists the contact is in (pending ones too).")
    subscribed_at: datetime | None = Field(None, examples=["2026-01-01T00:00:00Z"])
    unsubscribed_at: datetime | None = None
    created_at: datetime | None = Field(None, examples=["2026-01-01T00:00:00Z"])
    updated_at: datetime | None = Field(None, examples=["2026-01-15T00:00:00Z"])


class ContactIn(Body):
    """A contact's fields; ``mobile_phone_number`` (seed 000) and ``name`` (seed 003) are accepted too."""

    email: str | None = Field(None, max_length=254, examples=["jane@example.com"])
    phone: str | None = Field(None, max_length=40, examples=["+12125551234"])
    mobile_phone_number: str | None = Field(None, max_length=40, description="Alias of phone (seed 000).")
    first_name: str | None = Field(None, max_length=100, examples=["Jane"])
    last_name: str | None = Field(None, max_length=100, examples=["Smith"])
    name: str | None = Field(None, max_length=200, description="Full name, split when first/last are not given.")
    company_name: str | None = Field(None, max_length=200, examples=["Smith Industries"])
    tags: list[str] | str | None = Field(None, examples=[["lead", "webinar"]], description=(
        f"A list or one comma-separated string: at most {MAX_TAGS_PER_CONTACT} tags of at most {MAX_TAG_LENGTH} "
        "characters (an upsert adds to the contact's tags, within the same limit)."))
    custom_fields: dict[str, Any] | None = Field(None, examples=[{"birthday": "1990-01-01"}])
    status: str | None = Field(None, examples=["subscribed"], description=", ".join(CONTACT_STATUSES))
    timezone: str | None = Field(None, max_length=64, examples=["America/New_York"])
    lists: list[str] | None = Field(None, max_length=100, description=(
        "The ids of the lists the contact belongs to from now on (seed 001); a list with double opt-in, or "
        "any list when double_opt_in is true, waits for the contact to confirm by email."))
    double_opt_in: bool | None = Field(None, description=(
        "Send the contact a confirmation email; they join the lists given only once they confirm."))

    model_config = {"json_schema_extra": {"examples": [
        {"email": "jane@example.com", "first_name": "Jane", "last_name": "Smith", "tags": ["lead", "webinar"],
         "custom_fields": {}},
    ]}}

    def data(self, organization):
        """The fields given, once the custom fields new to the organization are defined."""
        data = self.model_dump(exclude_unset=True, exclude=LIST_FIELDS)
        operations.define_custom_fields(organization, data.get("custom_fields"))
        return data

    @classmethod
    def domain_errors(cls, data):
        organization = _organization()
        operations.define_custom_fields(organization, data.get("custom_fields"))  # (undone with the failed request)
        errors = ContactValidator.for_organization(organization).validate(
            {key: value for key, value in data.items() if key not in LIST_FIELDS}, partial=True)[1]
        if data.get("lists") is not None:
            try:
                lists.lists_by_ids(organization.id, data["lists"])
            except lists.ListValidationError as error:
                errors.update(error.errors)
        return errors

    def set_lists(self, contact):
        """The contact's lists as given (the API's ``lists`` and ``double_opt_in``)."""
        if self.double_opt_in and not self.lists:
            raise lists.ListValidationError({"lists": "Name the lists the contact confirms joining "
                                                      "(double_opt_in applies to lists)."})
        if self.lists is not None:
            lists.set_contact_lists(contact, self.lists, confirm=bool(self.double_opt_in))


LIST_FIELDS = {"lists", "double_opt_in"}


class UnsubscribeIn(Body):
    reason: str | None = Field(None, max_length=200, examples=["User requested"])
    feedback: str | None = Field(None, max_length=2000, examples=["Too many emails"])
    suppress_notification: bool = False


def _tags(contact):
    if isinstance(contact, Contact):
        return contact.tags
    return sorted(contact.tag_names.split(TAG_SEPARATOR), key=str.lower) if contact.tag_names else []


def _attributes(contact):
    """The attributes of a Contact, or of a row of READ_COLUMNS (timestamps as they are: the
    document's writer puts them in ISO 8601 UTC, as iso() would, many times faster)."""
    first_name, last_name = contact.first_name, contact.last_name
    return {
        "email": contact.email, "phone": contact.phone, "first_name": first_name,
        "last_name": last_name, "full_name": f"{first_name} {last_name}" if first_name and last_name
        else first_name or last_name or "", "company_name": contact.company_name,
        "tags": _tags(contact), "custom_fields": contact.custom_fields or {}, "status": contact.status,
        "source": contact.source, "timezone": contact.timezone, "subscribed_at": contact.subscribed_at,
        "unsubscribed_at": contact.unsubscribed_at, "created_at": contact.created_at,
        "updated_at": contact.updated_at, "lists": _lists(contact),
    }


def _lists(contact):
    if isinstance(contact, Contact):
        return [str(list_id) for list_id in lists.list_ids_of([contact.id]).get(contact.id, [])]
    return sorted(str(uuid.UUID(value)) for value in contact.list_ids.split(",")) if contact.list_ids else []


CONTACTS = ResourceType("contacts", _attributes, ContactAttributes, path="/contacts")
TAG_SEPARATOR = "\n"  # never inside a tag name: tags have their whitespace collapsed (fields.split_tags)
_TAGS = Tag.__table__
# What reading contacts gets of each one: its document's columns, as plain rows (no ORM objects to build),
# with its tag names in one string found by the contact_id index of contact_tags.
READ_COLUMNS = (Contact.id, Contact.email, Contact.phone, Contact.first_name, Contact.last_name, Contact.company_name,
                Contact.custom_fields, Contact.status, Contact.source, Contact.timezone, Contact.subscribed_at,
                Contact.unsubscribed_at, Contact.created_at, Contact.updated_at,
                select(func.aggregate_strings(_TAGS.c.name, TAG_SEPARATOR))
                .join_from(contact_tags, _TAGS, _TAGS.c.id == contact_tags.c.tag_id)
                .where(contact_tags.c.contact_id == Contact.id).scalar_subquery().label("tag_names"),
                select(func.aggregate_strings(cast(ListMembership.list_id, String), ","))
                .where(ListMembership.contact_id == Contact.id).scalar_subquery().label("list_ids"))
CONTACT_LIST = ListSpec(
    filters={
        "search": "Words that must all appear in the name, email, phone or company.",
        "status": f"One or more (comma-separated) of {', '.join(CONTACT_STATUSES)}.",
        "tag": "A tag name, or several comma-separated (contacts with any of them).",
        "source": f"One or more of {', '.join(CONTACT_SOURCES)}.",
        "email": "Exact email address.",
        "phone": "A phone number, read as a contact's is (E.164, or national in the organization's country).",
        "created_after": "Created on or after this date or time (ISO 8601, UTC).",
        "created_before": "Created before this time, or on or before this date (ISO 8601, UTC).",
        "segment_id": "The contacts of a saved segment.",
        "list_id": "The contacts of a list (confirmed members).",
    },
    sorts={"created_at": Contact.created_at, "updated_at": Contact.updated_at, "email": Contact.email,
           "last_name": Contact.last_name, "first_name": Contact.first_name, "company_name": Contact.company_name},
    default_sort="-created_at",
    id_column=Contact.id,
    aliases={"search": "search"},
)


def contact_filters(raw):
    """The API's filter values as the contacts queries take them; a 400 names every bad one."""
    country = _organization().default_country if "phone" in raw else None  # (a query: only when needed)
    filters, errors = read_filters(raw, country)
    if errors:
        raise ApiError(400, errors=[bad_parameter(f"filter[{name}]", message).errors[0]
                                    for name, message in errors.items()])
    return filters


def _organization():
    return current_credential().membership.organization


def _contact(contact_id, for_reading=False):
    """The caller's contact by id (404 for a foreign or malformed id): a Contact to change, or
    for reading only a row of READ_COLUMNS."""
    try:
        contact_uuid = uuid.UUID(str(contact_id))
    except ValueError:
        raise not_found()
    statement = select(*READ_COLUMNS) if for_reading else select(Contact)
    found = db.session.execute(statement.where(
        Contact.id == contact_uuid, Contact.organization_id == g.credential.organization_id)).first()
    if found is None:
        raise not_found()
    return found if for_reading else found[0]


@api_route("/contacts", "GET", summary="List contacts", tags=TAGS, scope="contacts:read",
           list_spec=CONTACT_LIST, response=CONTACTS, many=True,
           description="Filter, sort and page through the contacts; page[number] (with totals) or page[cursor].")
def list_contacts(params):
    organization_id = g.credential.organization_id
    filters = contact_filters(params.filters)
    statement = lambda: contacts_query(organization_id, filters).with_only_columns(*READ_COLUMNS)  # noqa: E731
    if any(name in filters for name in FILTERS_LOOKED_UP):  # tag ids, a segment: looked up anew each time
        page = paginate(statement(), CONTACT_LIST, params, scalars=False)
    else:
        key = ("contacts", organization_id, tuple(sorted(params.filters.items())))
        page = paginate_prepared(key, statement, CONTACT_LIST, params, Version(organization_id, "contacts_version"))
    return documents.collection(CONTACTS, page.rows, page.links, page.meta, params.fields)


@api_route("/contacts", "POST", summary="Create or update a contact (upsert)", tags=TAGS, scope="contacts:write",
           body=ContactIn, response=CONTACTS, status=201, errors=("409",),
           other_successes={"200": "An existing contact with this email or phone, updated"},
           description="Creates the contact, or updates the one with the same email or phone (200). "
                       "An upsert adds tags and never re-subscribes an unsubscribed contact; a phone or email "
                       "of another contact is a 409 and changes nothing. A custom field the organization has not "
                       "defined is added on first use (typed by its value: text, number or boolean) when its "
                       "name is lower-case letters, digits and _.")
def create_contact(body):
    organization = _organization()
    contact, created = operations.upsert_contact(organization, body.data(organization), source="api")
    body.set_lists(contact)
    return documents.single(CONTACTS, contact, status=201 if created else 200,
                            headers={"Location": f"{documents.api_root()}/contacts/{contact.id}"} if created else None)


@api_route("/contacts/<uuid:contact_id>", "GET", summary="Get a contact", tags=TAGS, scope="contacts:read",
           response=CONTACTS)
def get_contact(contact_id):
    return documents.single(CONTACTS, _contact(contact_id, for_reading=True))


def _update(contact_id, body):
    contact = _contact(contact_id)
    contact = operations.update_contact(contact, body.data(contact.organization))
    body.set_lists(contact)
    return documents.single(CONTACTS, contact)


@api_route("/contacts/<uuid:contact_id>", "PATCH", summary="Update some of a contact's fields", tags=TAGS,
           scope="contacts:write", body=ContactIn, response=CONTACTS, endpoint="patch_contact", errors=("409",),
           description="Only the attributes given change; an empty value clears a field.")
def patch_contact(contact_id, body):
    return _update(contact_id, body)


@api_route("/contacts/<uuid:contact_id>", "PUT", summary="Update a contact", tags=TAGS, scope="contacts:write",
           body=ContactIn, response=CONTACTS, endpoint="put_contact", errors=("409",),
           description="As PATCH (seed 001): the attributes given change, the others are kept.")
def put_contact(contact_id, body):
    return _update(contact_id, body)


@api_route("/contacts/<uuid:contact_id>", "DELETE", summary="Delete a contact", tags=TAGS, scope="contacts:write",
           status=204)
def delete_contact(contact_id):
    operations.delete_contact(_contact(contact_id))
    return None


@api_route("/contacts/<uuid:contact_id>/subscribe", "POST", summary="Subscribe a contact", tags=TAGS,
           scope="contacts:write", body=UnsubscribeIn, response=CONTACTS)
def subscribe_contact(contact_id, body):
    contact = operations.subscribe(_contact(contact_id), reason=body.reason, feedback=body.feedback)
    return documents.single(CONTACTS, contact)


@api_route("/contacts/<uuid:contact_id>/unsubscribe", "POST", summary="Unsubscribe a contact", tags=TAGS,
           scope="contacts:write", body=UnsubscribeIn, response=CONTACTS,
           description="Stops all marketing to the contact; the reason and feedback go on its timeline.")
def unsubscribe_contact(contact_id, body):
    contact = operations.unsubscribe(_contact(contact_id), reason=body.reason, feedback=body.feedback)
    return documents.single(CONTACTS, contact)


# --- activity ------------------------------------------------------------------------------------

class ActivityAttributes(Attributes):
    kind: str | None = Field(None, examples=["created"], description="created, updated, unsubscribed, message.sent ...")
    summary: str | None = Field(None, examples=["Added through the API"])
    data: dict[str, Any] | None = None
    occurred_at: datetime | None = Field(None, examples=["2026-01-10T15:30:00Z"])


ACTIVITIES = ResourceType(
    "contact_activities",
    lambda a: {"kind": a.kind, "summary": a.summary, "data": a.data or {}, "occurred_at": iso(a.occurred_at)},
    ActivityAttributes, path=None,
    relationships=lambda a: {"contact": {"data": {"type": "contacts", "id": str(a.contact_id)}}},
)
ACTIVITY_LIST = ListSpec(filters={"kind": "Only entries of this kind."},
                         sorts={"occurred_at": ContactActivity.occurred_at}, default_sort="-occurred_at",
                         id_column=ContactActivity.id)


@api_route("/contacts/<uuid:contact_id>/activity", "GET", summary="A contact's activity timeline", tags=TAGS,
           scope="contacts:read", list_spec=ACTIVITY_LIST, response=ACTIVITIES, many=True)
def contact_activity(contact_id, params):
    contact = _contact(contact_id)
    statement = select(ContactActivity).where(ContactActivity.contact_id == contact.id,
                                              ContactActivity.organization_id == contact.organization_id)
    if "kind" in params.filters:
        statement = statement.where(ContactActivity.kind == params.filters["kind"])
    return documents.list_response(ACTIVITIES, statement, ACTIVITY_LIST, params)
