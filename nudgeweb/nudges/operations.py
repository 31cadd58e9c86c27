"""Employees and campaign periods: validate, create, change, start and end. Operations flush; the
unit of work of the page, API call or task that called them commits."""
import itertools
import re
import uuid
from datetime import date, time

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from nudgeweb import clock
from nudgeweb.contacts.fields import CONTROL_CHARACTERS, CONTROL_MESSAGE, normalize_email, normalize_phone
from nudgeweb.contacts.version import bump_version, version_changed
from nudgeweb.field_errors import FieldErrors
from nudgeweb.models import Membership, Organization, User, db
from nudgeweb.models.employees import (
    EMPLOYEE_CHANNELS,
    GOAL_KINDS,
    PERIOD_CHANNELS,
    SCHEDULE_KINDS,
    CampaignParticipant,
    CampaignPeriod,
    Employee,
    new_link_secret,
)
from nudgeweb.models.templates import MessageTemplate
from nudgeweb.nudges.schedule import zone_of
from nudgeweb.unit_of_work import in_unit_of_work

EMPLOYEE_TEXT_LIMITS = {"name": 200, "title": 100, "location": 100}
PERIOD_NAME_LIMIT = 200
MAX_GOAL = 10_000
MAX_EVERY_DAYS = 90
MAX_PERIOD_DAYS = 366
MAX_PARTICIPANTS = 1_000
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class EmployeeError(FieldErrors):
    """An employee's fields that cannot be used, each with its message."""


class PeriodError(FieldErrors):
    """A campaign period's fields that cannot be used, each with its message."""


# -- employees --------------------------------------------------------------------------------

def check_employee(organization, data, employee=None):
    """The employee's fields cleaned (only those given when ``employee`` exists); EmployeeError names every bad one."""
    clean, errors = {}, {}
    for name, limit in EMPLOYEE_TEXT_LIMITS.items():
        if name in data or (employee is None and name == "name"):
            _text(clean, errors, name, data.get(name), limit, required=name == "name")
    if "email" in data:
        clean["email"] = _address(errors, "email", data["email"], normalize_email, 254)
    if "phone" in data:
        clean["phone"] = _address(errors, "phone", data["phone"],
                                  lambda value: normalize_phone(value, organization.default_country), 40)
    if "preferred_channel" in data and data["preferred_channel"] is not None:
        if data["preferred_channel"] not in EMPLOYEE_CHANNELS:
            errors["preferred_channel"] = f"preferred_channel must be one of {', '.join(EMPLOYEE_CHANNELS)}."
        else:
            clean["preferred_channel"] = data["preferred_channel"]
    if "active" in data and data["active"] is not None:
        clean["active"] = bool(data["active"])
    if "user_id" in data:
        clean["user_id"] = _member(errors, organization.id, data["user_id"])
    email = clean.get("email", getattr(employee, "email", None))
    phone = clean.get("phone", getattr(employee, "phone", None))
    if not email and not phone and "email" not in errors and "phone" not in errors:
        errors["email"] = "Give an email address or a mobile phone number, so that nudges can reach them."
    channel = clean.get("preferred_channel", getattr(employee, "preferred_channel", None) or "email")
    if channel == "sms" and not phone and "phone" not in errors and "preferred_channel" not in errors:
        errors["preferred_channel"] = "Add a mobile phone number to nudge them by SMS."
    elif channel == "email" and not email and phone and "preferred_channel" not in errors:
        clean["preferred_channel"] = "sms"
    if errors:
        raise EmployeeError(errors)
    return clean


def _text(clean, errors, name, value, limit, required=False):
    value = " ".join(str(value).split()) if value is not None else ""
    if required and not value:
        errors[name] = f"{name.capitalize()} is required."
    elif len(value) > limit:
        errors[name] = f"{name.capitalize()} must be at most {limit} characters ({len(value)} given)."
    elif CONTROL_CHARACTERS.search(value):
        errors[name] = CONTROL_MESSAGE
    else:
        clean[name] = value or None


