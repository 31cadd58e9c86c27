"""Audiences as SQL: the contact list page, exports, segments, bulk sends and campaigns all ask here.

Filters (every key optional; blank values are ignored):
  search          words that must all appear in name, email, phone or company (case-insensitive)
  status, source  one value or a list of values
  tag             one tag name or a list of names: contacts with any of them
  email, phone    exact match (normalised like the stored values)
  created_after   date or datetime (inclusive); created_before: date (inclusive) or datetime (exclusive), UTC
  segment_id      the saved segment's filters, combined with the others
The organization is filtered explicitly, so these queries are safe in Huey tasks and CLI commands.
read_filters() reads filter values as people and the API write them (text), naming each bad one.
"""
import re
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import false, func, select

from nudgeweb.contacts.fields import CONTROL_MESSAGE, has_control_characters, normalize_phone
from nudgeweb.models import db
from nudgeweb.models.contacts import CONTACT_SOURCES, CONTACT_STATUSES, Contact, Segment, Tag, contact_tags
from nudgeweb.pagination import Page
from nudgeweb.paging import page_number

# conditions() looks these up in the database (tag ids, a segment's saved filters).
FILTERS_LOOKED_UP = ("tag", "segment_id", "list_id")
FILTER_KEYS = ("search", "status", "tag", "source", "email", "phone", "created_after", "created_before", "segment_id",
               "list_id")
SORTABLE = ("created_at", "updated_at", "first_name", "last_name", "email", "phone", "company_name", "status", "source")
DEFAULT_SORT = "-created_at"


def clean_filters(filters):
    """The filters with blank values removed and only known keys kept (what URLs and segments store)."""
    cleaned = {}
    for key in FILTER_KEYS:
        value = (filters or {}).get(key)
        if isinstance(value, (list, tuple)):
            value = [item for item in value if item not in (None, "")]
        if value not in (None, "", []):
            cleaned[key] = value
    return cleaned


LIST_FILTERS = {"status": CONTACT_STATUSES, "source": CONTACT_SOURCES, "tag": None}  # (the values allowed)
MOMENT_MESSAGE = "Use an ISO 8601 date or time, like 2026-01-31 or 2026-01-31T09:00:00Z."


def read_filters(filters, country):
    """({name: value as conditions() takes it}, {name: message}) for filter values written as text
    (a list of texts for status, source and tag, or one comma-separated text): statuses and sources
    must be known ones, created_after/created_before ISO 8601 dates or times, and a phone is read
    as a contact's phone is, numbers without +code as ``country``'s; no value may hold control
    characters. Blank values are left out."""
    read, errors = {}, {}
    for name, value in filters.items():
        if value is None or value == [] or (isinstance(value, str) and not value.strip()):
            continue
        value, error = _read_filter(name, value, country)
        if error:
            errors[name] = error
        else:
            read[name] = value
    return read, errors


def _read_filter(name, value, country):
    """(value, None) or (None, message) for one filter value of read_filters."""
    if not (isinstance(value, str) or name in LIST_FILTERS and isinstance(value, list)
            and all(isinstance(item, str) for item in value)):
        return None, "Give a text, or a list of texts." if name in LIST_FILTERS else "Give a text."
    if has_control_characters(value):  # (no contact holds them, and PostgreSQL refuses NUL)
        return None, CONTROL_MESSAGE
    if name in LIST_FILTERS:
        return _read_list(name, value)
    if name in ("created_after", "created_before"):
        return _read_moment(value)
    if name == "phone":
        return normalize_phone(value.strip(), country)
    if name in ("segment_id", "list_id") and _uuid(value.strip()) is None:
        return None, f"Give a {name[:-3]}'s id (a UUID)."
    return value, None


def _read_list(name, value):
    values = [item.strip() for item in (value if isinstance(value, list) else value.split(",")) if item.strip()]
    allowed = LIST_FILTERS[name]
    wrong = [item for item in values if allowed and item not in allowed]
    if wrong:
        return None, f"Unknown {name} {', '.join(wrong)}; use {', '.join(allowed)}."
    return values, None


