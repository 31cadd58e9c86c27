from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.automation_enrollments_resource_type import AutomationEnrollmentsResourceType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.automation_enrollment_attributes import AutomationEnrollmentAttributes
    from ..models.relationships import Relationships
    from ..models.resource_links import ResourceLinks


T = TypeVar("T", bound="AutomationEnrollmentsResource")


@_attrs_define
class AutomationEnrollmentsResource:
    """
    Attributes:
        attributes (AutomationEnrollmentAttributes):
        id (str):
        type_ (AutomationEnrollmentsResourceType):
        links (ResourceLinks | Unset): Links of a resource object (`self`, and e.g. `download` of an export).
        relationships (Relationships | Unset):
    """

    attributes: AutomationEnrollmentAttributes
    id: str
    type_: AutomationEnrollmentsResourceType
    links: ResourceLinks | Unset = UNSET
    relationships: Relationships | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attributes = self.attributes.to_dict()

        id = self.id

        type_ = self.type_.value

        links: dict[str, Any] | Unset = UNSET
        if not isinstance(self.links, Unset):
            links = self.links.to_dict()

        relationships: dict[str, Any] | Unset = UNSET
        if not isinstance(self.relationships, Unset):
            relationships = self.relationships.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attributes": attributes,
                "id": id,
                "type": type_,
            }
        )
        if links is not UNSET:
            field_dict["links"] = links
        if relationships is not UNSET:
            field_dict["relationships"] = relationships

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.automation_enrollment_attributes import AutomationEnrollmentAttributes  # noqa: PLC0415
        from ..models.relationships import Relationships  # noqa: PLC0415
        from ..models.resource_links import ResourceLinks  # noqa: PLC0415

        d = dict(src_dict)
        attributes = AutomationEnrollmentAttributes.from_dict(d.pop("attributes"))

        id = d.pop("id")

        type_ = AutomationEnrollmentsResourceType(d.pop("type"))

        _links = d.pop("links", UNSET)
        links: ResourceLinks | Unset
        if isinstance(_links, Unset):
            links = UNSET
        else:
            links = ResourceLinks.from_dict(_links)

        _relationships = d.pop("relationships", UNSET)
        relationships: Relationships | Unset
        if isinstance(_relationships, Unset):
            relationships = UNSET
        else:
            relationships = Relationships.from_dict(_relationships)

        automation_enrollments_resource = cls(
            attributes=attributes,
            id=id,
            type_=type_,
            links=links,
            relationships=relationships,
        )

        automation_enrollments_resource.additional_properties = d
        return automation_enrollments_resource

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
