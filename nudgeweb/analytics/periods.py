"""The period an analytics page or answer covers, in the business's time zone.

Counts are kept per hour of the business's clock (nudgeweb.analytics.counters); a period is whole local
days, turned into the UTC instants where they begin and end, so a day in New York, in Kolkata (+5:30) or
in Kathmandu (+5:45) is exactly that place's day.
"""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from nudgeweb.field_errors import FieldErrors

PERIODS = {"today": "Today", "7d": "Last 7 days", "30d": "Last 30 days", "month": "This month",
           "year": "This year", "custom": "Custom"}
ALIASES = {"week": "7d"}  # seed 001's name
DEFAULT_PERIOD = "30d"
MAX_DAYS = 366 * 2
FIRST_YEAR, LAST_YEAR = 2000, 2100


class PeriodError(FieldErrors):
    """A period that cannot be read; ``errors`` maps the parameter (period, start_date ...) to why."""


@dataclass(frozen=True)
class Period:
    key: str
    start: date  # the first local day
    end: date  # the last local day (included)
    zone: ZoneInfo

    @property
    def label(self):
        if self.key != "custom":
            return PERIODS[self.key]
        return f"{self.start:%d %b %Y} – {self.end:%d %b %Y}"

    @property
    def utc_start(self):
        return local_midnight(self.start, self.zone)

    @property
    def utc_end(self):
        """The instant after the period (the next local midnight)."""
        return local_midnight(self.end + timedelta(days=1), self.zone)

    @property
    def days(self):
        return [self.start + timedelta(days=n) for n in range((self.end - self.start).days + 1)]

    def query(self):
        """The parameters that give this period again (links, CSV downloads)."""
        if self.key == "custom":
            return {"period": "custom", "start_date": self.start.isoformat(), "end_date": self.end.isoformat()}
        return {"period": self.key}


def local_midnight(day, zone):
    return datetime.combine(day, time(0), zone).astimezone(timezone.utc)


def read_period(args, default_zone, today=None):
    """The Period of ``args`` (period, start_date, end_date, timezone); PeriodError names each bad one."""
    errors = {}
    zone = _zone(args.get("timezone") or default_zone or "UTC", errors)
    key = ALIASES.get(args.get("period") or "", args.get("period") or "")
    if not key:
        key = "custom" if args.get("start_date") or args.get("end_date") else DEFAULT_PERIOD
    if key not in PERIODS:
        errors["period"] = f"Unknown period {key!r}: one of {', '.join(PERIODS)}."
    if errors:
        raise PeriodError(errors)
    today = today or datetime.now(zone).date()
    if key == "custom":
        start, end = _date(args, "start_date", errors), _date(args, "end_date", errors)
        if not errors and end < start:
            errors["end_date"] = "The end date is before the start date."
        elif not errors and (end - start).days >= MAX_DAYS:
            errors["end_date"] = f"At most {MAX_DAYS} days from the start date."
        if errors:
            raise PeriodError(errors)
        return Period(key, start, end, zone)
    start = {"today": today, "7d": today - timedelta(days=6), "30d": today - timedelta(days=29),
             "month": today.replace(day=1), "year": today.replace(month=1, day=1)}[key]
    return Period(key, start, today, zone)


def _zone(name, errors):
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        errors["timezone"] = f"Unknown time zone {name!r}: an IANA name such as America/New_York."
        return None


def _date(args, name, errors):
    value = args.get(name)
    if not value:
        errors[name] = "Give a date (YYYY-MM-DD) for a custom period."
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        errors[name] = f"{value!r} is not a date (YYYY-MM-DD)."
        return None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        errors[name] = f"A date between {FIRST_YEAR} and {LAST_YEAR}."
        return None
    return day
