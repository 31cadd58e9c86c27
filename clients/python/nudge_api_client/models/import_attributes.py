from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.import_status import ImportStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.import_attributes_mapping_type_0 import ImportAttributesMappingType0
    from ..models.import_attributes_notes_type_0_item import ImportAttributesNotesType0Item


T = TypeVar("T", bound="ImportAttributes")


@_attrs_define
class ImportAttributes:
    """
    Attributes:
        created (int | None | Unset):
        created_at (datetime.datetime | None | Unset):
        error (None | str | Unset):
        failed (int | None | Unset):
        failed_rows_url (None | str | Unset):
        filename (None | str | Unset):
        finished_at (datetime.datetime | None | Unset):
        import_id (None | str | Unset): The import's id again, as seed 001 names it.
        mapping (ImportAttributesMappingType0 | None | Unset):
        notes (list[ImportAttributesNotesType0Item] | None | Unset): What the import did beyond creating contacts, in
            line order: `warning` (a value left out, a repeated row's name kept), `updated` (a contact that was there
            before, and what changed), `unchanged` (one that already had the row's values) and `repeated` (a contact an
            earlier row of the file wrote, and what this row added); {line, kind, contact_id, message}, the first 100 of
            each kind.
        processed (int | None | Unset):
        repeated (int | None | Unset): Rows of a contact an earlier row of the same file wrote.
        skipped (int | None | Unset):
        started_at (datetime.datetime | None | Unset):
        status (ImportStatus | None | Unset):
        succeeded (int | None | Unset):
        total (int | None | Unset):
        trigger_automations (bool | None | Unset):
        unchanged (int | None | Unset): Contacts you had before the file that it left as they were (their values
            already, or a change undone by a later row).
        update_existing (bool | None | Unset):
        updated (int | None | Unset): Contacts you had before the file that it changed, counted on their first row by
            what the file did to them in the end.
        warnings (int | None | Unset): Rows imported with a value left out (e.g. a broken email beside a good mobile
            number).
    """

    created: int | None | Unset = UNSET
    created_at: datetime.datetime | None | Unset = UNSET
    error: None | str | Unset = UNSET
    failed: int | None | Unset = UNSET
    failed_rows_url: None | str | Unset = UNSET
    filename: None | str | Unset = UNSET
    finished_at: datetime.datetime | None | Unset = UNSET
    import_id: None | str | Unset = UNSET
    mapping: ImportAttributesMappingType0 | None | Unset = UNSET
    notes: list[ImportAttributesNotesType0Item] | None | Unset = UNSET
    processed: int | None | Unset = UNSET
    repeated: int | None | Unset = UNSET
    skipped: int | None | Unset = UNSET
    started_at: datetime.datetime | None | Unset = UNSET
    status: ImportStatus | None | Unset = UNSET
    succeeded: int | None | Unset = UNSET
    total: int | None | Unset = UNSET
    trigger_automations: bool | None | Unset = UNSET
    unchanged: int | None | Unset = UNSET
    update_existing: bool | None | Unset = UNSET
    updated: int | None | Unset = UNSET
    warnings: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.import_attributes_mapping_type_0 import ImportAttributesMappingType0  # noqa: PLC0415

        created: int | None | Unset
        if isinstance(self.created, Unset):
            created = UNSET
        else:
            created = self.created

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        failed: int | None | Unset
        if isinstance(self.failed, Unset):
            failed = UNSET
        else:
            failed = self.failed

        failed_rows_url: None | str | Unset
        if isinstance(self.failed_rows_url, Unset):
            failed_rows_url = UNSET
        else:
            failed_rows_url = self.failed_rows_url

        filename: None | str | Unset
        if isinstance(self.filename, Unset):
            filename = UNSET
        else:
            filename = self.filename

        finished_at: None | str | Unset
        if isinstance(self.finished_at, Unset):
            finished_at = UNSET
        elif isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        import_id: None | str | Unset
        if isinstance(self.import_id, Unset):
            import_id = UNSET
        else:
            import_id = self.import_id

        mapping: dict[str, Any] | None | Unset
        if isinstance(self.mapping, Unset):
            mapping = UNSET
        elif isinstance(self.mapping, ImportAttributesMappingType0):
            mapping = self.mapping.to_dict()
        else:
            mapping = self.mapping

        notes: list[dict[str, Any]] | None | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        elif isinstance(self.notes, list):
            notes = []
            for notes_type_0_item_data in self.notes:
                notes_type_0_item = notes_type_0_item_data.to_dict()
                notes.append(notes_type_0_item)

        else:
            notes = self.notes

        processed: int | None | Unset
        if isinstance(self.processed, Unset):
            processed = UNSET
        else:
            processed = self.processed

        repeated: int | None | Unset
        if isinstance(self.repeated, Unset):
            repeated = UNSET
        else:
            repeated = self.repeated

        skipped: int | None | Unset
        if isinstance(self.skipped, Unset):
            skipped = UNSET
        else:
            skipped = self.skipped

        started_at: None | str | Unset
        if isinstance(self.started_at, Unset):
            started_at = UNSET
        elif isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, ImportStatus):
            status = self.status.value
        else:
            status = self.status

        succeeded: int | None | Unset
        if isinstance(self.succeeded, Unset):
            succeeded = UNSET
        else:
            succeeded = self.succeeded

        total: int | None | Unset
        if isinstance(self.total, Unset):
            total = UNSET
        else:
            total = self.total

        trigger_automations: bool | None | Unset
        if isinstance(self.trigger_automations, Unset):
            trigger_automations = UNSET
        else:
            trigger_automations = self.trigger_automations

        unchanged: int | None | Unset
        if isinstance(self.unchanged, Unset):
            unchanged = UNSET
        else:
            unchanged = self.unchanged

        update_existing: bool | None | Unset
        if isinstance(self.update_existing, Unset):
            update_existing = UNSET
        else:
            update_existing = self.update_existing

        updated: int | None | Unset
        if isinstance(self.updated, Unset):
            updated = UNSET
        else:
            updated = self.updated

        warnings: int | None | Unset
        if isinstance(self.warnings, Unset):
            warnings = UNSET
        else:
            warnings = self.warnings

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if created is not UNSET:
            field_dict["created"] = created
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if error is not UNSET:
            field_dict["error"] = error
        if failed is not UNSET:
            field_dict["failed"] = failed
        if failed_rows_url is not UNSET:
            field_dict["failed_rows_url"] = failed_rows_url
        if filename is not UNSET:
            field_dict["filename"] = filename
        if finished_at is not UNSET:
            field_dict["finished_at"] = finished_at
        if import_id is not UNSET:
            field_dict["import_id"] = import_id
        if mapping is not UNSET:
            field_dict["mapping"] = mapping
        if notes is not UNSET:
            field_dict["notes"] = notes
        if processed is not UNSET:
            field_dict["processed"] = processed
        if repeated is not UNSET:
            field_dict["repeated"] = repeated
        if skipped is not UNSET:
            field_dict["skipped"] = skipped
        if started_at is not UNSET:
            field_dict["started_at"] = started_at
        if status is not UNSET:
            field_dict["status"] = status
        if succeeded is not UNSET:
            field_dict["succeeded"] = succeeded
        if total is not UNSET:
            field_dict["total"] = total
        if trigger_automations is not UNSET:
            field_dict["trigger_automations"] = trigger_automations
        if unchanged is not UNSET:
            field_dict["unchanged"] = unchanged
        if update_existing is not UNSET:
            field_dict["update_existing"] = update_existing
        if updated is not UNSET:
            field_dict["updated"] = updated
        if warnings is not UNSET:
            field_dict["warnings"] = warnings

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.import_attributes_mapping_type_0 import ImportAttributesMappingType0  # noqa: PLC0415
        from ..models.import_attributes_notes_type_0_item import ImportAttributesNotesType0Item  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_created(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        created = _parse_created(d.pop("created", UNSET))

        def _parse_created_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_at = _parse_created_at(d.pop("created_at", UNSET))

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        def _parse_failed(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        failed = _parse_failed(d.pop("failed", UNSET))

        def _parse_failed_rows_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        failed_rows_url = _parse_failed_rows_url(d.pop("failed_rows_url", UNSET))

        def _parse_filename(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        filename = _parse_filename(d.pop("filename", UNSET))

        def _parse_finished_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        finished_at = _parse_finished_at(d.pop("finished_at", UNSET))

        def _parse_import_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        import_id = _parse_import_id(d.pop("import_id", UNSET))

        def _parse_mapping(data: object) -> ImportAttributesMappingType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                mapping_type_0 = ImportAttributesMappingType0.from_dict(data)

                return mapping_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ImportAttributesMappingType0 | None | Unset, data)

        mapping = _parse_mapping(d.pop("mapping", UNSET))

        def _parse_notes(data: object) -> list[ImportAttributesNotesType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                notes_type_0 = []
                _notes_type_0 = data
                for notes_type_0_item_data in _notes_type_0:
                    notes_type_0_item = ImportAttributesNotesType0Item.from_dict(notes_type_0_item_data)

                    notes_type_0.append(notes_type_0_item)

                return notes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ImportAttributesNotesType0Item] | None | Unset, data)

        notes = _parse_notes(d.pop("notes", UNSET))

        def _parse_processed(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        processed = _parse_processed(d.pop("processed", UNSET))

        def _parse_repeated(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        repeated = _parse_repeated(d.pop("repeated", UNSET))

        def _parse_skipped(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        skipped = _parse_skipped(d.pop("skipped", UNSET))

        def _parse_started_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        started_at = _parse_started_at(d.pop("started_at", UNSET))

        def _parse_status(data: object) -> ImportStatus | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = ImportStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ImportStatus | None | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_succeeded(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        succeeded = _parse_succeeded(d.pop("succeeded", UNSET))

        def _parse_total(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        total = _parse_total(d.pop("total", UNSET))

        def _parse_trigger_automations(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        trigger_automations = _parse_trigger_automations(d.pop("trigger_automations", UNSET))

        def _parse_unchanged(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        unchanged = _parse_unchanged(d.pop("unchanged", UNSET))

        def _parse_update_existing(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        update_existing = _parse_update_existing(d.pop("update_existing", UNSET))

        def _parse_updated(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        updated = _parse_updated(d.pop("updated", UNSET))

        def _parse_warnings(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        warnings = _parse_warnings(d.pop("warnings", UNSET))

        import_attributes = cls(
            created=created,
            created_at=created_at,
            error=error,
            failed=failed,
            failed_rows_url=failed_rows_url,
            filename=filename,
            finished_at=finished_at,
            import_id=import_id,
            mapping=mapping,
            notes=notes,
            processed=processed,
            repeated=repeated,
            skipped=skipped,
            started_at=started_at,
            status=status,
            succeeded=succeeded,
            total=total,
            trigger_automations=trigger_automations,
            unchanged=unchanged,
            update_existing=update_existing,
            updated=updated,
            warnings=warnings,
        )

        import_attributes.additional_properties = d
        return import_attributes

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