def _read_moment(value):
    try:
        return _parse_moment(value.strip()), None
    except ValueError:
        return None, MOMENT_MESSAGE


def parse_sort(sort):
    """("column", descending) from "-created_at" / "last_name"; unknown columns give the default."""
    sort = (sort or DEFAULT_SORT).strip()
    column = sort.lstrip("-")
    if column not in SORTABLE:
        return parse_sort(DEFAULT_SORT)
    return column, sort.startswith("-")


def order_by(sort):
    column, descending = parse_sort(sort)
    columns = (getattr(Contact, column), Contact.id)
    return [c.desc() for c in columns] if descending else [c.asc() for c in columns]


def contacts_query(organization_id, filters, sort=None):
    """A Select of the organization's contacts matching ``filters`` (see the module docstring)."""
    query = select(Contact).where(Contact.organization_id == organization_id, *conditions(organization_id, filters))
    return query.order_by(*order_by(sort))


def matching_ids(organization_id, filters):
    """The ids of the organization's contacts matching ``filters``, as a Select that other statements
    use inside ``Contact.id.in_(...)`` (so it never correlates with their own contacts table)."""
    return select(Contact.id).where(
        Contact.organization_id == organization_id, *conditions(organization_id, filters)
    ).correlate(None)


def segment_query(segment, sort=None):
    """The contacts of a saved segment, as a Select."""
    return contacts_query(segment.organization_id, segment.filters or {}, sort)


def conditions(organization_id, filters):
    """The WHERE conditions for ``filters`` (without the organization's own)."""
    filters = clean_filters(filters)
    found = []
    if "segment_id" in filters:
        segment = db.session.scalar(
            select(Segment).where(Segment.id == _uuid(filters["segment_id"]), Segment.organization_id == organization_id)
        )
        if segment is None:
            return [false()]  # an unknown or foreign segment matches nobody
        found += conditions(organization_id, {k: v for k, v in segment.filters.items() if k != "segment_id"})
    if "search" in filters:
        found += _search_conditions(str(filters["search"]))
    for key in ("status", "source"):
        if key in filters:
            found.append(getattr(Contact, key).in_(_as_list(filters[key])))
    if "tag" in filters:
        names = [str(name).lower() for name in _as_list(filters["tag"])]
        tag_ids = list(db.session.scalars(
            select(Tag.id).where(Tag.organization_id == organization_id, func.lower(Tag.name).in_(names))
        ))
        if not tag_ids:
            return [false()]
        # EXISTS probes the (tag_id, contact_id) key per row, so a page in any sort order stops early.
        found.append(
            select(contact_tags.c.contact_id)
            .where(contact_tags.c.contact_id == Contact.id, contact_tags.c.tag_id.in_(tag_ids))
            .exists()
        )
    if "list_id" in filters:
        found.append(_in_list(organization_id, filters["list_id"]))
    if "email" in filters:
        found.append(Contact.email == str(filters["email"]).strip().lower())
    if "phone" in filters:
        found.append(Contact.phone == _phone_digits(filters["phone"]))
    if "created_after" in filters:
        found.append(Contact.created_at >= _moment(filters["created_after"]))
    if "created_before" in filters:
        found.append(Contact.created_at < _moment(filters["created_before"], end_of_day=True))
    return found


def _in_list(organization_id, list_id):
    from nudgeweb.models.campaigns import ListMembership

    list_uuid = _uuid(list_id)
    if list_uuid is None:
        return false()
    return Contact.id.in_(select(ListMembership.contact_id).where(
        ListMembership.organization_id == organization_id, ListMembership.list_id == list_uuid,
        ListMembership.status == "subscribed"))


def _search_conditions(search):
    digits = re.sub(r"[\s().-]", "", search)
    if len(digits) >= 3 and re.fullmatch(r"\+?\d+", digits):
        words = [digits.lstrip("+")]  # a phone number as people write it: "415 200", "(415) 200-1234"
    else:
        words = search.lower().split()
    found = []
    for word in words[:8]:
        digits = re.sub(r"[\s().-]", "", word)
        if len(digits) >= 3 and re.fullmatch(r"\+?\d+", digits):
            word = digits.lstrip("+")
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        found.append(Contact.search_text.like(pattern, escape="\\"))
    return found