def _address(errors, name, value, normalize, limit):
    """An email or phone as stored (normalised), None when empty; a message in ``errors`` when bad."""
    value = (value or "").strip()
    if not value:
        return None
    if len(value) > limit:
        errors[name] = f"{name.capitalize()} must be at most {limit} characters."
        return None
    address, message = normalize(value)
    if message:
        errors[name] = message
    return address


def _member(errors, organization_id, user_id):
    """The id of a user of the organization (the team member the employee is), None for none."""
    if user_id in (None, ""):
        return None
    found = parse_uuid(user_id)
    if found is None or db.session.scalar(select(Membership.id).where(
            Membership.organization_id == organization_id, Membership.user_id == found)) is None:
        errors["user_id"] = "user_id must be a member of your team (Settings → Team)."
        return None
    return found


def team_members(organization_id):
    """(user id, name) of the organization's members, for the form."""
    return db.session.execute(select(User.id, User.name).join(Membership, Membership.user_id == User.id)
                              .where(Membership.organization_id == organization_id).order_by(User.name)).all()


def create_employee(organization, data):
    employee = Employee(organization_id=organization.id, **check_employee(organization, data))
    db.session.add(employee)
    db.session.flush()
    return employee


def update_employee(employee, data):
    for name, value in check_employee(employee_organization(employee), data, employee).items():
        setattr(employee, name, value)
    db.session.flush()
    return employee


def deactivate_employee(employee):
    """No more nudges; their history, credit and place on past leaderboards stay."""
    employee.active = False
    db.session.flush()


def delete_employee(employee):
    db.session.delete(employee)
    db.session.flush()
    nudges_changed(employee.organization_id)  # theirs went with them


def nudges_changed(organization_id):
    """Say that this unit of work added or deleted the organization's nudges (the API's totals are kept
    under that version)."""
    version_changed(organization_id, "nudges_version")


@event.listens_for(Session, "before_flush")
def _included_rows_changed(session, _flush_context, _instances):
    """A change to an employee, a campaign period or who takes part in one raises nudges_version too:
    the API keeps the resources a page of nudges includes under it (api/resources/nudges.py)."""
    changed = {row.organization_id for row in itertools.chain(session.new, session.dirty, session.deleted)
               if isinstance(row, (Employee, CampaignPeriod, CampaignParticipant))}
    for organization_id in changed:
        if in_unit_of_work():
            nudges_changed(organization_id)
        else:  # (a script's or a test's own session: raised at once)
            bump_version(organization_id, "nudges_version")


def employee_organization(row):
    return db.session.get(Organization, row.organization_id)


def parse_uuid(value):
    """``value`` as a UUID, or None when it is not one."""
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def active_employees(organization_id):
    return db.session.scalars(select(Employee).where(
        Employee.organization_id == organization_id, Employee.active.is_(True)).order_by(Employee.name)).all()


def employee_of(organization_id, employee_id):
    """The organization's employee with this id (a str or UUID), or None."""
    found = parse_uuid(employee_id)
    if found is None:
        return None
    return db.session.scalar(select(Employee).where(Employee.id == found, Employee.organization_id == organization_id))


# -- campaign periods ---------------------------------------------------------------------------

