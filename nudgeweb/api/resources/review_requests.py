"""Review requests in the API: Add Contact (seed 000, its flat body and answer) and the JSON:API resource.

``POST /review_requests`` keeps seed 000's shapes exactly (integrations expect them); the list, one
request and cancel are JSON:API documents like every other resource.
"""
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from nudgeweb.api import ListSpec, ResourceType, api_route, documents, iso, vocabulary
from nudgeweb.api.credentials import current_credential
from nudgeweb.api.errors import ApiError, bad_parameter, validation_error
from nudgeweb.api.schemas import Attributes
from nudgeweb.auth.verification import require_verified_sender
from nudgeweb.contacts import operations as contact_operations
from nudgeweb.models import ReviewRequest
from nudgeweb.models.reviews import CHANNELS, STATUSES
from nudgeweb.nudges.operations import employee_of
from nudgeweb.reviews import operations, queries
from nudgeweb.reviews.settings import review_settings_in_force
from nudgeweb.reviews.site_links import NO_REVIEW_LINK, has_review_link
from nudgeweb.scoping import get_or_404

SEED_FIELDS = ("first_name", "last_name", "email", "mobile_phone_number", "company_name", "delay_hours", "metadata")
CONTACT_FIELDS = ("first_name", "last_name", "email", "mobile_phone_number", "company_name")
REVIEW_REQUEST_STATUS = vocabulary("ReviewRequestStatus", STATUSES)


class AddContactIn(BaseModel):
    """Seed 000's body. Types are checked by the view so that every bad field is reported at once."""

    model_config = ConfigDict(extra="allow")

    first_name: Any = Field(None, json_schema_extra={"type": ["string", "null"], "examples": ["Jane"]},
                            description="Contact's first name")
    last_name: Any = Field(None, json_schema_extra={"type": ["string", "null"], "examples": ["Smith"]},
                           description="Contact's last name")
    email: Any = Field(None, json_schema_extra={"type": ["string", "null"], "format": "email", "examples": ["jane@example.com"]},
                       description="Contact's email address (required if no mobile_phone_number)")
    mobile_phone_number: Any = Field(None, json_schema_extra={"type": ["string", "null"], "examples": ["+12125551234"]},
                                     description="Contact's mobile phone number in E.164 format (required if no email)")
    company_name: Any = Field(None, json_schema_extra={"type": ["string", "null"], "examples": ["Smith Industries"]},
                              description="Contact's company name")
    delay_hours: Any = Field(0, json_schema_extra={"type": "integer", "minimum": 0, "examples": [24]},
                             description="Hours to wait before sending the review request")
    metadata: Any = Field(None, json_schema_extra={"type": ["object", "null"], "examples": [{"source": "zapier"}]},
                          description=f"Additional custom data: at most {operations.MAX_METADATA_BYTES // 1024} KB "
                                      "as JSON")
    force: Any = Field(False, json_schema_extra={"type": "boolean"},
                       description="Send even to a contact asked for a review recently (by default such a call "
                                   "answers 200 with the request that exists, and sends nothing again).")


class AddContactOut(BaseModel):
    id: str = Field(examples=["497f6eca-6276-4993-bfeb-53cbbbba6f08"])
    contact_id: str = Field(examples=["f245e2a3-e141-4d41-912c-b1c1f5bd5598"])
    contact_name: str = Field(examples=["Jane Smith"])
    contact_email: str | None = Field(examples=["jane@example.com"])
    contact_phone: str | None = Field(examples=["+12125551234"])
    scheduled_for: datetime = Field(examples=["2019-08-24T14:15:22Z"])
    status: REVIEW_REQUEST_STATUS = Field(examples=["scheduled"])
    message: str = Field(examples=["Review request scheduled for Jane Smith by SMS in 24 hours."])


class ReviewRequestAttributes(Attributes):
    contact_id: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    employee_id: str | None = None
    channel: vocabulary("ReviewRequestChannel", CHANNELS) | None = Field(None, examples=["sms"])
    status: REVIEW_REQUEST_STATUS | None = Field(None, examples=["scheduled"])
    scheduled_for: datetime | None = None
    follow_up_step: int | None = Field(None, description="Follow-ups sent so far")
    next_follow_up_at: datetime | None = None
    sent_at: datetime | None = None
    opened_at: datetime | None = None
    clicked_at: datetime | None = None
    clicked_site: str | None = None
    reviewed_at: datetime | None = None
    cancelled_at: datetime | None = None
    failed_at: datetime | None = None
    failure_reason: str | None = None
    rating: int | None = None
    feedback: str | None = None
    metadata: dict | None = None
    source: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


