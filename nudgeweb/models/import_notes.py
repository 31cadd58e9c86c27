"""Notes an import leaves on its rows: what it updated, and what it left out and why."""
from sqlalchemy import ForeignKey, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from nudgeweb.models.base import OrgScoped, db

IMPORT_NOTE_KINDS = ("warning", "updated", "unchanged", "repeated")


class ContactImportNote(OrgScoped, db.Model):
    """What an import did to a row beyond creating its contact: ``updated`` (a contact that was there
    before, and what changed), ``unchanged`` (one that already had the row's values), ``repeated`` (a
    contact an earlier row of the file wrote, and what this row added) or ``warning`` (a value left
    out, a duplicate row's name kept)."""

    __tablename__ = "contact_import_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    import_id: Mapped[object] = mapped_column(
        Uuid, ForeignKey("contact_imports.id", ondelete="CASCADE"), index=True
    )
    line: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    contact_id: Mapped[object | None] = mapped_column(Uuid, ForeignKey("contacts.id", ondelete="SET NULL"))
    message: Mapped[str] = mapped_column(Text)
