"""CSV export of a filter's contacts, streamed in batches so that 100,000 rows never sit in memory."""
import csv
import io
import re

from sqlalchemy import delete, select

from nudgeweb.contacts.fields import custom_field_definitions
from nudgeweb.contacts.queries import conditions, order_by
from nudgeweb.models import ContactExport, db, utcnow
from nudgeweb.models.contacts import Contact, Tag, contact_tags

COLUMNS = ("id", "email", "phone", "first_name", "last_name", "company_name", "tags", "status", "source",
           "timezone", "subscribed_at", "unsubscribed_at", "created_at", "updated_at")
BATCH = 1000
_FORMULA = re.compile(r"^[=+\-@\t\r]")
_PHONE = re.compile(r"^\+\d{6,15}$")


def export_rows(organization_id, filters, sort=None):
    """Chunks of CSV text (header first) for the contacts matching ``filters``; custom fields as columns.

    Plain rows (no ORM objects) in batches of BATCH, each batch's tags in one query.
    """
    keys = [definition.key for definition in custom_field_definitions(organization_id)]
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush():
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow([*COLUMNS, *keys])
    yield "\ufeff" + flush()  # a BOM, so that spreadsheets read UTF-8
    columns = [getattr(Contact, name) for name in COLUMNS if name != "tags"] + [Contact.custom_fields]
    query = (
        select(*columns)
        .where(Contact.organization_id == organization_id, *conditions(organization_id, filters))
        .order_by(*order_by(sort or "created_at"))
        .execution_options(yield_per=BATCH)
    )
    for batch in db.session.execute(query).partitions(BATCH):
        tags = _tags_of(organization_id, [row.id for row in batch])
        for row in batch:
            values = row._asdict()
            values["tags"] = ", ".join(sorted(tags.get(row.id, []), key=str.lower))
            custom = values["custom_fields"] or {}
            writer.writerow([_cell(values[name]) for name in COLUMNS] + [_cell(custom.get(key)) for key in keys])
        yield flush()


def _tags_of(organization_id, contact_ids):
    found = {}
    rows = db.session.execute(
        select(contact_tags.c.contact_id, Tag.name)
        .join(Tag, Tag.id == contact_tags.c.tag_id)
        .where(Tag.organization_id == organization_id, contact_tags.c.contact_id.in_(contact_ids))
    )
    for contact_id, name in rows:
        found.setdefault(contact_id, []).append(name)
    return found


def _cell(value):
    """Text for one cell; cells a spreadsheet would run as a formula get a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "isoformat"):
        return value.isoformat().replace("+00:00", "Z")
    text = str(value)
    return "'" + text if _FORMULA.match(text) and not _PHONE.match(text) else text


def forget_expired_exports():
    """Delete the API's export jobs past their day, every organization's (run daily by Huey)."""
    result = db.session.execute(delete(ContactExport).where(ContactExport.expires_at <= utcnow()))
    return result.rowcount
