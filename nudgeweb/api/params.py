"""List parameters: ``filter[...]``, ``sort``, ``include``, ``fields[type]`` and ``page[...]``.

A resource describes what its list accepts with a ``ListSpec``; ``parse_list_params`` reads the
query string against it (an unknown filter, sort or include name is a 400 that names it) and
``paginate`` runs a SELECT page by page number (with ``meta.page`` and first/last/next/prev
links, as seed 004) or by cursor (``links.next`` and ``meta.has_more``, as seed 001).
"""
import base64
import functools
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import quote_plus, urlencode

import orjson
from flask import g, request
from sqlalchemy import Uuid, and_, bindparam, false, func, or_, select, tuple_

from nudgeweb.api.errors import ApiError, bad_parameter, error_object
from nudgeweb.api.prepared import prepared, remembered
from nudgeweb.api_request import is_v2_request
from nudgeweb.extensions import db
from nudgeweb.models import Organization

DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 100
_FAMILY = re.compile(r"^(filter|fields|page)\[([^\]]*)\]$")


@dataclass(frozen=True)
class ListSpec:
    """What a list endpoint accepts. ``filters`` and ``includes`` map names to descriptions;
    ``sorts`` maps names to columns (the resource's id column breaks ties)."""

    filters: dict = field(default_factory=dict)
    sorts: dict = field(default_factory=dict)
    default_sort: str = "-created_at"
    includes: dict = field(default_factory=dict)
    id_column: object = None
    aliases: dict = field(default_factory=dict)  # top-level parameter -> filter name, e.g. search


@dataclass
class ListParams:
    filters: dict
    sort: list  # [(name, descending)]
    include: list
    fields: dict  # type -> set of attribute names
    number: int | None
    size: int
    cursor: str | None

    @property
    def uses_cursor(self):
        return self.cursor is not None