def _attributes(r):
    contact = r.contact
    return {
        "contact_id": str(r.contact_id), "contact_name": contact.full_name, "contact_email": contact.email,
        "contact_phone": contact.phone, "employee_id": str(r.employee_id) if r.employee_id else None,
        "channel": r.channel, "status": r.status, "scheduled_for": iso(r.scheduled_for),
        "follow_up_step": r.follow_up_step, "next_follow_up_at": iso(r.next_follow_up_at),
        "sent_at": iso(r.sent_at), "opened_at": iso(r.opened_at), "clicked_at": iso(r.clicked_at),
        "clicked_site": r.clicked_site, "reviewed_at": iso(r.reviewed_at), "cancelled_at": iso(r.cancelled_at),
        "failed_at": iso(r.failed_at), "failure_reason": r.failure_reason, "rating": r.rating,
        "feedback": r.feedback, "metadata": r.extra or {}, "source": r.source,
        "created_at": iso(r.created_at), "updated_at": iso(r.updated_at),
    }


def _relationships(r):
    return {"contact": {"data": {"type": "contacts", "id": str(r.contact_id)}}}


REVIEW_REQUESTS = ResourceType("review_requests", _attributes, ReviewRequestAttributes, "/review_requests",
                               _relationships)
REVIEW_REQUEST_LIST = ListSpec(
    filters={"status": "scheduled, sent, opened, clicked, reviewed, cancelled or failed (comma-separated for several)",
             "channel": "email or sms", "contact_id": "The contact's id", "employee_id": "The employee's id",
             "created_after": "ISO 8601 time or date"},
    sorts={name: column for name, column in queries.SORTS.items()},
    id_column=ReviewRequest.id,
)


def add_contact_input(body):
    """(contact data, delay_hours, metadata, {field: error}) of seed 000's body; a field it does not
    know is ignored, as every other endpoint does (a tolerant reader)."""
    raw = {name: getattr(body, name) for name in SEED_FIELDS if name in body.model_fields_set}
    errors = {}
    custom = {}
    for name, value in (body.model_extra or {}).items():
        if name.startswith("custom_fields.") and len(name) > len("custom_fields."):
            custom[name.removeprefix("custom_fields.")] = value
        elif name == "custom_fields" and isinstance(value, dict):
            custom.update(value)
    for name in CONTACT_FIELDS:
        if raw.get(name) is not None and not isinstance(raw[name], str):
            errors[name] = f"{name} must be a string."
    contact = {name: raw[name] for name in CONTACT_FIELDS if isinstance(raw.get(name), str)}
    if custom:
        contact["custom_fields"] = custom
    delay = raw.get("delay_hours", 0)
    delay = 0 if delay is None else delay
    if isinstance(delay, float) and delay.is_integer():
        delay = int(delay)
    if not isinstance(body.force, bool):
        errors["force"] = "force must be true or false."
    return contact, delay, raw.get("metadata"), errors


@api_route("/review_requests", "POST", summary="Add Contact (send review request)", tags=["Review requests"],
           scope="review_requests:write", body=AddContactIn, response=AddContactOut, status=201,
           errors=("409", "422"),
           other_successes={"200": "The contact was asked recently: the request that exists, not sent again"},
           description="Creates (or updates) a contact and schedules a review request `delay_hours` from now "
                       "(seed 000). Until the business has added its review link (Settings → Reviews) nothing "
                       "is scheduled: the answer is 409 `ERR_REVIEW_LINK_MISSING`. Give an email or a mobile "
                       "phone number; fields it does not know are ignored. "
                       "Idempotent with an Idempotency-Key. A contact already asked within the organization's "
                       "ask-again period is not asked again: the answer is 200 with the request that exists and a "
                       "`message` saying it was not sent again (so a retried call neither fails nor sends twice); "
                       "`\"force\": true` sends a new one all the same. `employee_id` (one of your employees) "
                       "credits the request to them.")
