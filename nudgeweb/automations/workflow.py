"""An automation's trigger and steps: what each may say, read into one normalized form.

The words are seed 001's (the Welcome Series and Abandoned Cart Recovery examples are accepted as
they stand); the normalized form is what the engine, the builder and the API all read.

Trigger (``{"type": ..., "event_name"?: ..., "conditions": {...}}``):

- ``contact_subscribed``: conditions ``{"list_id"?}`` (a list's subscription, else any subscription)
- ``contact_created``
- ``tag_added``: conditions ``{"tag": "vip"}``
- ``custom_event``: ``event_name``; conditions ``{"properties": {"plan": "pro", "total": {"gte": 100}}}``
- ``review_clicked``
- ``review_rated``: conditions ``{"rating": {"lte": 2}}`` (or a bare number: that rating exactly)
- ``date``: conditions ``{"field": "birthday", "time": "09:00"}``: every year on the contact's
  date field, at that local time in the business's time zone
- ``manual``: only by hand or through the API (any automation can also be entered that way)

A property condition is a value (equal to it) or an object with one operator: eq, ne, gt, gte, lt,
lte, contains, exists.

Steps (each a dict with ``id`` and ``type``; any step may carry a ``delay`` to wait before it runs):

- ``send_email`` / ``send_sms``: ``template_id`` or ``campaign_id``; ``subject`` (email, optional:
  overrides the template's or campaign's)
- ``wait``: ``delay`` ("immediate", "1 hour", "2 days", "30 minutes", "1 week") or
  ``until`` ``{"weekday"?: "monday", "time": "09:00"}`` (the next such local time)
- ``wait_for_event``: ``event`` (a custom event's name, or ``review_clicked`` / ``review_rated``),
  ``timeout`` (a delay), ``on_event`` and ``on_timeout`` (branches)
- ``condition``: ``if`` one of ``{"event": name}`` (since enrolment), ``{"tag": name}``,
  ``{"list_id": id}``, ``{"field": key, "operator"?: op, "value"?: v}``; ``then`` and ``else`` (branches)
- ``add_tag`` / ``remove_tag``: ``tag``; ``add_to_list`` / ``remove_from_list``: ``list_id``
- ``notify_team``: ``subject``, ``message`` (an email to the organization's owners)
- ``exit``

A branch is ``"continue"`` (the next step), ``"exit"``, or a later or earlier step's ``id``.

``normalize(data)`` reads a request body's ``trigger``, ``workflow.steps`` and ``entry_rule`` and
returns ``(automation_fields, errors)``; each error is ``(pointer, message)`` with a JSON pointer into
the body (``/workflow/steps/2/delay``). ``check_references`` adds the errors that need the database:
a template, campaign or list that is not this organization's.
"""
import re
from dataclasses import dataclass
from datetime import timedelta

from nudgeweb.models import ENTRY_RULES

TRIGGER_TYPES = ("contact_subscribed", "contact_created", "tag_added", "custom_event", "review_clicked",
                 "review_rated", "date", "manual")
STEP_TYPES = ("send_email", "send_sms", "wait", "wait_for_event", "condition", "add_tag", "remove_tag",
              "add_to_list", "remove_from_list", "notify_team", "exit")
OPERATORS = ("eq", "ne", "gt", "gte", "lt", "lte", "contains", "exists")
FIELD_OPERATORS = ("equals", "not_equals", "contains", "is_set", "is_not_set", "gt", "lt")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
BRANCH_WORDS = ("continue", "exit")

MAX_STEPS = 50
MAX_PROPERTY_CONDITIONS = 10
MAX_NAME = 200
MAX_DESCRIPTION = 1000
MAX_TEXT = 5000
MAX_DELAY = timedelta(days=366)

_DELAY = re.compile(r"^\s*(\d{1,4})\s*(minute|minutes|min|mins|hour|hours|hr|hrs|day|days|week|weeks)\s*$", re.I)
_UNITS = {"min": "minutes", "hr": "hours", "hou": "hours", "day": "days", "wee": "weeks"}
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_STEP_ID = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


class WorkflowError(ValueError):
    """A trigger or steps that cannot be saved; ``errors`` is a list of (pointer, message)."""

    def __init__(self, errors):
        super().__init__("; ".join(f"{pointer}: {message}" for pointer, message in errors))
        self.errors = errors


