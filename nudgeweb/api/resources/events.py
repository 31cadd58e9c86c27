"""Events (seed 003's Events API): what contacts did, posted one by one or up to 1,000 at once, and listed."""
import uuid
from datetime import datetime, timezone
from typing import Any

from flask import g
from pydantic import Field, TypeAdapter
from sqlalchemy import select

from nudgeweb.analytics.events import MAX_BATCH, MAX_PROPERTIES_BYTES, event_errors, record_events
from nudgeweb.api import Attributes, Body, ListSpec, ResourceType, api_route, documents, iso
from nudgeweb.api.credentials import current_credential
from nudgeweb.api.errors import ApiError, bad_parameter
from nudgeweb.models.analytics import MAX_EVENT_NAME, ContactEvent

TAGS = ["Events"]
_MOMENT = TypeAdapter(datetime)


class EventAttributes(Attributes):
    name: str | None = Field(None, examples=["order_completed"])
    contact_id: str | None = Field(None, description="Null once the contact was deleted (its events stay).")
    properties: dict[str, Any] | None = Field(None, examples=[{"order_id": "AC-1042", "items": 3}])
    revenue: float | None = Field(None, examples=[49.9])
    currency: str | None = Field(None, examples=["USD"])
    campaign_id: str | None = Field(None, description="The campaign credited with the revenue: the last one the "
                                    "contact clicked within the five days before the event (null when none).")
    occurred_at: str | None = Field(None, examples=["2026-07-01T09:30:00Z"])
    created_at: str | None = None


class EventIn(Body):
    """One event: whose (``contact_id``, or ``email``/``phone`` to find or create the contact), what, when."""

    name: str = Field(min_length=1, max_length=MAX_EVENT_NAME, examples=["order_completed"])
    contact_id: uuid.UUID | None = Field(None, description="An existing contact; or give email and/or phone.")
    email: str | None = Field(None, max_length=254, examples=["ada@example.com"],
                              description="Finds the contact with this email, or creates it (seed 003's upsert).")
    phone: str | None = Field(None, max_length=40, examples=["+254722000000"])
    properties: dict[str, Any] = Field(default_factory=dict, examples=[{"order_id": "AC-1042", "items": 3}],
                                       description=f"An object, at most {MAX_PROPERTIES_BYTES} bytes of JSON.")
    revenue: float | None = Field(None, strict=True, examples=[49.9], description="A number; counts as revenue.")
    currency: str | None = Field(None, min_length=3, max_length=3, examples=["USD"],
                                 description="ISO 4217 (default: the business's, from its country in its "
                                             "profile: EUR for an Irish one).")
    occurred_at: datetime | None = Field(None, examples=["2026-07-01T09:30:00Z"],
                                         description="When it happened (default now; not in the future).")

    @classmethod
    def domain_errors(cls, data):
        """(The fields that passed the type checks, as sent: a time still a string.)"""
        if isinstance(data.get("occurred_at"), str):
            data = {**data, "occurred_at": _MOMENT.validate_python(data["occurred_at"])}
        return event_errors(data)


class EventBatchIn(Body):
    events: list[EventIn] = Field(min_length=1, max_length=MAX_BATCH, description=f"1 to {MAX_BATCH} events.")


def _attributes(event):
    return {"name": event.name, "contact_id": str(event.contact_id) if event.contact_id else None,
            "properties": event.properties or {},
            "revenue": event.revenue, "currency": event.currency,
            "campaign_id": str(event.campaign_id) if event.campaign_id else None, "occurred_at": iso(event.occurred_at),
            "created_at": iso(event.created_at)}


EVENTS = ResourceType("events", _attributes, EventAttributes, path="/events")
EVENT_LIST = ListSpec(
    filters={"name": "The event's name.", "contact_id": "One contact's events.",
             "occurred_after": "On or after this time (ISO 8601).", "occurred_before": "Before this time (ISO 8601)."},
    sorts={"occurred_at": ContactEvent.occurred_at, "name": ContactEvent.name, "created_at": ContactEvent.created_at},
    default_sort="-occurred_at", id_column=ContactEvent.id,
)


@api_route("/events", "POST", summary="Record an event", tags=TAGS, scope="events:write", body=EventIn,
           response=EVENTS, status=201,
           description="Records what a contact did. The contact is given by contact_id, or found by email/phone and "
                       "created when new. The event goes on the contact's timeline and into the analytics.")
def create_event(body):
    event = record_events(current_credential().organization_id, [body.model_dump()])[0]
    return documents.single(EVENTS, event, status=201)


@api_route("/events/batch", "POST", summary="Record up to 1,000 events", tags=TAGS, scope="events:write",
           body=EventBatchIn, response=EVENTS, many=True, status=201,
           description="All or nothing: one bad event is a 422 naming it (events.3.name) and none is stored.")
def create_events(body):
    events = record_events(current_credential().organization_id, [event.model_dump() for event in body.events], batch=True)
    response = documents.collection(EVENTS, events, {"self": documents.api_root() + "/events/batch"},
                                    {"count": len(events)})
    response.status_code = 201
    return response


@api_route("/events", "GET", summary="List events", tags=TAGS, scope="events:read", list_spec=EVENT_LIST,
           response=EVENTS, many=True)
def list_events(params):
    statement = select(ContactEvent).where(ContactEvent.organization_id == g.credential.organization_id)
    filters = params.filters
    if "name" in filters:
        statement = statement.where(ContactEvent.name == filters["name"])
    if "contact_id" in filters:
        statement = statement.where(ContactEvent.contact_id == _filter_value(filters, "contact_id", uuid.UUID))
    if "occurred_after" in filters:
        statement = statement.where(ContactEvent.occurred_at >= _filter_value(filters, "occurred_after", _moment))
    if "occurred_before" in filters:
        statement = statement.where(ContactEvent.occurred_at < _filter_value(filters, "occurred_before", _moment))
    return documents.list_response(EVENTS, statement, EVENT_LIST, params)


def _filter_value(filters, name, read):
    value = filters[name]
    try:
        return read(value)
    except ValueError:
        raise ApiError(400, errors=[bad_parameter(f"filter[{name}]", f"{value!r} cannot be read.").errors[0]])


def _moment(value):
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