def count_matching(query, limit=None):
    """How many rows ``query`` returns; with ``limit``, counting stops there (min(count, limit))."""
    inner = query.order_by(None).with_only_columns(Contact.id)
    if limit is not None:
        inner = inner.limit(limit)
    return db.session.scalar(select(func.count()).select_from(inner.subquery()))


def _as_list(value):
    return list(value) if isinstance(value, (list, tuple, set)) else [value]


def _uuid(value):
    import uuid

    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError:
        return None


def _phone_digits(value):
    value = re.sub(r"[^\d+]", "", str(value))
    return value if value.startswith("+") else f"+{value}"


def _parse_moment(text):
    """A date, or a datetime when ``text`` has a time (ISO 8601); ValueError for anything else."""
    return datetime.fromisoformat(text.replace("Z", "+00:00")) if "T" in text else date.fromisoformat(text)


def _moment(value, end_of_day=False):
    """An aware UTC datetime from a date, datetime or ISO string; a date's end is the next midnight."""
    if isinstance(value, str):
        value = _parse_moment(value.strip())
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    moment = datetime.combine(value, time.min, tzinfo=timezone.utc)
    return moment + timedelta(days=1) if end_of_day else moment


__all__ = ["contacts_query", "segment_query", "conditions", "count_matching", "clean_filters", "parse_sort", "read_filters",
           "FILTER_KEYS", "SORTABLE"]


COUNT_LIMIT = 1_000
# Filters that an index counts quickly at any size; others (search, tags) count up to COUNT_LIMIT.
CHEAP_TO_COUNT = {"status", "source", "created_after", "created_before"}


def list_contacts(organization_id, filters, sort=None, page=1, per_page=25, count_limit=COUNT_LIMIT):
    """A page of contacts and how many match, in at most two index-friendly queries; only the
    page's rows are then loaded whole.

    Whole-organization and index-countable filters get an exact count. Search and tags can't be
    counted by an index: their first ``count_limit + 1`` matches are found in any order (for a
    search, by scanning the narrow search index rather than walking a sort index and looking up
    every row, which takes seconds' worth of lookups when few rows match). Up to ``count_limit``
    matches, that is the exact count and the page is sorted from them; beyond it the count is "more
    than 1,000" and the page is read in order, which is quick because matches are then plentiful.
    """
    page = page_number(page)
    offset = (page - 1) * per_page
    matching = matching_ids(organization_id, filters)
    if set(clean_filters(filters)) <= CHEAP_TO_COUNT:
        ids, total, exact = _page_and_count(matching, sort, offset, per_page)
    else:
        first = list(db.session.scalars(matching.limit(count_limit + 1)))
        if len(first) <= count_limit:
            ids, total, exact = _sorted_page(first, sort, offset, per_page), len(first), True
        else:
            ids = list(db.session.scalars(matching.order_by(*order_by(sort)).limit(per_page + 1).offset(offset)))
            total, exact = max(count_limit, offset + len(ids)), False
            ids = ids[:per_page]
    rows = {c.id: c for c in db.session.scalars(select(Contact).where(Contact.id.in_(ids)))} if ids else {}
    return Page([rows[i] for i in ids if i in rows], page, per_page, total, exact)


def _page_and_count(matching, sort, offset, per_page):
    """(ids of the page, exact count, True) for filters an index counts; the last page counts itself."""
    ids = list(db.session.scalars(matching.order_by(*order_by(sort)).limit(per_page + 1).offset(offset)))
    has_more, ids = len(ids) > per_page, ids[:per_page]
    if not has_more and (ids or offset == 0):
        return ids, offset + len(ids), True
    return ids, db.session.scalar(select(func.count()).select_from(matching.subquery())), True


def _sorted_page(ids, sort, offset, per_page):
    """The page at ``offset`` of the contacts ``ids`` (a few hundred at most) in ``sort`` order."""
    if not ids:
        return []
    return list(db.session.scalars(
        select(Contact.id).where(Contact.id.in_(ids)).order_by(*order_by(sort)).limit(per_page).offset(offset)
    ))
