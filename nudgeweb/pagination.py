"""One page of a list on a page of the app, and how to fetch it. The pager that shows it is
templates/components/pager.html. (The API pages in JSON:API's terms: api/params.py.)"""
from dataclasses import dataclass

from flask import request
from sqlalchemy import func, select

from nudgeweb.extensions import db
from nudgeweb.paging import page_number


@dataclass
class Page:
    """``items`` of page ``number`` (from 1) of ``size``. ``total`` is how many rows the list has
    (at least that many when not ``total_is_exact``), or None when the list is not counted: then
    ``more`` says whether a row lies past this page."""

    items: list
    number: int
    size: int
    total: int | None = None
    total_is_exact: bool = True
    more: bool = False

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_next(self):
        return self.more if self.total is None else self.number * self.size < self.total

    @property
    def last_page(self):
        """The number of the last page, when the total is known exactly."""
        return max(1, -(-self.total // self.size)) if self.total is not None and self.total_is_exact else None

    @property
    def past_the_end(self):
        """A page asked for beyond the last one (an old link, a typed number): not an empty list."""
        return not self.items and self.number > 1

    @property
    def first_number(self):
        return (self.number - 1) * self.size + 1 if self.items else 0

    @property
    def last_number(self):
        return self.first_number + len(self.items) - 1 if self.items else 0


def requested_page(name="page"):
    """The page number the query string asks for (1 when it asks for none, or nonsense; capped)."""
    return page_number(request.args.get(name))


def paginate(statement, number, size, count=True):
    """Page ``number`` of an ordered ORM select; ``count=False`` skips the COUNT and looks one row
    ahead instead, for lists where "older" is enough (no page numbers beyond this one)."""
    offset = (number - 1) * size
    if not count:
        rows = db.session.scalars(statement.limit(size + 1).offset(offset)).unique().all()
        return Page(rows[:size], number, size, more=len(rows) > size)
    total = db.session.scalar(select(func.count()).select_from(statement.order_by(None).subquery()))
    rows = db.session.scalars(statement.limit(size).offset(offset)).unique().all()
    return Page(rows, number, size, total)
