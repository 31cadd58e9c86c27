"""Seed 001's documents, made from the resource objects /api/v1 makes.

A single resource is ``{"data": {id, type, attributes, relationships, links, meta: {created_at,
updated_at}}}`` (seed 001 "Resource Structure"); a list is ``{"data": [...], "meta": {total,
page_size, has_more}, "links": {self, next}}``. Where seed 001 shows a resource flat (an import, a new
API key, a contact's activity, the organization's users) its ``Shape`` says so; a resource without a
shape needs no code here to be served at /api/v2.
"""
from dataclasses import dataclass
from typing import Callable

SHAPES = {}  # resource type -> Shape


@dataclass(frozen=True)
class Shape:
    """How seed 001 shows one resource type: ``flat`` (its attributes beside its id, no ``attributes``),
    ``item(resource, row)`` an item of another form altogether, ``common()`` attributes it adds to every
    resource of an answer, in lists too (the same for each: worked out once a document), ``more(row)`` those
    it adds to a single one (a contact's stats: too costly for every row of a list)."""

    flat: bool = False
    item: Callable | None = None
    more: Callable | None = None
    more_schema: dict | None = None  # the JSON Schema of what ``common`` and ``more`` add (for the OpenAPI document)
    common: Callable | None = None  # () -> attributes it adds to every resource (the organization's id)


PLAIN = Shape()


def shape(resource_type, flat=False, item=None, more=None, more_schema=None, common=None):
    SHAPES[resource_type] = Shape(flat, item, more, more_schema, common)


def _items(resource_type):
    """The function that makes seed 001's item of (row, resource) for this answer's resources."""
    found = SHAPES.get(resource_type.type, PLAIN)
    common = found.common() if found.common is not None else None

    def item(row, resource):
        if common:
            resource["attributes"].update(common)
        if found.item is not None:
            return found.item(resource, row)
        attributes = resource["attributes"]
        if found.flat:
            return {"id": resource["id"], **attributes}
        resource["meta"] = {name: attributes[name] for name in _META if name in attributes}
        return resource

    return item


_META = ("created_at", "updated_at")


def single(resource_type, row, resource, meta=None):
    more = SHAPES.get(resource_type.type, PLAIN).more
    if more is not None:
        resource["attributes"].update(more(row))
    document = {"data": _items(resource_type)(row, resource)}
    if meta:
        document["meta"] = meta
    return document


def collection(resource_type, rows, resources, links, meta):
    page = meta.get("page", {})
    item = _items(resource_type)
    return {
        "data": list(map(item, rows, resources)),
        "meta": {
            "total": meta.get("total", page.get("total_records")),
            "page_size": page.get("size"),
            "has_more": meta.get("has_more", links.get("next") is not None),
        },
        "links": {"self": links.get("self"), "next": links.get("next")},
    }