def parse_delay(text):
    """"immediate", "1 hour", "2 days" ... as a timedelta; None when the words are not a delay."""
    if text is None:
        return None
    if isinstance(text, str) and text.strip().lower() in ("immediate", "immediately", "now", "0"):
        return timedelta(0)
    match = _DELAY.match(text) if isinstance(text, str) else None
    if not match:
        return None
    unit = _UNITS[match.group(2).lower()[:3].rstrip("s")]
    delay = timedelta(**{unit: int(match.group(1))})
    return delay if delay <= MAX_DELAY else None


def describe_delay(text):
    """A delay as words for the summary: "2 days", "immediately"."""
    delay = parse_delay(text)
    return "immediately" if not delay else str(text).strip()


@dataclass
class _Reader:
    """Collects errors at JSON pointers while a body is read."""

    errors: list

    def error(self, pointer, message):
        self.errors.append((pointer, message))

    def text(self, value, pointer, *, required=False, limit=MAX_TEXT):
        if value is None or value == "":
            if required:
                self.error(pointer, "is required")
            return None
        if not isinstance(value, str):
            self.error(pointer, "must be a string")
            return None
        if len(value) > limit:
            self.error(pointer, f"must be at most {limit} characters")
            return None
        return value.strip()

    def delay(self, value, pointer, *, required=False):
        if value is None:
            if required:
                self.error(pointer, 'is required: "immediate", or a number and a unit such as "2 days"')
            return None
        if parse_delay(value) is None:
            self.error(pointer, f'"{value}" is not a delay: write "immediate", or a number and a unit '
                                f'(minutes, hours, days, weeks) such as "2 days", at most a year')
            return None
        return value.strip()


def normalize(data, *, partial=False, current=None):
    """The trigger, steps and entry rule of a request body, normalized, and the errors found.

    ``partial`` (PATCH) reads only the keys present, over ``current`` (the automation's fields).
    Returns ``(fields, errors)``; fields holds ``name``, ``description``, ``trigger``, ``trigger_type``,
    ``steps`` and ``entry_rule`` for the keys that were read.
    """
    reader = _Reader([])
    fields = {}
    if not isinstance(data, dict):
        return {}, [("", "must be an object")]
    if "name" in data or not partial:
        fields["name"] = reader.text(data.get("name"), "/name", required=True, limit=MAX_NAME)
    if "description" in data:
        fields["description"] = reader.text(data.get("description"), "/description", limit=MAX_DESCRIPTION) or ""
    if "entry_rule" in data:
        if data["entry_rule"] not in ENTRY_RULES:
            reader.error("/entry_rule", f"must be one of {', '.join(ENTRY_RULES)}")
        else:
            fields["entry_rule"] = data["entry_rule"]
    if "trigger" in data or not partial:
        trigger = _trigger(reader, data.get("trigger"))
        if trigger:
            fields["trigger"], fields["trigger_type"] = trigger, trigger["type"]
    if "workflow" in data or not partial:
        workflow = data.get("workflow")
        if not isinstance(workflow, dict) or not isinstance(workflow.get("steps"), list):
            reader.error("/workflow/steps", "is required: a list of steps")
        else:
            fields["steps"] = _steps(reader, workflow["steps"])
    return fields, reader.errors


def _trigger(reader, trigger):
    if not isinstance(trigger, dict):
        reader.error("/trigger", "is required: an object with a type")
        return None
    kind = trigger.get("type")
    if kind not in TRIGGER_TYPES:
        reader.error("/trigger/type", f"must be one of {', '.join(TRIGGER_TYPES)}")
        return None
    conditions = trigger.get("conditions") or {}
    if not isinstance(conditions, dict):
        reader.error("/trigger/conditions", "must be an object")
        return None
    out = {"type": kind, "conditions": {}}
    if kind == "custom_event":
        out["event_name"] = reader.text(trigger.get("event_name"), "/trigger/event_name", required=True, limit=100)
        properties = conditions.get("properties") or {}
        if not isinstance(properties, dict):
            reader.error("/trigger/conditions/properties", "must be an object of property: value")
        elif len(properties) > MAX_PROPERTY_CONDITIONS:
            reader.error("/trigger/conditions/properties", f"may hold at most {MAX_PROPERTY_CONDITIONS} conditions")
        else:
            for key, value in properties.items():
                _property_condition(reader, value, f"/trigger/conditions/properties/{key}")
            out["conditions"]["properties"] = properties
    elif kind == "contact_subscribed" and conditions.get("list_id"):
        out["conditions"]["list_id"] = reader.text(conditions["list_id"], "/trigger/conditions/list_id", limit=40)
    elif kind == "tag_added":
        out["conditions"]["tag"] = reader.text(conditions.get("tag"), "/trigger/conditions/tag", required=True, limit=50)
    elif kind == "review_rated" and "rating" in conditions:
        _property_condition(reader, conditions["rating"], "/trigger/conditions/rating")
        out["conditions"]["rating"] = conditions["rating"]
    elif kind == "date":
        out["conditions"]["field"] = reader.text(conditions.get("field"), "/trigger/conditions/field",
                                                 required=True, limit=64)
        time = conditions.get("time", "09:00")
        if not isinstance(time, str) or not _TIME.match(time):
            reader.error("/trigger/conditions/time", 'must be a local time such as "09:00"')
        out["conditions"]["time"] = time
    return out