def check_period(organization, data, period=None):
    """The period's fields cleaned; PeriodError names every bad one. ``employee_ids`` (a list) are
    the participants, checked to be the organization's own."""
    clean, errors = {}, {}
    if "name" in data or period is None:
        _text(clean, errors, "name", data.get("name"), PERIOD_NAME_LIMIT, required=True)
    for name in ("starts_on", "ends_on"):
        if name in data or period is None:
            clean[name] = _date(errors, name, data.get(name))
    starts = clean.get("starts_on", getattr(period, "starts_on", None))
    ends = clean.get("ends_on", getattr(period, "ends_on", None))
    if starts and ends and "starts_on" not in errors and "ends_on" not in errors:
        if ends < starts:
            errors["ends_on"] = "The last day must be on or after the first day."
        elif (ends - starts).days >= MAX_PERIOD_DAYS:
            errors["ends_on"] = f"A period lasts at most {MAX_PERIOD_DAYS} days."
    _choice(clean, errors, data, "goal_kind", GOAL_KINDS)
    _choice(clean, errors, data, "channel", PERIOD_CHANNELS)
    _choice(clean, errors, data, "schedule_kind", SCHEDULE_KINDS)
    if "goal" in data:
        clean["goal"] = _whole(errors, "goal", data["goal"], 1, MAX_GOAL)
    if "every_days" in data and data["every_days"] not in (None, ""):
        clean["every_days"] = _whole(errors, "every_days", data["every_days"], 1, MAX_EVERY_DAYS)
    if "weekdays" in data:
        clean["weekdays"] = _weekdays(errors, data["weekdays"])
    if "send_time" in data:
        clean["send_time"] = _time(errors, data["send_time"])
    if "template_name" in data:
        clean["template_name"] = _template_name(errors, organization, data["template_name"])
    kind = clean.get("schedule_kind", getattr(period, "schedule_kind", None) or "weekdays")
    if kind == "weekdays" and not clean.get("weekdays", getattr(period, "weekdays", None)) and "weekdays" not in errors:
        errors["weekdays"] = "Choose at least one weekday for the nudges."
    if kind == "every_n_days" and not clean.get("every_days", getattr(period, "every_days", None)) \
            and "every_days" not in errors:
        errors["every_days"] = f"Say every how many days (1 to {MAX_EVERY_DAYS})."
    if "employee_ids" in data and data["employee_ids"] is not None:
        clean["employee_ids"] = _participants(errors, organization.id, data["employee_ids"])
    if errors:
        raise PeriodError(errors)
    return clean


def _date(errors, name, value):
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value or "").strip())
    except ValueError:
        errors[name] = f"{name} must be a date like 2026-03-01."
        return None


def _time(errors, value):
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)(:00)?", str(value or "").strip())
    if not match:
        errors["send_time"] = "send_time must be a local time like 09:30."
        return None
    return time(int(match.group(1)), int(match.group(2)))


def _choice(clean, errors, data, name, choices):
    if name in data and data[name] is not None:
        if data[name] not in choices:
            errors[name] = f"{name} must be one of {', '.join(choices)}."
        else:
            clean[name] = data[name]


def _whole(errors, name, value, low, high):
    try:
        number = int(value)
        if isinstance(value, float) and value != number or isinstance(value, bool):
            raise ValueError
    except (TypeError, ValueError):
        number = None
    if number is None or not low <= number <= high:
        errors[name] = f"{name} must be a whole number from {low} to {high}."
        return None
    return number


def _weekdays(errors, value):
    days = value if isinstance(value, list) else [value]
    try:
        days = sorted({int(day) for day in days if day not in (None, "")})
    except (TypeError, ValueError):
        days = None
    if days is None or any(not 0 <= day <= 6 for day in days):
        errors["weekdays"] = "weekdays are numbers from 0 (Monday) to 6 (Sunday)."
        return None
    return days


def _template_name(errors, organization, value):
    value = (value or "").strip()
    if not value:
        return None
    if len(value) > 100:
        errors["template_name"] = "template_name must be at most 100 characters."
        return None
    if not db.session.scalar(select(MessageTemplate.id).where(
            MessageTemplate.organization_id == organization.id, MessageTemplate.name == value)):
        errors["template_name"] = f"No template named {value!r}: choose one from Templates."
        return None
    return value


