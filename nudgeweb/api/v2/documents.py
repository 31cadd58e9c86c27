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
    ``item(resource, row)`` an item of another form altogether, ``every(row)`` attributes it adds to each
    resource, ``more(row)`` those it adds to a single one (a contact's stats: too costly for every row of a list)."""

    flat: bool = False
    item: Callable | None = None
    more: Callable | None = None
    more_schema: dict | None = None  # the JSON Schema of what ``every`` and ``more`` add (for the OpenAPI document)
    every: Callable | None = None  # (row) -> attributes it adds to every resource, in lists too (cheap ones)


def shape(resource_type, flat=False, item=None, more=None, more_schema=None, every=None):
    SHAPES[resource_type] = Shape(flat, item, more, more_schema, every)


def _item(resource_type, row, resource):
    found = SHAPES.get(resource_type.type)
    if found is not None and found.every is not None:
        resource["attributes"].update(found.every(row))
    if found is not None and found.item is not None:
        return found.item(resource, row)
    if found is not None and found.flat:
        return {"id": resource["id"], **resource["attributes"]}
    attributes = resource["attributes"]
    resource["meta"] = {name: attributes[name] for name in ("created_at", "updated_at") if name in attributes}
    return resource


def single(resource_type, row, resource, meta=None):
    found = SHAPES.get(resource_type.type)
    if found is not None and found.more is not None:
        resource["attributes"].update(found.more(row))
    document = {"data": _item(resource_type, row, resource)}
    if meta:
        document["meta"] = meta
    return document


def collection(resource_type, rows, resources, links, meta):
    page = meta.get("page", {})
    return {
        "data": [_item(resource_type, row, resource) for row, resource in zip(rows, resources)],
        "meta": {
            "total": meta.get("total", page.get("total_records")),
            "page_size": page.get("size"),
            "has_more": meta.get("has_more", links.get("next") is not None),
        },
        "links": {"self": links.get("self"), "next": links.get("next")},
    }