def add_contact(body):
    credential = current_credential()
    organization = credential.organization
    refuse_without_review_link(organization)
    contact, delay, metadata, errors = add_contact_input(body)
    contact_operations.define_custom_fields(organization, contact.get("custom_fields"))
    employee = _credited_employee(organization, (body.model_extra or {}).get("employee_id"), errors)
    if errors:  # name every bad field at once (create_review_request checks the contact itself otherwise)
        errors.update(operations.request_errors(organization, contact, delay, metadata=metadata))
        raise validation_error(errors)
    try:
        request = operations.create_review_request(organization, contact, delay, metadata=metadata, insist=body.force,
                                                   source="api", created_by=credential.user_id,
                                                   employee_id=employee.id if employee else None)
    except operations.ReviewRequestRefused as refused:
        if refused.reason == "asked_recently":
            return already_asked_answer(refused.existing, str(refused)), 200
        raise ApiError(422, str(refused), "ERR_VALIDATION", "Review request not sent",
                       pointer="/data/attributes/" + ("mobile_phone_number" if "mobile_phone_number" in contact
                                                      and "email" not in contact else "email"))
    return add_contact_answer(request, delay), 201


def refuse_without_review_link(organization):
    """A 409 before anything is saved while the business has no review link: a request sent now would
    offer its customer no site to review it on (the pages refuse the same way)."""
    require_verified_sender(organization.id)  # the first thing a new owner hears, as on the pages
    if not has_review_link(review_settings_in_force(organization)):
        raise ApiError(409, f"{NO_REVIEW_LINK} Nothing was scheduled and no contact was added.",
                       "ERR_REVIEW_LINK_MISSING", "No review link yet")


def _credited_employee(organization, employee_id, errors):
    """The employee a request is credited to (``employee_id``, beside seed 000's fields), or None."""
    if employee_id in (None, ""):
        return None
    employee = employee_of(organization.id, employee_id) if isinstance(employee_id, str) else None
    if employee is None:
        errors["employee_id"] = "employee_id must be the id of one of your employees."
    return employee


def add_contact_answer(request, delay):
    contact = request.contact
    by = "SMS" if request.channel == "sms" else "email"
    when = "now" if delay == 0 else f"in {delay} hour{'s' if delay != 1 else ''}"
    return {
        "id": str(request.id), "contact_id": str(contact.id), "contact_name": contact.full_name,
        "contact_email": contact.email, "contact_phone": contact.phone, "scheduled_for": iso(request.scheduled_for),
        "status": request.status,
        "message": f"Review request scheduled for {contact.display_name} by {by}, to be sent {when}.",
    }


def already_asked_answer(request, reason):
    """Seed 000's answer for the request that exists, saying that nothing was sent again."""
    answer = add_contact_answer(request, 0)
    answer["message"] = f"{reason} Not sent again; send \"force\": true to send a new one all the same."
    return answer


@api_route("/review_requests", "GET", summary="List review requests", tags=["Review requests"],
           scope="review_requests:read", list_spec=REVIEW_REQUEST_LIST, response=REVIEW_REQUESTS, many=True)
def list_review_requests(params):
    try:
        statement = queries.filtered_requests(current_credential().organization_id, params.filters)
    except queries.BadFilter as bad:
        raise bad_parameter(f"filter[{bad.field}]", str(bad))
    return documents.list_response(REVIEW_REQUESTS, statement, REVIEW_REQUEST_LIST, params)


@api_route("/review_requests/<request_id>", "GET", summary="Get a review request", tags=["Review requests"],
           scope="review_requests:read", response=REVIEW_REQUESTS)
def get_review_request(request_id):
    return documents.single(REVIEW_REQUESTS, get_or_404(ReviewRequest, request_id))


@api_route("/review_requests/<request_id>/cancel", "POST", summary="Cancel a review request",
           tags=["Review requests"], scope="review_requests:write", response=REVIEW_REQUESTS, errors=("409",),
           description="Nothing more is sent for the request. A request that is already clicked, reviewed, "
                       "cancelled or failed cannot be cancelled (409).")
def cancel_review_request(request_id):
    request = get_or_404(ReviewRequest, request_id)
    if not operations.cancel(request):
        raise ApiError(409, f"This review request is {request.status}; there is nothing to cancel.",
                       "ERR_INVALID_STATE", "Cannot cancel")
    return documents.single(REVIEW_REQUESTS, request)