def _participants(errors, organization_id, ids):
    if not isinstance(ids, list) or len(ids) > MAX_PARTICIPANTS:
        errors["employee_ids"] = f"employee_ids must be a list of at most {MAX_PARTICIPANTS} employee ids."
        return None
    wanted = {parse_uuid(value) for value in ids}
    known = set(db.session.scalars(select(Employee.id).where(
        Employee.organization_id == organization_id, Employee.id.in_([w for w in wanted if w]))))
    if None in wanted or wanted - known:
        errors["employee_ids"] = "Some of these employees are not yours (or no longer exist)."
        return None
    return sorted(known, key=str)


def create_period(organization, data):
    clean = check_period(organization, data)
    employee_ids = clean.pop("employee_ids", None)
    if employee_ids is None:
        employee_ids = [employee.id for employee in active_employees(organization.id)]
    period = CampaignPeriod(organization_id=organization.id, status="draft", **clean)
    db.session.add(period)
    db.session.flush()
    set_participants(period, employee_ids)
    return period


def update_period(period, data):
    if period.status == "ended":
        raise PeriodError({"status": "This period has ended; start a new one."})
    clean = check_period(employee_organization(period), data, period)
    employee_ids = clean.pop("employee_ids", None)
    for name, value in clean.items():
        setattr(period, name, value)
    if employee_ids is not None:
        set_participants(period, employee_ids)
    db.session.flush()
    return period


def set_participants(period, employee_ids):
    """Exactly these employees take part; those who stay keep their link."""
    wanted = set(employee_ids)
    for participant in list(period.participants):
        if participant.employee_id not in wanted:
            period.participants.remove(participant)
    present = {participant.employee_id for participant in period.participants}
    for employee_id in sorted(wanted - present, key=str):
        period.participants.append(CampaignParticipant(organization_id=period.organization_id, employee_id=employee_id))
    db.session.flush()


def start_period(period, now=None):
    """Draft → active: the nudges go out from its first day (today's, if its time has not passed)."""
    now = now or clock.now()
    if period.status != "draft":
        raise PeriodError({"status": f"Only a draft can be started; this period is {period.status}."})
    if period.ends_on < now.astimezone(zone_of(employee_organization(period))).date():
        raise PeriodError({"ends_on": "This period's last day has passed: change its dates first."})
    if not period.participants:
        raise PeriodError({"employee_ids": "Choose who takes part first."})
    period.status = "active"
    db.session.flush()


def end_period(period):
    """No more nudges; the employees' links keep showing the final leaderboard for a while."""
    period.status = "ended"
    db.session.flush()


def periods_past_their_end(organization_id, now):
    """Active periods whose last day is over in the business's time zone."""
    organization = db.session.get(Organization, organization_id)
    today = now.astimezone(zone_of(organization)).date()
    return db.session.scalars(select(CampaignPeriod).where(
        CampaignPeriod.organization_id == organization_id, CampaignPeriod.status == "active",
        CampaignPeriod.ends_on < today)).all()


def participant(period, employee_id):
    return next((p for p in period.participants if p.employee_id == employee_id), None)


def revoke_link(participant):
    participant.link_secret = None
    db.session.flush()


def renew_link(participant):
    """A new link (the old one stops working): for a lost phone, or after a revocation."""
    participant.link_secret = new_link_secret()
    db.session.flush()


def employees_replied(organization_id, phone, stop):
    """An SMS reply STOP (``stop``) or START from ``phone``: its employees get no more SMS nudges, or again."""
    if not phone:
        return
    for employee in db.session.scalars(select(Employee).where(
            Employee.organization_id == organization_id, Employee.phone == phone)):
        employee.sms_opted_out_at = clock.now() if stop else None
    db.session.flush()


def period_of(organization_id, period_id):
    """The organization's campaign period with this id, or None."""
    found = parse_uuid(period_id)
    if found is None:
        return None
    return db.session.scalar(select(CampaignPeriod).where(
        CampaignPeriod.id == found, CampaignPeriod.organization_id == organization_id))
