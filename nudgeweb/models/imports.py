"""Contact imports: an uploaded CSV, how its columns map to contact fields, and how far it got."""
from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, LargeBinary, String, Text, Uuid, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nudgeweb.models.base import IdMixin, OrgScoped, TimestampMixin, UtcDateTime, db, utcnow

# draft: uploaded, columns not confirmed yet (the wizard's mapping step; never shown by the API).
# processing -> completed | failed, as in seed 001.
IMPORT_STATUSES = ("draft", "processing", "completed", "failed")


class ImportedFile:
    """The columns every CSV import has (contacts, employees; imports/core.py reads them): the file,
    cut into chunks, how its columns map to fields, and how far it got. ``processed`` is the resume
    point: the rows before it are committed, with their failures, in the same transaction."""

    created_by_id: Mapped[object | None] = mapped_column(Uuid, ForeignKey("users.id", ondelete="SET NULL"))
    filename: Mapped[str] = mapped_column(String(255))
    file_size: Mapped[int] = mapped_column(Integer, default=0)
    file_data: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)  # dropped once imported
    encoding: Mapped[str] = mapped_column(String(20), default="utf-8")
    delimiter: Mapped[str] = mapped_column(String(1), default=",")
    headers: Mapped[list] = mapped_column(JSON, default=list)
    # The data records cut into pieces that workers import side by side (csvfile.plan_chunks).
    chunks: Mapped[list | None] = mapped_column(JSON, deferred=True)
    mapping: Mapped[dict] = mapped_column(JSON, default=dict)  # field -> column index
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    total: Mapped[int] = mapped_column(Integer, default=0)
    processed: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Set when the chunks are queued and renewed by every chunk written: when it goes stale,
    # nobody is working on the import any more and it is queued again.
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    @property
    def percent(self):
        return 100 if not self.total else min(100, round(100 * self.processed / self.total))

    @property
    def finished(self):
        return self.status in ("completed", "failed")


class ImportFailureColumns:
    """A row of the file that could not be imported: where it was, why, and what it held."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    line: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    values: Mapped[list] = mapped_column(JSON, default=list)


class ContactImport(ImportedFile, IdMixin, OrgScoped, TimestampMixin, db.Model):
    """One CSV file being imported into an organization's contacts.

    Counters: ``processed`` = ``succeeded`` + ``failed`` data rows so far, out of ``total``;
    ``succeeded`` = ``created`` + ``updated`` + ``unchanged`` + ``repeated`` + ``skipped`` (updated and
    unchanged: the first row of an existing contact, by what the file's rows of it did to it in the end
    (within a chunk); repeated: a row of a contact an earlier row of the file wrote; skipped: an existing
    contact left as it was because ``update_existing`` is off).
    """

    __tablename__ = "contact_imports"

    update_existing: Mapped[bool] = mapped_column(Boolean, default=True)
    # seed 001's trigger_automations: the contacts it adds enter automations (contact created, a list joined)
    trigger_automations: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The list the imported contacts join (campaigns.lists), if one was chosen.
    list_id: Mapped[object | None] = mapped_column(Uuid, ForeignKey("contact_lists.id", ondelete="SET NULL"))
    succeeded: Mapped[int] = mapped_column(Integer, default=0)
    created_count: Mapped[int] = mapped_column(Integer, default=0)
    updated_count: Mapped[int] = mapped_column(Integer, default=0)
    skipped_count: Mapped[int] = mapped_column(Integer, default=0)
    unchanged_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    repeated_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    failures: Mapped[list["ContactImportFailure"]] = relationship(
        back_populates="contact_import", cascade="all, delete-orphan", passive_deletes=True,
        order_by="ContactImportFailure.line",
    )

    def __repr__(self):
        return f"<ContactImport {self.filename!r} {self.status} {self.processed}/{self.total}>"


class ContactImportFailure(ImportFailureColumns, OrgScoped, db.Model):
    __tablename__ = "contact_import_failures"

    import_id: Mapped[object] = mapped_column(
        Uuid, ForeignKey("contact_imports.id", ondelete="CASCADE"), index=True
    )

    contact_import: Mapped[ContactImport] = relationship(back_populates="failures")


class ContactExport(IdMixin, OrgScoped, db.Model):
    """A CSV export asked for through the API: which contacts (``filters``, as the list's
    filter[…] takes them) and which ``fields``; its download reads them as they are then, for a day."""

    __tablename__ = "contact_exports"

    created_by_id: Mapped[object | None] = mapped_column(Uuid, ForeignKey("users.id", ondelete="SET NULL"))
    filters: Mapped[dict] = mapped_column(JSON, default=dict)
    fields: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
