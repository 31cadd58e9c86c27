"""Pydantic bases shared by the resources' schemas."""
from pydantic import BaseModel, ConfigDict


class Attributes(BaseModel):
    """Documents a resource's attributes in OpenAPI (answers are built by the resource type)."""

    model_config = ConfigDict(extra="allow")
