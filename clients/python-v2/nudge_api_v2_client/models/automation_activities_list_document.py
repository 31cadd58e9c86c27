from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.automation_activities_list_document_links import AutomationActivitiesListDocumentLinks
    from ..models.automation_activities_list_document_meta import AutomationActivitiesListDocumentMeta
    from ..models.automation_activities_resource import AutomationActivitiesResource


T = TypeVar("T", bound="AutomationActivitiesListDocument")


@_attrs_define
class AutomationActivitiesListDocument:
    """
    Attributes:
        data (list[AutomationActivitiesResource]):
        links (AutomationActivitiesListDocumentLinks):
        meta (AutomationActivitiesListDocumentMeta):
    """

    data: list[AutomationActivitiesResource]
    links: AutomationActivitiesListDocumentLinks
    meta: AutomationActivitiesListDocumentMeta
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        links = self.links.to_dict()

        meta = self.meta.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "links": links,
                "meta": meta,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.automation_activities_list_document_links import AutomationActivitiesListDocumentLinks  # noqa: PLC0415
        from ..models.automation_activities_list_document_meta import AutomationActivitiesListDocumentMeta  # noqa: PLC0415
        from ..models.automation_activities_resource import AutomationActivitiesResource  # noqa: PLC0415

        d = dict(src_dict)
        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = AutomationActivitiesResource.from_dict(data_item_data)

            data.append(data_item)

        links = AutomationActivitiesListDocumentLinks.from_dict(d.pop("links"))

        meta = AutomationActivitiesListDocumentMeta.from_dict(d.pop("meta"))

        automation_activities_list_document = cls(
            data=data,
            links=links,
            meta=meta,
        )

        automation_activities_list_document.additional_properties = d
        return automation_activities_list_document

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
