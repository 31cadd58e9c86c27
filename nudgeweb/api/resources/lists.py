"""Lists and segments (seeds 001 and 003): lists of contacts (CRUD, members in and out, their contacts)
and the segments the contacts page saves (CRUD, their contacts), on the campaigns and contacts areas'
operations. Both are read and written with the contacts scopes."""
from flask import g
from pydantic import Field
from sqlalchemy import func, select

from nudgeweb.api import Attributes, Body, ListSpec, ResourceType, api_route, documents, iso
from nudgeweb.api.resources.contacts import CONTACT_LIST, CONTACTS, READ_COLUMNS
from nudgeweb.campaigns import lists
from nudgeweb.contacts import operations as contacts
from nudgeweb.contacts.queries import clean_filters, contacts_query
from nudgeweb.field_errors import FieldErrors
from nudgeweb.models import ContactList, Segment, db
from nudgeweb.models.contacts import Contact
from nudgeweb.scoping import get_or_404

TAGS = ["Lists and segments"]
MAX_MEMBERS_PER_CALL = 1000


class ListAttributes(Attributes):
    name: str | None = Field(None, examples=["Newsletter"])
    description: str | None = Field(None, examples=["Monthly news and offers"])
    double_opt_in: bool | None = Field(None, description="Contacts join only once they confirm by email.")
    subscribed_count: int | None = Field(None, description="Confirmed members.")
    pending_count: int | None = Field(None, description="Members who have not confirmed yet.")
    created_at: str | None = Field(None, examples=["2026-01-01T00:00:00Z"])
    updated_at: str | None = None


class ListIn(Body):
    name: str | None = Field(None, max_length=100, examples=["Newsletter"])
    description: str | None = Field(None, max_length=500)
    double_opt_in: bool | None = None


class MembersIn(Body):
    contact_ids: list[str] = Field(min_length=1, max_length=MAX_MEMBERS_PER_CALL, examples=[["0190d1a2-..."]])


def _list_attributes(contact_list):
    subscribed, pending = getattr(contact_list, "counts", None) or lists.member_counts(
        contact_list.organization_id).get(contact_list.id, (0, 0))
    return {"name": contact_list.name, "description": contact_list.description,
            "double_opt_in": contact_list.double_opt_in, "subscribed_count": subscribed, "pending_count": pending,
            "created_at": iso(contact_list.created_at), "updated_at": iso(contact_list.updated_at)}


LISTS = ResourceType("lists", _list_attributes, ListAttributes, path="/lists")
LIST_LIST = ListSpec(filters={"name": "Exact name."}, sorts={"name": ContactList.name, "created_at": ContactList.created_at},
                     default_sort="name", id_column=ContactList.id)


def _counted(rows):
    counts = lists.member_counts(g.credential.organization_id)
    for row in rows:
        row.counts = counts.get(row.id, (0, 0))


@api_route("/lists", "GET", summary="List lists", tags=TAGS, scope="contacts:read", list_spec=LIST_LIST,
           response=LISTS, many=True)
def list_lists(params):
    statement = select(ContactList).where(ContactList.organization_id == g.credential.organization_id)
    if "name" in params.filters:
        statement = statement.where(ContactList.name == params.filters["name"])
    return documents.list_response(LISTS, statement, LIST_LIST, params, prepare=_counted)


@api_route("/lists", "POST", summary="Create a list", tags=TAGS, scope="contacts:write", body=ListIn,
           response=LISTS, status=201)
def create_list(body):
    contact_list = lists.create_list(g.credential.organization_id, body.model_dump(exclude_unset=True))
    return documents.single(LISTS, contact_list, status=201,
                            headers={"Location": f"{documents.api_root()}/lists/{contact_list.id}"})


@api_route("/lists/<list_id>", "GET", summary="Get a list", tags=TAGS, scope="contacts:read", response=LISTS)
def get_list(list_id):
    return documents.single(LISTS, get_or_404(ContactList, list_id))


def _update_list(list_id, body):
    return documents.single(LISTS, lists.update_list(get_or_404(ContactList, list_id),
                                                     body.model_dump(exclude_unset=True)))


@api_route("/lists/<list_id>", "PATCH", summary="Update a list", tags=TAGS, scope="contacts:write", body=ListIn,
           response=LISTS, endpoint="patch_list")
def patch_list(list_id, body):
    return _update_list(list_id, body)


@api_route("/lists/<list_id>", "PUT", summary="Update a list", tags=TAGS, scope="contacts:write", body=ListIn,
           response=LISTS, endpoint="put_list", description="As PATCH: the attributes given change.")
def put_list(list_id, body):
    return _update_list(list_id, body)


@api_route("/lists/<list_id>", "DELETE", summary="Delete a list", tags=TAGS, scope="contacts:write", status=204,
           description="The list goes; its contacts stay.")
def delete_list(list_id):
    lists.delete_list(get_or_404(ContactList, list_id))
    return None


def _member_ids(body):
    found = db.session.scalars(select(Contact.id).where(
        Contact.organization_id == g.credential.organization_id,
        Contact.id.in_([_uuid_or_none(value) for value in body.contact_ids]))).all()
    if len(set(found)) != len({value for value in body.contact_ids}):
        known = {str(contact_id) for contact_id in found}
        missing = next(value for value in body.contact_ids if value not in known)
        raise FieldErrors({"contact_ids": f"No contact with id {missing[:40]}."})
    return found