def parse_list_params(spec: ListSpec, resource_type=None, args=None) -> ListParams:
    """The list parameters of this request; one 400 names every bad one (``resource_type``: the
    listed ResourceType, whose attributes ``fields[type]`` may name)."""
    args = request.args if args is None else args
    problems = []
    filters, fields, page = {}, {}, {}
    for name in args:
        value = args.get(name)
        match = _FAMILY.match(name)
        if name in _FAMILY_NAMES:
            problems.append(_bare_family(name))
        elif name in spec.aliases:
            filters.setdefault(spec.aliases[name], value)
        elif match and match.group(1) == "filter":
            if match.group(2) not in spec.filters:
                problems.append((name, f"Unknown filter {match.group(2)!r}. Known filters: {_names(spec.filters)}."))
            else:
                filters[match.group(2)] = value
        elif match and match.group(1) == "fields":
            fields[match.group(2)] = _field_names(value)
        elif match and match.group(1) == "page":
            if match.group(2) not in ("number", "size", "cursor"):
                problems.append((name, "Unknown page parameter. Use page[number], page[size] or page[cursor]."))
            page[match.group(2)] = value
    sort = _parse_sort(spec, args.get("sort"), problems)
    include = _parse_include(spec.includes, args, problems)
    size = _int_param(page, "size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE, problems)
    number = _int_param(page, "number", None, 1, 10**9, problems)
    cursor = page.get("cursor")
    if cursor is None and number is None and is_v2_request():
        cursor = ""  # seed 001 pages by cursor unless a page number is asked for
    if cursor is not None and number is not None:
        problems.append(("page[cursor]", "Use page[cursor] or page[number], not both."))
    _check_sparse_fields(fields, resource_type, problems)
    _raise_problems(problems)
    return ListParams(filters, sort, include, fields, number, size, cursor)


def parse_document_params(resource_type):
    """``fields[type]`` of a response holding one resource (sparse fieldsets apply to it as to a
    list): a 400 for an ``include`` (no single resource has related ones yet), or a filter, sort
    or page asked of it."""
    args = request.args
    problems, fields = [], {}
    for name in args:
        match = _FAMILY.match(name)
        if name in _FAMILY_NAMES:
            problems.append(_bare_family(name))
        elif match and match.group(1) == "fields":
            fields[match.group(2)] = _field_names(args.get(name))
        elif match or name == "sort":
            problems.append((name, f"{name} applies to lists; this answers with one resource."))
    g.document_include = _parse_include(getattr(resource_type, "includes", None) or {}, args, problems)
    _check_sparse_fields(fields, resource_type, problems)
    _raise_problems(problems)
    return fields


def _check_sparse_fields(fields, resource_type, problems):
    """What ``fields[type]`` asks of ``resource_type`` that it does not have."""
    wanted = fields.get(getattr(resource_type, "type", None)) if fields else None
    if not wanted or resource_type.relationships is not None:
        return  # (relationship names are fields too, and only known row by row)
    unknown = sorted(wanted - resource_type.attribute_names)
    if unknown:
        problems.append((f"fields[{resource_type.type}]",
                         f"Unknown field {', '.join(map(repr, unknown))}. Known fields: "
                         f"{', '.join(sorted(resource_type.attribute_names))}."))


_FAMILY_NAMES = ("filter", "fields", "page")


def _bare_family(name):
    example = {"filter": "filter[status]=subscribed", "fields": "fields[contacts]=email,first_name",
               "page": "page[number]=2"}[name]
    return name, f"{name} takes a name in brackets, like {example}."


def _field_names(value):
    return {name.strip() for name in value.split(",") if name.strip()}


def _parse_include(includes, args, problems):
    include = [name.strip() for name in (args.get("include") or "").split(",") if name.strip()]
    unknown = [name for name in include if name not in includes]
    if unknown:
        problems.append(("include", f"Unknown include {', '.join(map(repr, unknown))}. "
                                    f"Known includes: {_names(includes)}."))
    return include


def _raise_problems(problems):
    if problems:
        raise ApiError(400, errors=[
            error_object(400, detail, "ERR_INVALID_PARAMETER", "Invalid query parameter", parameter=parameter)
            for parameter, detail in problems
        ])


def _names(mapping):
    return ", ".join(sorted(mapping)) or "none"


def _parse_sort(spec, value, problems):
    value = spec.default_sort if value is None else value
    sort, unknown = [], []
    for part in (p.strip() for p in value.split(",")):
        if not part:
            continue
        name = part.removeprefix("-")
        if name not in spec.sorts:
            unknown.append(name)
        elif name not in [n for n, _ in sort]:
            sort.append((name, part.startswith("-")))
    if unknown:
        problems.append(("sort", f"Unknown sort field {', '.join(map(repr, unknown))}. "
                                 f"Sortable fields: {_names(spec.sorts)}."))
    return sort


def _int_param(page, name, default, low, high, problems):
    if name not in page:
        return default
    try:
        number = int(page[name])
    except (TypeError, ValueError):
        number = None
    if number is None or not low <= number <= high:
        problems.append((f"page[{name}]", f"page[{name}] must be a whole number from {low} to {high}."))
        return default
    return number


# -- running a page ---------------------------------------------------------------------------

@dataclass
class Page:
    rows: list
    links: dict
    meta: dict


def paginate(statement, spec: ListSpec, params: ListParams, scalars=True, count=None) -> Page:
    """Order ``statement`` by the requested sort, then fetch one page of it.

    ``scalars=False``: ``statement`` selects columns of rows that filter their organization
    themselves; it runs straight on the session's connection (no ORM objects, no per-statement
    scoping options to build), and the page holds plain rows. ``count(statement)`` may answer
    the total of a numbered page (a cached count, say) instead of a COUNT query.
    """
    columns = [(spec.sorts[name], descending) for name, descending in params.sort]
    columns.append((spec.id_column, any(d for _, d in columns[-1:])))
    ordered = statement.order_by(None).order_by(*[c.desc() if d else c.asc() for c, d in columns])
    if params.uses_cursor:
        page = _cursor_page(ordered, columns, params, scalars)
        if is_v2_request():  # seed 001's meta.total, on every page
            page.meta["total"] = (count or count_rows)(statement, scalars)
        return page
    return _number_page(statement, ordered, params, scalars, count)


@dataclass(frozen=True)
class Version:
    """A version counter of an organization (a column of organizations such as ``contacts_version``,
    contacts/version.py) that changes in the same transaction as any write to what a list shows."""

    organization_id: object
    column: str

    def value(self):
        """Its value as a SQL expression, to be read beside a page's rows."""
        table = Organization.__table__
        return select(table.c[self.column]).where(
            table.c.id == bindparam("version_organization", self.organization_id, type_=table.c.id.type)
        ).scalar_subquery().label(VERSION_LABEL)

    def read(self):
        """Its value, read by itself (for a page with no rows to read it beside)."""
        statement = prepared(("organization_version", self.column), lambda: select(self.value()))
        return statement.rows(version_organization=self.organization_id)[0][0]


VERSION_LABEL = "page_version"  # the column of a prepared page's rows that holds the Version read with them


def paginate_prepared(key, build, spec: ListSpec, params: ListParams, version: Version | None = None) -> Page:
    """As ``paginate`` for a hot list of columns, run as ``prepared`` statements.

    ``build()`` gives the statement (columns of rows that filter their organization themselves);
    it is called only when ``key`` is new, so ``key`` must name everything the statement is made
    of (the organization, the filters), and building it must read nothing from the database.
    ``version``, when given, changes whenever the rows may have: a page that needs the total (a
    numbered page, and seed 001's meta.total on every page) reads it in the same statement as its
    rows, and the total is counted once per version (after the version is read, so that a count is
    never kept under a newer version than the rows it counted).
    """
    columns = [(spec.sorts[name], descending) for name, descending in params.sort]
    columns.append((spec.id_column, any(d for _, d in columns[-1:])))
    order = lambda: [c.desc() if d else c.asc() for c, d in columns]  # noqa: E731  (built with a new statement only)
    sort = tuple(params.sort)
    wants_total = not params.uses_cursor or is_v2_request()
    versioned = version is not None and wants_total
    counting = prepared((*key, "count"), lambda: select(func.count()).select_from(
        build().order_by(None).with_only_columns(spec.id_column).subquery()))

    def with_version(statement):
        return statement.add_columns(version.value()) if versioned else statement

    def total(rows):
        if version is None:
            return counting.rows()[0][0]
        current = getattr(rows[0], VERSION_LABEL) if rows else version.read()
        return remembered((*key, "count", current), lambda: counting.rows()[0][0])

    if params.uses_cursor:
        values = decode_cursor(params.cursor, params.sort, len(columns)) if params.cursor else None
        shape = None if values is None else tuple(v is None for v in values)

        def build_page():
            statement = with_version(build().order_by(None).order_by(*order()))
            if values is not None:
                binds = [None if v is None else bindparam(f"cursor_{i}", v, type_=c.type)
                         for i, ((c, _), v) in enumerate(zip(columns, values))]
                statement = statement.where(_after(columns, binds, _nulls_sort_low()))
            return statement.limit(_literal_limit(params.size + 1))

        page = prepared((*key, sort, params.size, "cursor", shape, versioned), build_page)
        rows = page.rows(**{f"cursor_{i}": v for i, v in enumerate(values or ()) if v is not None})
        result = _cursor_result(rows, columns, params, False)
        if wants_total:  # seed 001's meta.total, on every page
            result.meta["total"] = total(rows)
        return result
    number, size = params.number or 1, params.size

    def build_page():
        # The page's ids first (the rows before it are skipped in an index), then only the page's
        # own rows are read, by primary key, with what their columns look up (a contact's tags).
        statement = build().order_by(None)
        ids = (statement.with_only_columns(spec.id_column).order_by(*order())
               .limit(_literal_limit(size)).offset(bindparam("page_offset", 0)).correlate(None))
        return with_version(select(*statement.selected_columns)).where(spec.id_column.in_(ids)).order_by(*order())

    page = prepared((*key, sort, size, "number", versioned), build_page)
    rows = page.rows(page_offset=(number - 1) * size)
    return _number_result(rows, number, size, total(rows))


def _literal_limit(size):
    """A prepared page's LIMIT, written into its SQL (the size is part of its key): PostgreSQL's
    generic plan for a LIMIT it cannot see expects a tenth of the table, and hashes all of it."""
    return bindparam("page_limit", size, literal_execute=True)


def _fetch(statement, scalars):
    if scalars:
        return list(db.session.execute(statement).scalars())
    return db.session.connection().execute(statement).all()


def count_rows(statement, scalars=True):
    """How many rows ``statement`` gives (run as ``_fetch`` runs it)."""
    counting = select(func.count()).select_from(statement.order_by(None).subquery())
    if scalars:
        return db.session.scalar(counting)
    return db.session.connection().execute(counting).scalar_one()


def _number_page(statement, ordered, params, scalars, count=None):
    number, size = params.number or 1, params.size
    total = (count or count_rows)(statement, scalars)
    rows = _fetch(ordered.limit(size).offset((number - 1) * size), scalars)
    return _number_result(rows, number, size, total)


def _number_result(rows, number, size, total):
    pages = max(1, -(-total // size))
    links = {
        "self": page_url(number=number, size=size),
        "first": page_url(number=1, size=size),
        "last": page_url(number=pages, size=size),
        "next": page_url(number=number + 1, size=size) if number < pages else None,
        "prev": page_url(number=min(number - 1, pages), size=size) if number > 1 else None,
    }
    meta = {"page": {"number": number, "size": size, "total_records": total, "total_pages": pages}}
    return Page(rows, links, meta)


def _cursor_page(ordered, columns, params, scalars):
    if params.cursor:
        values = decode_cursor(params.cursor, params.sort, len(columns))
        ordered = ordered.where(_after(columns, values, _nulls_sort_low()))
    return _cursor_result(_fetch(ordered.limit(params.size + 1), scalars), columns, params, scalars)


def _cursor_result(rows, columns, params, scalars):
    has_more = len(rows) > params.size
    rows = rows[: params.size]
    next_cursor = encode_cursor(_row_values(rows[-1], columns, scalars), params.sort) if has_more else None
    links = {
        "self": page_url(cursor=params.cursor, size=params.size),
        "next": page_url(cursor=next_cursor, size=params.size) if has_more else None,
    }
    return Page(rows, links, {"has_more": has_more, "page": {"size": params.size, "next_cursor": next_cursor}})


def _nulls_sort_low():
    """Whether the database sorts NULL before every value (SQLite) or after (PostgreSQL)."""
    return db.session.get_bind().dialect.name != "postgresql"


def _nullable(column):
    return getattr(getattr(column, "expression", column), "nullable", True)


def _after(columns, values, nulls_low):
    """The keyset condition 'strictly after these sort values' in the index's own order.

    Non-null columns sorted one way compare as a row value, which both databases answer from
    an index; otherwise the condition is spelled out column by column, NULLs where the database
    puts them.
    """
    directions = {descending for _, descending in columns}
    if len(directions) == 1 and not any(v is None for v in values) and not any(_nullable(c) for c, _ in columns[:-1]):
        left, right = tuple_(*[c for c, _ in columns]), tuple_(*values)
        return left < right if directions == {True} else left > right
    return _after_by_column(columns, values, nulls_low)


def _after_by_column(columns, values, nulls_low):
    (column, descending), value = columns[0], values[0]
    rest = _after_by_column(columns[1:], values[1:], nulls_low) if len(columns) > 1 else None
    nulls_come_first = nulls_low != descending
    tie = column.is_(None) if value is None else column == value
    if value is None:
        beyond = column.is_not(None) if nulls_come_first else None
    else:
        beyond = column < value if descending else column > value
        if not nulls_come_first and _nullable(column):
            beyond = or_(beyond, column.is_(None))
    options = [c for c in (beyond, and_(tie, rest) if rest is not None else None) if c is not None]
    return or_(*options) if options else false()


def _row_values(row, columns, scalars):
    """The row's values of the sort columns, typed as the columns are (a prepared row has its
    UUIDs as text)."""
    values = []
    for column, _ in columns:
        key = column.key
        value = row._mapping[key] if not scalars and hasattr(row, "_mapping") else getattr(row, key)
        if isinstance(value, str) and _holds_uuids(column):
            value = uuid.UUID(value)
        values.append(value)
    return values


@functools.cache
def _holds_uuids(column):
    return isinstance(column.type, Uuid)  # (an ORM attribute finds its type in microseconds)


def _sort_text(sort):
    return ",".join(f"-{name}" if descending else name for name, descending in sort)


def encode_cursor(values, sort):
    """The page's last sort values, and the sort they belong to: a cursor of another sort would
    page through the rows from a meaningless place."""
    def plain(value):
        if isinstance(value, datetime):
            return {"t": value.isoformat()}
        if isinstance(value, uuid.UUID):
            return {"u": str(value)}
        return value

    raw = orjson.dumps([_sort_text(sort), *(plain(v) for v in values)])
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor, sort, count):
    def typed(value):
        if isinstance(value, dict) and "t" in value:
            return datetime.fromisoformat(value["t"])
        if isinstance(value, dict) and "u" in value:
            return uuid.UUID(value["u"])
        if value is None or isinstance(value, (str, int, float)):
            return value
        raise ValueError

    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        cursor_sort, *values = orjson.loads(raw)
        values = [typed(v) for v in values]
        if len(values) != count:
            raise ValueError
    except (ValueError, TypeError):  # orjson.JSONDecodeError and binascii.Error are ValueErrors
        raise bad_parameter("page[cursor]", "This cursor is not valid here. Use links.next of the previous page.")
    if cursor_sort != _sort_text(sort):
        raise bad_parameter("page[cursor]", f"This cursor pages through sort={cursor_sort}: ask with that sort, "
                                            "or start again without page[cursor].")
    return values


def page_url(**page):
    """This request's URL with its page parameters replaced."""
    base, query = _url_without_page()
    extra = "&".join(f"{_PAGE_KEYS[name]}={quote_plus(str(value))}" for name, value in page.items() if value is not None)
    query = f"{query}&{extra}" if query and extra else query or extra
    return f"{base}?{query}" if query else base


_PAGE_KEYS = {name: quote_plus(f"page[{name}]") for name in ("number", "size", "cursor")}


def _url_without_page():
    """(base URL, encoded query without page parameters) of this request, worked out once."""
    found = g.get("url_without_page")
    if found is None:
        args = [(k, v) for k, v in request.args.items(multi=True) if not k.startswith("page[")]
        found = g.url_without_page = (request.base_url, urlencode(args))
    return found
