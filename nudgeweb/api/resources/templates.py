"""Templates (seed 001): list, create, read, update, delete, duplicate and preview, on the templates
area's operations (the same checks and sandboxed rendering as the editor pages)."""
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from flask import g
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import false

from nudgeweb.api import Attributes, Body, ListSpec, ResourceType, api_route, documents, iso, vocabulary
from nudgeweb.api.credentials import current_credential
from nudgeweb.api.errors import ApiError, bad_parameter, error_object
from nudgeweb.message_templates import operations
from nudgeweb.message_templates.rendering import TemplateRenderError
from nudgeweb.models import Contact, MessageTemplate
from nudgeweb.models.templates import CATEGORIES, CHANNELS, VARIABLE_TYPES
from nudgeweb.scoping import get_or_404

TAGS = ["Templates"]


class Variable(BaseModel):
    """A declared variable: its value is given when sending, else its default; a required one must have either."""

    model_config = ConfigDict(extra="ignore")

    name: str = Field(max_length=50, examples=["product_name"])
    type: str = Field("text", description=", ".join(VARIABLE_TYPES), examples=["text"])
    default: str | int | float | None = Field(None, examples=["https://example.com/header.png"])
    required: bool = False
    description: str | None = Field(None, max_length=200)


class TemplateAttributes(Attributes):
    organization_id: str | None = None
    name: str | None = Field(None, examples=["Product Announcement"])
    description: str | None = Field(None, examples=["Template for product launches"])
    category: str | None = Field(None, examples=["announcement"], description=(
        "A category of the business's own (lower-case letters, digits, _), e.g. " + ", ".join(CATEGORIES) + "."))
    channel: vocabulary("TemplateChannel", CHANNELS) | None = Field(None, examples=["email"])
    subject: str | None = Field(None, examples=["Announcing {{ product_name }}"])
    html_content: str | None = Field(None, examples=["<html><body>{{ product_name }}</body></html>"])
    text_content: str | None = Field(None, examples=["Announcing {{ product_name }}"])
    body: str | None = Field(None, description="The text of an SMS template.")
    variables: list[Variable] | None = None
    starter_key: str | None = Field(None, description="Set on the starter templates Nudge made.")
    thumbnail_url: str | None = Field(None, description="Always null: Nudge draws no thumbnails (seed 001 field).")
    usage_count: int | None = Field(None, examples=[45], description="Messages made from the template.")
    is_public: bool | None = Field(None, description="Always false: templates belong to their organization.")
    created_at: datetime | None = Field(None, examples=["2026-01-01T00:00:00Z"])
    updated_at: datetime | None = None


class TemplateIn(Body):
    """A template's attributes; on PUT only those given change. On create ``channel`` defaults to email
    and an email's ``subject`` to the template's name (seed 001's body has neither)."""

    name: str | None = Field(None, max_length=200, examples=["Product Announcement"])
    description: str | None = Field(None, max_length=1000)
    category: str | None = Field(None, max_length=40, examples=["announcement"])
    channel: str | None = Field(None, examples=["email"], description="email or sms")
    subject: str | None = Field(None, max_length=500)
    html_content: str | None = Field(None, max_length=128 * 1024)
    text_content: str | None = Field(None, max_length=128 * 1024)
    body: str | None = Field(None, max_length=1600)
    variables: list[Variable] | None = None

    model_config = {"json_schema_extra": {"examples": [{
        "name": "Product Announcement", "description": "Template for product launches", "category": "announcement",
        "channel": "email", "subject": "Announcing {{ product_name }}",
        "html_content": "<html><body>{{ product_name }}</body></html>", "text_content": "Announcing {{ product_name }}",
        "variables": [{"name": "product_name", "type": "text", "required": True}],
    }]}}

    def data(self):
        return self.model_dump(exclude_unset=True)

    def new_template_data(self):
        data = self.data()
        data.setdefault("channel", "email")
        if data["channel"] == "email" and data.get("subject") is None:
            data["subject"] = data.get("name") or ""
        return data


class PreviewIn(Body):
    variables: dict[str, Any] | None = Field(None, examples=[{"product_name": "Amazing Product", "price": "$99.99"}])
    contact_id: str | None = Field(None, description="Preview for this contact; a sample contact when left out.")


class PreviewAttributes(Attributes):
    channel: str | None = None
    subject: str | None = None
    html: str | None = Field(None, description="Email HTML with CSS inlined.")
    text: str | None = Field(None, description="Email text part (written, or made from the HTML).")
    body: str | None = Field(None, description="SMS text.")
    segments: int | None = Field(None, description="SMS segments the message costs as sent (with the opt-out line Nudge adds).")
    encoding: str | None = Field(None, description="GSM-7 or UCS-2.")
    characters: int | None = Field(None, description="SMS length as the phone counts it (GSM-7 septets or UTF-16 units), as sent.")


def _attributes(template):
    return {
        "organization_id": str(template.organization_id), "name": template.name,
        "description": template.description, "category": template.category, "channel": template.channel,
        "subject": template.subject if template.channel == "email" else None,
        "html_content": template.html_content if template.channel == "email" else None,
        "text_content": template.text_content if template.channel == "email" else None,
        "body": template.body if template.channel == "sms" else None,
        "variables": template.variables or [], "starter_key": template.starter_key,
        "thumbnail_url": None, "usage_count": _usage_count(template), "is_public": False,
        "created_at": iso(template.created_at), "updated_at": iso(template.updated_at),
    }


