"""Contact imports: an uploaded CSV, how its columns map to contact fields, and how far it got."""
from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, LargeBinary, String, Text, Uuid, false
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from nudgeweb.models.base import IdMixin, OrgScoped, TimestampMixin, UtcDateTime, db, utcnow

# draft: uploaded, columns not confirmed yet (the wizard's mapping step; never shown by the API).
# processing -> completed | failed, as in seed 001.
IMPORT_STATUSES = ("draft", "processing", "completed", "failed")


class ContactImport(IdMixin, OrgScoped, TimestampMixin, db.Model):
    """One CSV file being imported into an organization's contacts.

    Counters: ``processed`` = ``succeeded`` + ``failed`` data rows so far, out of ``total``;
    ``succeeded`` = ``created`` + ``updated`` + ``skipped`` (skipped: an existing contact left
    as it was because ``update_existing`` is off). ``processed`` is also the resume point:
    the rows before it are committed, with their failures, in the same transaction.
    """

    __tablename__ = "contact_imports"

    created_by_id: Mapped[object | None] = mapped_column(Uuid, ForeignKey("users.id", ondelete="SET NULL"))
    filename: Mapped[str] = mapped_column(String(255))
    file_size: Mapped[int] = mapped_column(Integer, default=0)
    file_data: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    encoding: Mapped[str] = mapped_column(String(20), default="utf-8")
    delimiter: Mapped[str] = mapped_column(String(1), default=",")
    headers: Mapped[list] = mapped_column(JSON, default=list)
    # The data records cut into pieces that workers import side by side (csvfile.plan_chunks).
    chunks: Mapped[list | None] = deferred(mapped_column(JSON))
    mapping: Mapped[dict] = mapped_column(JSON, default=dict)  # field -> column index
    update_existing: Mapped[bool] = mapped_column(Boolean, default=True)
    # seed 001's trigger_automations: the contacts it adds enter automations (contact created, a list joined)
    trigger_automations: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The list the imported contacts join (campaigns.lists), if one was chosen.
    list_id: Mapped[object | None] = mapped_column(Uuid, ForeignKey("contact_lists.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    total: Mapped[int] = mapped_column(Integer, default=0)
    processed: Mapped[int] = mapped_column(Integer, default=0)
    succeeded: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    created_count: Mapped[int] = mapped_column(Integer, default=0)
    updated_count: Mapped[int] = mapped_column(Integer, default=0)
    skipped_count: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Set when the chunks are queued and renewed by every chunk written: when it goes stale,
    # nobody is working on the import any more and it is queued again.
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    failures: Mapped[list["ContactImportFailure"]] = relationship(
        back_populates="contact_import", cascade="all, delete-orphan", passive_deletes=True,
        order_by="ContactImportFailure.line",
    )

    @property
    def percent(self):
        return 100 if not self.total else min(100, round(100 * self.processed / self.total))

    @property
    def finished(self):
        return self.status in ("completed", "failed")

    def __repr__(self):
        return f"<ContactImport {self.filename!r} {self.status} {self.processed}/{self.total}>"


class ContactImportFailure(OrgScoped, db.Model):
    """A row of the file that could not be imported: where it was, why, and what it held."""

    __tablename__ = "contact_import_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    import_id: Mapped[object] = mapped_column(
        Uuid, ForeignKey("contact_imports.id", ondelete="CASCADE"), index=True
    )
    line: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    values: Mapped[list] = mapped_column(JSON, default=list)

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