def _property_condition(reader, value, pointer):
    if len(pointer.rsplit("/", 1)[-1]) > 64:
        reader.error(pointer, "a property's name may be at most 64 characters")
    elif isinstance(value, str) and len(value) > 200 or isinstance(value, dict) and len(str(value)) > 220:
        reader.error(pointer, "a value may be at most 200 characters")
    elif isinstance(value, dict):
        if len(value) != 1 or next(iter(value)) not in OPERATORS:
            reader.error(pointer, f"must be a value, or an object with one operator of {', '.join(OPERATORS)}")
    elif not isinstance(value, (str, int, float, bool)) and value is not None:
        reader.error(pointer, "must be a value, or an object with one operator")


def _steps(reader, raw_steps):
    if len(raw_steps) > MAX_STEPS:
        reader.error("/workflow/steps", f"may hold at most {MAX_STEPS} steps")
        return []
    ids = _step_ids(reader, raw_steps)
    steps = []
    for index, raw in enumerate(raw_steps):
        pointer = f"/workflow/steps/{index}"
        if not isinstance(raw, dict):
            reader.error(pointer, "must be an object with a type")
            continue
        if raw.get("type") not in STEP_TYPES:
            reader.error(f"{pointer}/type", f"must be one of {', '.join(STEP_TYPES)}")
            continue
        step = {"id": ids[index], "type": raw["type"]}
        if raw.get("delay") is not None and raw["type"] != "wait":
            step["delay"] = reader.delay(raw["delay"], f"{pointer}/delay")
        _STEP_READERS[raw["type"]](reader, raw, step, pointer, ids)
        steps.append(step)
    return steps


def _step_ids(reader, raw_steps):
    """Each step's id: its own when it gives one, else step_N; ids must be unique."""
    ids, seen = [], set()
    for index, raw in enumerate(raw_steps):
        given = raw.get("id") if isinstance(raw, dict) else None
        if given is not None and (not isinstance(given, str) or not _STEP_ID.match(given)):
            reader.error(f"/workflow/steps/{index}/id", "must be 1 to 40 letters, digits, - or _")
            given = None
        step_id = given or _free_id(index + 1, raw_steps, seen)
        if step_id in seen:
            reader.error(f"/workflow/steps/{index}/id", f'"{step_id}" is used by another step')
        seen.add(step_id)
        ids.append(step_id)
    return ids


def _free_id(number, raw_steps, seen):
    given = {raw.get("id") for raw in raw_steps if isinstance(raw, dict)}
    while f"step_{number}" in given or f"step_{number}" in seen:
        number += 1
    return f"step_{number}"


def _branch(reader, value, pointer, ids, *, required=True):
    if value is None:
        if required:
            reader.error(pointer, 'is required: "continue", "exit" or a step id')
        return None
    if value in BRANCH_WORDS or value in ids:
        return value
    reader.error(pointer, f'"{value}" is not "continue", "exit" or the id of a step')
    return None


def _send(reader, raw, step, pointer, ids):
    sources = [key for key in ("template_id", "campaign_id") if raw.get(key)]
    if len(sources) != 1:
        reader.error(f"{pointer}/template_id", "give a template_id or a campaign_id (one of them)")
    for key in sources:
        step[key] = reader.text(raw[key], f"{pointer}/{key}", limit=40)
    if raw["type"] == "send_email" and raw.get("subject"):
        step["subject"] = reader.text(raw["subject"], f"{pointer}/subject", limit=500)