def _usage_count(template):
    counts = g.get("template_usage")
    if counts is None or template.id not in counts.get("ids", ()):
        counts = g.template_usage = {"ids": {template.id}, **operations.usage_counts([template])}
    return counts.get(template.id, 0)


def _count_usage(templates):
    g.template_usage = {"ids": {t.id for t in templates}, **operations.usage_counts(templates)}


def _preview_attributes(preview):
    rendered, size = preview.rendered, preview.rendered.sms
    return {
        "channel": rendered.channel, "subject": rendered.subject, "html": rendered.html,
        "text": rendered.text if rendered.channel == "email" else None, "body": rendered.body,
        "segments": size.segments if size else None, "encoding": size.encoding if size else None,
        "characters": size.characters if size else None,
    }


TEMPLATES = ResourceType("templates", _attributes, TemplateAttributes, path="/templates")
PREVIEWS = ResourceType("template_previews", _preview_attributes, PreviewAttributes, path=None)
TEMPLATE_LIST = ListSpec(
    filters={
        "channel": f"One of {', '.join(CHANNELS)}.",
        "category": "A category, e.g. review_request, follow_up, newsletter.",
        "search": "Words in the name or description.",
        "is_public": "true or false (seed 001): every template belongs to its organization, so true finds none.",
    },
    sorts={"name": MessageTemplate.name, "created_at": MessageTemplate.created_at,
           "updated_at": MessageTemplate.updated_at},
    default_sort="name",
    id_column=MessageTemplate.id,
    aliases={"search": "search"},
)


def _template(template_id):
    return get_or_404(MessageTemplate, template_id)


@api_route("/templates", "GET", summary="List templates", tags=TAGS, scope="templates:read",
           list_spec=TEMPLATE_LIST, response=TEMPLATES, many=True)
def list_templates(params):
    filters = dict(params.filters)
    public = filters.pop("is_public", "false").strip().lower()
    if public not in ("true", "false"):
        raise bad_parameter("filter[is_public]", "Use true or false.")
    statement = operations.templates_query(filters)
    if public == "true":
        statement = statement.where(false())  # no template is public
    return documents.list_response(TEMPLATES, statement, TEMPLATE_LIST, params, prepare=_count_usage)


@api_route("/templates", "POST", summary="Create a template", tags=TAGS, scope="templates:write",
           body=TemplateIn, response=TEMPLATES, status=201,
           description="The template is rendered for a sample contact before it is saved: a mistake, an "
                       "unknown name or anything the sandbox refuses is a 422 pointing at the attribute, every "
                       "missing field at once. `channel` defaults to `email`, and an email's `subject` to the "
                       "template's name.")
def create_template(body):
    template = operations.create_template(current_credential().membership.organization, body.new_template_data())
    return documents.single(TEMPLATES, template, status=201,
                            headers={"Location": f"{documents.api_root()}/templates/{template.id}"})


@api_route("/templates/<template_id>", "GET", summary="Get a template", tags=TAGS, scope="templates:read",
           response=TEMPLATES)
def get_template(template_id):
    return documents.single(TEMPLATES, _template(template_id))


@api_route("/templates/<template_id>", "PUT", summary="Update a template", tags=TAGS, scope="templates:write",
           body=TemplateIn, response=TEMPLATES, description="The attributes given change, the others are kept.")
def update_template(template_id, body):
    return documents.single(TEMPLATES, operations.update_template(_template(template_id), body.data()))


@api_route("/templates/<template_id>", "DELETE", summary="Delete a template", tags=TAGS, scope="templates:write",
           status=204)
def delete_template(template_id):
    operations.delete_template(_template(template_id))
    return None


@api_route("/templates/<template_id>/duplicate", "POST", summary="Duplicate a template", tags=TAGS,
           scope="templates:write", response=TEMPLATES, status=201)
def duplicate_template(template_id):
    copy = operations.duplicate_template(_template(template_id))
    return documents.single(TEMPLATES, copy, status=201,
                            headers={"Location": f"{documents.api_root()}/templates/{copy.id}"})


@api_route("/templates/<template_id>/preview", "POST", summary="Preview a template", tags=TAGS,
           scope="templates:read", role="viewer", body=PreviewIn, response=PREVIEWS,
           description="Renders the template for a contact (or a sample contact) with the variables given; "
                       "declared variables without a value show their default or [name].")
def preview_template(template_id, body):
    template = _template(template_id)
    contact = get_or_404(Contact, body.contact_id) if body.contact_id else None
    try:
        rendered = operations.preview(template, contact, body.variables or {})
    except TemplateRenderError as error:
        raise ApiError(422, errors=[error_object(422, str(error), "ERR_VALIDATION", "Template can't be rendered",
                                                 pointer=f"/data/attributes/{error.field or 'body'}")])
    return documents.single(PREVIEWS, SimpleNamespace(id=template.id, rendered=rendered))
