"""Quiet hours: no message during a local-time window (e.g. SMS 21:00–08:00); it waits until the end."""
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def recipient_zone(contact, organization):
    """The contact's own time zone when known, else the business's."""
    for name in (getattr(contact, "timezone", None), getattr(organization, "timezone", None)):
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return timezone.utc


def _in_window(moment, start, end):
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end  # the window spans midnight


def end_of_quiet_hours(when, zone, window):
    """The UTC time the message may go if ``when`` falls in quiet hours, else None.

    ``window`` is (start, end) local times, or None for no quiet hours.
    """
    if window is None:
        return None
    start, end = window
    local = when.astimezone(zone)
    if not _in_window(local.time(), start, end):
        return None
    release = datetime.combine(local.date(), end, tzinfo=zone)
    if release <= local:
        release += timedelta(days=1)
    return release.astimezone(timezone.utc)
