from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.create_import_body_trigger_automations import CreateImportBodyTriggerAutomations
from ..models.create_import_body_update_existing import CreateImportBodyUpdateExisting
from ..types import UNSET, File, Unset

T = TypeVar("T", bound="CreateImportBody")


@_attrs_define
class CreateImportBody:
    """
    Attributes:
        file (File): The CSV file (UTF-8 or Windows-1252).
        idempotency_key (str | Unset):
        mapping (str | Unset): JSON: {"email": 0, "first_name": "First name"}, a column by its position or its header.
            The phone may take several columns, the first mobile number of a row among them used: {"phone": ["Mobile", "Home
            phone"]}.
        trigger_automations (CreateImportBodyTriggerAutomations | Unset): Whether the contacts it adds enter automations
            (contact created, list joined). Default: CreateImportBodyTriggerAutomations.FALSE.
        update_existing (CreateImportBodyUpdateExisting | Unset):  Default: CreateImportBodyUpdateExisting.TRUE.
    """

    file: File
    idempotency_key: str | Unset = UNSET
    mapping: str | Unset = UNSET
    trigger_automations: CreateImportBodyTriggerAutomations | Unset = CreateImportBodyTriggerAutomations.FALSE
    update_existing: CreateImportBodyUpdateExisting | Unset = CreateImportBodyUpdateExisting.TRUE
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file = self.file.to_tuple()

        idempotency_key = self.idempotency_key

        mapping = self.mapping

        trigger_automations: str | Unset = UNSET
        if not isinstance(self.trigger_automations, Unset):
            trigger_automations = self.trigger_automations.value

        update_existing: str | Unset = UNSET
        if not isinstance(self.update_existing, Unset):
            update_existing = self.update_existing.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file": file,
            }
        )
        if idempotency_key is not UNSET:
            field_dict["idempotency_key"] = idempotency_key
        if mapping is not UNSET:
            field_dict["mapping"] = mapping
        if trigger_automations is not UNSET:
            field_dict["trigger_automations"] = trigger_automations
        if update_existing is not UNSET:
            field_dict["update_existing"] = update_existing

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", self.file.to_tuple()))

        if not isinstance(self.idempotency_key, Unset):
            files.append(("idempotency_key", (None, str(self.idempotency_key).encode(), "text/plain")))

        if not isinstance(self.mapping, Unset):
            files.append(("mapping", (None, str(self.mapping).encode(), "text/plain")))

        if not isinstance(self.trigger_automations, Unset):
            files.append(("trigger_automations", (None, str(self.trigger_automations.value).encode(), "text/plain")))

        if not isinstance(self.update_existing, Unset):
            files.append(("update_existing", (None, str(self.update_existing.value).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file = File(payload=BytesIO(d.pop("file")))

        idempotency_key = d.pop("idempotency_key", UNSET)

        mapping = d.pop("mapping", UNSET)

        _trigger_automations = d.pop("trigger_automations", UNSET)
        trigger_automations: CreateImportBodyTriggerAutomations | Unset
        if isinstance(_trigger_automations, Unset):
            trigger_automations = UNSET
        else:
            trigger_automations = CreateImportBodyTriggerAutomations(_trigger_automations)

        _update_existing = d.pop("update_existing", UNSET)
        update_existing: CreateImportBodyUpdateExisting | Unset
        if isinstance(_update_existing, Unset):
            update_existing = UNSET
        else:
            update_existing = CreateImportBodyUpdateExisting(_update_existing)

        create_import_body = cls(
            file=file,
            idempotency_key=idempotency_key,
            mapping=mapping,
            trigger_automations=trigger_automations,
            update_existing=update_existing,
        )

        create_import_body.additional_properties = d
        return create_import_body

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
