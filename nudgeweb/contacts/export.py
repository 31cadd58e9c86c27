"""CSV export of a filter's contacts, streamed in batches so that 100,000 rows never sit in memory."""
import csv
import io
import re

from nudgeweb.contacts.operations import custom_field_definitions
from nudgeweb.contacts.queries import contacts_query
from nudgeweb.models import db

COLUMNS = ("id", "email", "phone", "first_name", "last_name", "company_name", "tags", "status", "source",
           "timezone", "subscribed_at", "unsubscribed_at", "created_at", "updated_at")
BATCH = 1000
_FORMULA = re.compile(r"^[=+\-@\t\r]")
_PHONE = re.compile(r"^\+\d{6,15}$")


def export_rows(organization_id, filters, sort=None):
    """Lines of CSV text (header first) for the contacts matching ``filters``; custom fields as columns."""
    keys = [definition.key for definition in custom_field_definitions(organization_id)]
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush():
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow([*COLUMNS, *keys])
    yield "\ufeff" + flush()  # a BOM, so that Excel reads UTF-8
    query = contacts_query(organization_id, filters, sort or "created_at").execution_options(yield_per=BATCH)
    for batch in db.session.scalars(query).partitions(BATCH):
        for contact in batch:  # tags come with each batch (Contact.tag_rows loads "selectin")
            writer.writerow([_cell(value) for value in _row(contact, keys)])
        db.session.expunge_all()  # keep memory flat
        yield flush()


def _row(contact, keys):
    values = {name: getattr(contact, name) for name in COLUMNS}
    values["tags"] = ", ".join(contact.tags)
    custom = contact.custom_fields or {}
    return [*(values[name] for name in COLUMNS), *(custom.get(key) for key in keys)]


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