def _uuid_or_none(value):
    from nudgeweb.campaigns.operations import _uuid

    return _uuid(value)


@api_route("/lists/<list_id>/members", "POST", summary="Add contacts to a list", tags=TAGS, scope="contacts:write",
           body=MembersIn, response=LISTS,
           description="Contacts already in the list stay as they are; on a double opt-in list the new ones get "
                       "a confirmation email and join once they confirm.")
def add_list_members(list_id, body):
    contact_list = get_or_404(ContactList, list_id)
    added = lists.add_members(contact_list, _member_ids(body))
    return documents.single(LISTS, contact_list, meta={"added": added})


@api_route("/lists/<list_id>/members", "DELETE", summary="Remove contacts from a list", tags=TAGS,
           scope="contacts:write", body=MembersIn, response=LISTS)
def remove_list_members(list_id, body):
    contact_list = get_or_404(ContactList, list_id)
    removed = lists.remove_members(contact_list, _member_ids(body))
    return documents.single(LISTS, contact_list, meta={"removed": removed})


@api_route("/lists/<list_id>/contacts", "GET", summary="The contacts of a list", tags=TAGS, scope="contacts:read",
           list_spec=CONTACT_LIST, response=CONTACTS, many=True,
           description="Confirmed members, with the contacts list's filters, sorts and paging.")
def list_members(list_id, params):
    contact_list = get_or_404(ContactList, list_id)
    return _contacts(dict(params.filters, list_id=str(contact_list.id)), params)


def _contacts(filters, params):
    from nudgeweb.api.resources.contacts import contact_filters

    statement = contacts_query(g.credential.organization_id, contact_filters(filters)).with_only_columns(*READ_COLUMNS)
    return documents.list_response(CONTACTS, statement, CONTACT_LIST, params, scalars=False)


# --- segments ------------------------------------------------------------------------------------

class SegmentAttributes(Attributes):
    name: str | None = Field(None, examples=["VIPs in Portland"])
    filters: dict | None = Field(None, examples=[{"tag": ["vip"], "search": "portland"}], description=(
        "The contacts filter the segment saves: search, status, tag, source, created_after, created_before, list_id."))
    contact_count: int | None = None
    created_at: str | None = None
    updated_at: str | None = None


class SegmentIn(Body):
    name: str | None = Field(None, max_length=100, examples=["VIPs in Portland"])
    filters: dict | None = Field(None, examples=[{"tag": ["vip"]}])


def _segment_attributes(segment):
    count = db.session.scalar(select(func.count()).select_from(
        contacts_query(segment.organization_id, segment.filters or {}).order_by(None)
        .with_only_columns(Contact.id).subquery()))
    return {"name": segment.name, "filters": segment.filters or {}, "contact_count": count,
            "created_at": iso(segment.created_at), "updated_at": iso(segment.updated_at)}


SEGMENTS = ResourceType("segments", _segment_attributes, SegmentAttributes, path="/segments")
SEGMENT_LIST = ListSpec(sorts={"name": Segment.name, "created_at": Segment.created_at}, default_sort="name",
                        id_column=Segment.id)


@api_route("/segments", "GET", summary="List segments", tags=TAGS, scope="contacts:read", list_spec=SEGMENT_LIST,
           response=SEGMENTS, many=True)
def list_segments(params):
    statement = select(Segment).where(Segment.organization_id == g.credential.organization_id)
    return documents.list_response(SEGMENTS, statement, SEGMENT_LIST, params)


@api_route("/segments", "POST", summary="Create a segment", tags=TAGS, scope="contacts:write", body=SegmentIn,
           response=SEGMENTS, status=201)
def create_segment(body):
    segment = contacts.save_segment(g.credential.organization_id, body.name, _segment_filters(body.filters))
    return documents.single(SEGMENTS, segment, status=201,
                            headers={"Location": f"{documents.api_root()}/segments/{segment.id}"})


def _segment_filters(filters):
    from nudgeweb.api.resources.contacts import contact_filters

    filters = clean_filters(filters or {})
    contact_filters({key: value for key, value in filters.items()})  # a 400 names every bad one
    return filters


@api_route("/segments/<segment_id>", "GET", summary="Get a segment", tags=TAGS, scope="contacts:read",
           response=SEGMENTS)
def get_segment(segment_id):
    return documents.single(SEGMENTS, get_or_404(Segment, segment_id))


@api_route("/segments/<segment_id>", "PATCH", summary="Update a segment", tags=TAGS, scope="contacts:write",
           body=SegmentIn, response=SEGMENTS)
def update_segment(segment_id, body):
    segment = contacts.update_segment(get_or_404(Segment, segment_id), body.name,
                                      None if body.filters is None else _segment_filters(body.filters))
    return documents.single(SEGMENTS, segment)


@api_route("/segments/<segment_id>", "DELETE", summary="Delete a segment", tags=TAGS, scope="contacts:write",
           status=204)
def delete_segment(segment_id):
    contacts.delete_segment(get_or_404(Segment, segment_id))
    return None


@api_route("/segments/<segment_id>/contacts", "GET", summary="The contacts of a segment", tags=TAGS,
           scope="contacts:read", list_spec=CONTACT_LIST, response=CONTACTS, many=True)
def segment_contacts(segment_id, params):
    segment = get_or_404(Segment, segment_id)
    return _contacts(dict(params.filters, segment_id=str(segment.id)), params)
