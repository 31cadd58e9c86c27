"""Pydantic bases shared by the resources' schemas."""
from enum import Enum

from pydantic import BaseModel, ConfigDict


def vocabulary(name, values):
    """A fixed vocabulary (a status, a channel ...) as a named enum: one schema in the OpenAPI
    document, so one class of that name in every generated client. Name it after its resource
    (``ContactStatus``): the names share one namespace with every other schema."""
    return Enum(name, {value: value for value in values}, type=str)


class Attributes(BaseModel):
    """Documents a resource's attributes in OpenAPI (answers are built by the resource type)."""

    model_config = ConfigDict(extra="allow")
