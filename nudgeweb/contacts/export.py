"""CSV export of a filter's contacts, streamed in batches so that 100,000 rows never sit in memory."""
from sqlalchemy import delete, select

from nudgeweb.contacts.fields import custom_field_definitions
from nudgeweb.contacts.queries import conditions, order_by
from nudgeweb.downloads import CsvWriter
from nudgeweb.models import ContactExport, db, utcnow
from nudgeweb.models.contacts import Contact, Tag, contact_tags
from nudgeweb.unit_of_work import unit_of_work

COLUMNS = ("id", "email", "phone", "first_name", "last_name", "company_name", "tags", "status", "source",
           "timezone", "subscribed_at", "unsubscribed_at", "created_at", "updated_at")
BATCH = 1000


def export_rows(organization_id, filters, sort=None):
    """Chunks of CSV text (header first) for the contacts matching ``filters``; custom fields as columns.

    Plain rows (no ORM objects) in batches of BATCH, each batch's tags in one query. The rows are read in
    a unit of work of their own: they stream after the request's has ended.
    """
    with unit_of_work(organization_id):
        yield from _export_chunks(organization_id, filters, sort)


def _export_chunks(organization_id, filters, sort):
    keys = [definition.key for definition in custom_field_definitions(organization_id)]
    writer = CsvWriter()
    yield "\ufeff" + writer.text([[*COLUMNS, *keys]])  # a BOM, so that spreadsheets read UTF-8
    columns = [getattr(Contact, name) for name in COLUMNS if name != "tags"] + [Contact.custom_fields]
    query = (
        select(*columns)
        .where(Contact.organization_id == organization_id, *conditions(organization_id, filters))
        .order_by(*order_by(sort or "created_at"))
        .execution_options(yield_per=BATCH)
    )
    for batch in db.session.execute(query).partitions(BATCH):
        tags = _tags_of(organization_id, [row.id for row in batch])
        yield writer.text(_export_row(row, tags.get(row.id, []), keys) for row in batch)


def _export_row(row, tags, keys):
    values = row._asdict()
    values["tags"] = ", ".join(sorted(tags, key=str.lower))
    custom = values["custom_fields"] or {}
    return [values[name] for name in COLUMNS] + [custom.get(key) for key in keys]


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


def forget_expired_exports():
    """Delete the API's export jobs past their day, every organization's (run daily by Huey)."""
    result = db.session.execute(delete(ContactExport).where(ContactExport.expires_at <= utcnow()))
    return result.rowcount