def _wait(reader, raw, step, pointer, ids):
    if raw.get("until") is not None:
        until = raw["until"]
        if not isinstance(until, dict) or not isinstance(until.get("time"), str) or not _TIME.match(until["time"]):
            reader.error(f"{pointer}/until/time", 'must be a local time such as "09:00"')
        elif until.get("weekday") is not None and until["weekday"] not in WEEKDAYS:
            reader.error(f"{pointer}/until/weekday", f"must be one of {', '.join(WEEKDAYS)}")
        else:
            step["until"] = {"weekday": until.get("weekday"), "time": until["time"]}
        return
    step["delay"] = reader.delay(raw.get("delay"), f"{pointer}/delay", required=True)


def _wait_for_event(reader, raw, step, pointer, ids):
    step["event"] = reader.text(raw.get("event"), f"{pointer}/event", required=True, limit=100)
    step["timeout"] = reader.delay(raw.get("timeout"), f"{pointer}/timeout", required=True)
    step["on_event"] = _branch(reader, raw.get("on_event", "continue"), f"{pointer}/on_event", ids)
    step["on_timeout"] = _branch(reader, raw.get("on_timeout", "exit"), f"{pointer}/on_timeout", ids)


def _condition(reader, raw, step, pointer, ids):
    test = raw.get("if")
    keys = [key for key in ("event", "tag", "list_id", "field") if isinstance(test, dict) and key in test]
    if len(keys) != 1:
        reader.error(f"{pointer}/if", "must be an object with one of event, tag, list_id or field")
    elif keys == ["field"]:
        operator = test.get("operator", "equals")
        if operator not in FIELD_OPERATORS:
            reader.error(f"{pointer}/if/operator", f"must be one of {', '.join(FIELD_OPERATORS)}")
        step["if"] = {"field": reader.text(test["field"], f"{pointer}/if/field", required=True, limit=64),
                      "operator": operator, "value": test.get("value")}
    else:
        step["if"] = {keys[0]: reader.text(test[keys[0]], f"{pointer}/if/{keys[0]}", required=True, limit=100)}
    step["then"] = _branch(reader, raw.get("then"), f"{pointer}/then", ids)
    step["else"] = _branch(reader, raw.get("else"), f"{pointer}/else", ids)


def _tag(reader, raw, step, pointer, ids):
    step["tag"] = reader.text(raw.get("tag"), f"{pointer}/tag", required=True, limit=50)


def _list(reader, raw, step, pointer, ids):
    step["list_id"] = reader.text(raw.get("list_id"), f"{pointer}/list_id", required=True, limit=40)


def _notify(reader, raw, step, pointer, ids):
    step["subject"] = reader.text(raw.get("subject"), f"{pointer}/subject", required=True, limit=200)
    step["message"] = reader.text(raw.get("message"), f"{pointer}/message", limit=MAX_TEXT) or ""


def _nothing(reader, raw, step, pointer, ids):
    pass


_STEP_READERS = {
    "send_email": _send, "send_sms": _send, "wait": _wait, "wait_for_event": _wait_for_event,
    "condition": _condition, "add_tag": _tag, "remove_tag": _tag, "add_to_list": _list,
    "remove_from_list": _list, "notify_team": _notify, "exit": _nothing,
}


# The plain-words summary ("When a customer rates 2 stars or fewer → tell the team → wait 1 day → ...").

_COMPARISONS = {"eq": "", "ne": "not ", "gt": "more than ", "gte": "at least ", "lt": "less than ",
                "lte": "at most ", "contains": "containing ", "exists": "any "}


def summary(automation, names=None):
    """The automation in plain words: its trigger, then each step, as a list of phrases.

    ``names`` maps template, campaign and list ids to their names (the caller reads them; this module
    does not touch the database); an id it lacks is shown as "a template" and the like.
    """
    names = names or {}
    return [describe_trigger(automation.trigger or {}, names)] + [
        describe_step(step, names) for step in automation.steps or []]


def describe_trigger(trigger, names=None):
    names = names or {}
    conditions = trigger.get("conditions") or {}
    kind = trigger.get("type")
    if kind == "contact_subscribed":
        list_id = conditions.get("list_id")
        return f"When a contact subscribes to {_name(names, list_id, 'a list')}" if list_id else \
            "When a contact subscribes"
    if kind == "contact_created":
        return "When a contact is added"
    if kind == "tag_added":
        return f"When a contact gets the tag {conditions.get('tag') or '…'}"
    if kind == "custom_event":
        return f"When a contact does “{trigger.get('event_name') or '…'}”" + _properties_in_words(conditions)
    if kind == "review_clicked":
        return "When a customer opens their review link"
    if kind == "review_rated":
        return "When a customer rates " + _rating(conditions.get("rating"))
    if kind == "date":
        return f"Every year on a contact's {conditions.get('field') or 'date'} at {conditions.get('time', '09:00')}"
    return "When you enrol a contact by hand or through the API"


