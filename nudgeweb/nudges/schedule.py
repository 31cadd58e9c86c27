"""When a period's nudges are due: its slots, in the business's local time, stored in UTC."""
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# A slot missed by at most this much (the consumer was down) still goes out; older ones are dropped,
# so that starting a period in the afternoon does not send the morning's reminder.
CATCH_UP = timedelta(hours=6)


def zone_of(organization):
    try:
        return ZoneInfo(organization.timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return timezone.utc


def period_bounds(period, zone):
    """(start, end) of the period in UTC: from the first day's midnight to the midnight after the last."""
    start = datetime.combine(period.starts_on, time(0), tzinfo=zone)
    end = datetime.combine(period.ends_on + timedelta(days=1), time(0), tzinfo=zone)
    return start.astimezone(timezone.utc), end.astimezone(timezone.utc)


def is_slot_day(period, day):
    if not period.starts_on <= day <= period.ends_on:
        return False
    if period.schedule_kind == "every_n_days":
        return (day - period.starts_on).days % max(period.every_days or 1, 1) == 0
    return day.weekday() in (period.weekdays or [])


def slot_on(period, day, zone):
    return datetime.combine(day, period.send_time, tzinfo=zone).astimezone(timezone.utc)


def due_slot(period, zone, now):
    """The latest slot at or before ``now`` and within CATCH_UP of it, or None."""
    first = (now - CATCH_UP).astimezone(zone).date()
    day = now.astimezone(zone).date()
    while day >= first:
        if is_slot_day(period, day):
            slot = slot_on(period, day, zone)
            if now - CATCH_UP <= slot <= now:
                return slot
        day -= timedelta(days=1)
    return None


def next_slot(period, zone, now, horizon_days=400):
    """The first slot after ``now``, or None when the period has no more."""
    day = max(now.astimezone(zone).date(), period.starts_on)
    for _ in range(horizon_days):
        if day > period.ends_on:
            return None
        if is_slot_day(period, day) and slot_on(period, day, zone) > now:
            return slot_on(period, day, zone)
        day += timedelta(days=1)
    return None
