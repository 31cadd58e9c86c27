"""JSON:API 1.1 documents: resource objects, single and list documents, sparse fieldsets.

A resource type says how one row becomes ``{"id", "type", "attributes", "relationships",
"links"}``; ``Attributes`` is the pydantic model that documents those attributes in OpenAPI.
"""
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Callable

import orjson
from flask import current_app, g, request

from nudgeweb.api.params import ListParams, Page, paginate
from nudgeweb.api.v2 import documents as v2_documents
from nudgeweb.api_request import is_v2_request


def iso(value):
    """ISO 8601 in UTC with Z, as every timestamp of the API."""
    if value is None:
        return None
    if isinstance(value, datetime) and value.tzinfo is timezone.utc:  # what UtcDateTime gives: the fast path
        return value.replace(tzinfo=None).isoformat() + "Z"
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class ResourceType:
    """How rows of one kind appear in the API.

    ``attributes(row) -> dict``; ``relationships(row) -> dict`` (optional, JSON:API relationship
    objects); ``schema``: the pydantic model of the attributes (for OpenAPI and sparse fieldsets);
    ``path``: the collection's path under /api/v1, for ``links.self`` (None: no links);
    ``self_link(base, id)``: the resource's ``links.self`` when it is not ``path``/id;
    ``build(row, base)``: the same whole resource built in one go, for a hot list (used when no
    sparse fieldset applies to the type).
    """

    type: str
    attributes: Callable
    schema: type
    path: str | None
    relationships: Callable | None = None
    self_link: Callable | None = None  # (base, id) -> links.self, where it is not path/id (seed 004's nudges)
    includes: dict | None = None  # what ``include=`` may name on a request for one resource: {name: description}
    build: Callable | None = None  # (row, base) -> the resource, as the parts above make it

    @property
    def attribute_names(self):
        return set(self.schema.model_fields)

    def resource(self, row, fields=None, base=None):
        wanted = fields.get(self.type) if fields else None
        if self.build is not None and wanted is None:
            return self.build(row, base or api_root())
        attributes = self.attributes(row)
        if wanted is not None:
            attributes = {k: v for k, v in attributes.items() if k in wanted}
        row_id = str(row.id)
        resource = {"id": row_id, "type": self.type, "attributes": attributes}
        base = base or api_root()
        if self.relationships is not None:
            relationships = self.relationships(row)
            if wanted is not None:
                relationships = {k: v for k, v in relationships.items() if k in wanted}
            resource["relationships"] = {name: self._linked(name, value, row_id, base)
                                         for name, value in relationships.items()}
        if self.self_link is not None:
            resource["links"] = {"self": self.self_link(base, row_id)}
        elif self.path is not None:
            resource["links"] = {"self": f"{base}{self.path}/{row_id}"}
        return resource

    def _linked(self, name, relationship, row_id, base):
        """A to-one relationship with the links of seed 004: ``self`` (the relationship) and ``related``."""
        if "links" in relationship or not isinstance(relationship.get("data"), dict):
            return relationship
        related = relationship["data"]
        links = {"self": f"{base}{self.path}/{row_id}/relationships/{name}"} if self.path else {}
        links["related"] = f"{base}/{related['type']}/{related['id']}"
        return {"links": links, **relationship}


def api_root():
    """The API's base URL for this request (worked out once: every resource's links start with it)."""
    root = g.get("api_root")
    if root is None:
        root = g.api_root = request.root_url + ("api/v2" if is_v2_request() else "api/v1")
    return root


def single(resource_type: ResourceType, row, status=200, fields=None, included=None, meta=None, headers=None,
           extra_attributes=None):
    """A document with one resource as ``data``, with the request's ``fields[type]`` unless given;
    ``extra_attributes`` are added to its attributes (a secret shown once, say)."""
    data = resource_type.resource(row, g.get("document_fields") if fields is None else fields)
    if extra_attributes:
        data["attributes"].update(extra_attributes)
    if is_v2_request():
        return respond(v2_documents.single(resource_type, row, data, meta), status, headers)
    document = {"data": data, "included": included or [], "links": {"self": request.base_url}}
    if meta:
        document["meta"] = meta
    return respond(document, status, headers)


def collection(resource_type: ResourceType, rows, links, meta, fields=None, included=None):
    base = api_root()
    data = [resource_type.resource(row, fields, base) for row in rows]
    if is_v2_request():
        return respond(v2_documents.collection(resource_type, rows, data, links, meta))
    document = {
        "data": data,
        "included": included or [],
        "links": links,
        "meta": meta,
    }
    return respond(document)


def list_response(resource_type: ResourceType, statement, spec, params: ListParams, include=None, prepare=None,
                  scalars=True):
    """Paginate ``statement`` and answer the list document; ``include(rows, names)`` gives
    the ``included`` resources for ``include=`` (validated by the spec already);
    ``prepare(rows)`` may load what the page's rows need in one query before they are shown;
    ``scalars=False`` for a statement of columns (rows rather than ORM objects)."""
    page: Page = paginate(statement, spec, params, scalars)
    if prepare is not None:
        prepare(page.rows)
    included = include(page.rows, params.include) if include and params.include else []
    return collection(resource_type, page.rows, page.links, page.meta, params.fields, included)


# orjson writes a list page several times faster than json, and a UTC datetime as iso() does (so a
# hot document may leave its timestamps to it); what it does not know itself (Decimal ...) goes
# through Flask's own conversion.
_ORJSON_OPTIONS = orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS | orjson.OPT_UTC_Z | orjson.OPT_NAIVE_UTC


def respond(document, status=200, headers=None):
    body = orjson.dumps(document, default=current_app.json.default, option=_ORJSON_OPTIONS)
    response = current_app.response_class(body, status=status, mimetype="application/json")
    if headers:
        response.headers.update(headers)
    return response