_PROPERTY_WORDS = {"eq": "exactly", "ne": "not", "gt": "more than", "gte": "at least", "lt": "less than",
                   "lte": "at most", "contains": "containing"}


def _properties_in_words(conditions):
    """' with total at least 100 and plan “pro”' for a custom event's property conditions."""
    parts = []
    for name, condition in (conditions.get("properties") or {}).items():
        operator, value = next(iter(condition.items())) if isinstance(condition, dict) and condition else (None, condition)
        shown = f"“{value}”" if isinstance(value, str) else value
        if operator == "exists":
            parts.append(f"a {name}" if value else f"no {name}")
        else:
            parts.append(f"{name} {_PROPERTY_WORDS[operator]} {shown}" if operator else f"{name} {shown}")
    return " with " + " and ".join(parts) if parts else ""


def _rating(condition):
    if condition is None:
        return "you"
    if isinstance(condition, dict) and condition:
        operator, value = next(iter(condition.items()))
        if operator == "lte":
            return f"{_stars(value)} or fewer"
        if operator == "gte":
            return f"{_stars(value)} or more"
        return f"{_COMPARISONS.get(operator, '')}{_stars(value)}"
    return _stars(condition)


def _stars(value):
    return f"{value} star" + ("" if str(value) == "1" else "s")


def describe_step(step, names=None):
    """One step in words, with its delay before it when it has one."""
    names = names or {}
    words = _STEP_WORDS.get(step.get("type"), lambda step, names: step.get("type", "?"))(step, names)
    delay = step.get("delay") if step.get("type") != "wait" else None
    return f"after {delay}, {words}" if delay and parse_delay(delay) else words


def _name(names, key, fallback):
    return f"“{names[key]}”" if key and key in names else fallback


def _send_words(step, names):
    channel = "an email" if step["type"] == "send_email" else "a text"
    if step.get("campaign_id"):
        return f"send {_name(names, step['campaign_id'], channel)}"
    return f"send {_name(names, step.get('template_id'), channel)}"


def _wait_words(step, names):
    until = step.get("until")
    if until:
        day = until["weekday"].capitalize() if until.get("weekday") else "the next"
        return f"wait until {day} {until.get('time')}"
    return "go on at once" if not parse_delay(step.get("delay")) else f"wait {describe_delay(step.get('delay'))}"


def _branch_words(branch):
    if branch in (None, "continue"):
        return "go on"
    return "stop" if branch == "exit" else f"go to {branch}"


def _condition_words(step, names):
    test = step.get("if") or {}
    if "event" in test:
        question = f"if they did “{test['event']}”"
    elif "tag" in test:
        question = f"if they have the tag {test['tag']}"
    elif "list_id" in test:
        question = f"if they are on {_name(names, test['list_id'], 'the list')}"
    else:
        operator = (test.get("operator") or "equals").replace("_", " ")
        value = "" if operator in ("is set", "is not set") else f" {test.get('value')}"
        question = f"if {test.get('field')} {operator}{value}"
    return f"{question}: {_branch_words(step.get('then'))}, else {_branch_words(step.get('else'))}"


def _wait_for_event_words(step, names):
    return (f"wait up to {step.get('timeout')} for “{step.get('event')}”: if it happens "
            f"{_branch_words(step.get('on_event'))}, else {_branch_words(step.get('on_timeout'))}")


_STEP_WORDS = {
    "send_email": _send_words, "send_sms": _send_words, "wait": _wait_words,
    "wait_for_event": _wait_for_event_words, "condition": _condition_words,
    "add_tag": lambda step, names: f"tag them {step.get('tag')}",
    "remove_tag": lambda step, names: f"remove the tag {step.get('tag')}",
    "add_to_list": lambda step, names: f"add them to {_name(names, step.get('list_id'), 'a list')}",
    "remove_from_list": lambda step, names: f"remove them from {_name(names, step.get('list_id'), 'a list')}",
    "notify_team": lambda step, names: "tell the team" + (f" (“{step['subject']}”)" if step.get("subject") else ""),
    "exit": lambda step, names: "stop",
}
