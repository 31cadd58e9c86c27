"""What the builder page reads and writes: a step's or the trigger's inputs as the workflow format
(``nudgeweb.automations.workflow``), the steps list after an add, move or remove, an operation's
errors (JSON pointers) put back at the builder's inputs, and the organization's own choices."""
from sqlalchemy import select

from nudgeweb.campaigns.lists import organization_lists
from nudgeweb.contacts.operations import tag_names
from nudgeweb.models import Campaign, MessageTemplate, db
from nudgeweb.unit_of_work import current_organization_id

TRIGGER_LABELS = {
    "contact_subscribed": "A contact subscribes", "contact_created": "A contact is added",
    "tag_added": "A contact gets a tag", "custom_event": "A contact does something you track (an event)",
    "review_clicked": "A customer opens their review link", "review_rated": "A customer rates you",
    "date": "A date comes round every year (a birthday)", "manual": "Only when enrolled by hand or by the API",
}
STEP_LABELS = {
    "send_email": "Send an email", "send_sms": "Send a text message", "wait": "Wait",
    "wait_for_event": "Wait for something to happen", "condition": "If … then … else",
    "add_tag": "Add a tag", "remove_tag": "Remove a tag", "add_to_list": "Add to a list",
    "remove_from_list": "Remove from a list", "notify_team": "Tell the team (email the owners)", "exit": "Stop",
}
ENTRY_RULE_LABELS = {"once": "Once ever", "one_at_a_time": "Again, but not while still in it",
                     "every_time": "Every time the trigger happens"}
RATING_OPERATORS = {"lte": "or fewer", "eq": "exactly", "gte": "or more"}
# A custom event's property conditions as the builder offers them; "is" is the plain value (any case).
PROPERTY_OPERATORS = {"is": "is", "ne": "is not", "gt": "is more than", "gte": "is at least", "lt": "is less than",
                      "lte": "is at most", "contains": "contains", "exists": "is present"}
PROPERTY_ROWS_BLANK = 1
CONDITION_KINDS = {"tag": "They have the tag", "list_id": "They are on the list", "event": "They did (an event)",
                   "field": "A field of theirs"}
# Where a pointer's tail (after /workflow/steps/N/ or /trigger/) is shown: the input of that name.
INPUT_OF_POINTER = {"if": "if_kind", "if/tag": "if_value", "if/event": "if_value", "if/list_id": "if_list_id",
                    "if/field": "if_field", "if/operator": "if_operator", "until": "until_time",
                    "until/time": "until_time", "until/weekday": "until_weekday", "conditions/tag": "tag",
                    "conditions/list_id": "list_id", "conditions/field": "field", "conditions/time": "time",
                    "conditions/rating": "rating", "event_name": "event_name"}
BLANK_STEPS = {
    "send_email": {}, "send_sms": {}, "wait": {"delay": "1 day"},
    "wait_for_event": {"event": "", "timeout": "2 days", "on_event": "continue", "on_timeout": "exit"},
    "condition": {"if": {"tag": ""}, "then": "continue", "else": "exit"}, "add_tag": {"tag": ""},
    "remove_tag": {"tag": ""}, "add_to_list": {"list_id": ""}, "remove_from_list": {"list_id": ""},
    "notify_team": {"subject": "", "message": ""}, "exit": {},
}


def step_from_form(step, form):
    """The step ``step`` with what its inline form says (the type stays; other keys are the form's)."""
    kind = step["type"]
    out = {"id": step["id"], "type": kind}
    if step.get("delay") and kind != "wait":
        out["delay"] = step["delay"]
    return out | _READERS.get(kind, lambda form: {})(form)


def _text(form, name):
    return (form.get(name) or "").strip() or None


def _send(form):
    fields = {"template_id": _text(form, "template_id"), "campaign_id": _text(form, "campaign_id")}
    if "subject" in form:
        fields["subject"] = _text(form, "subject")
    return {key: value for key, value in fields.items() if value}


def _wait(form):
    if form.get("wait_mode") == "until":
        return {"until": {"weekday": _text(form, "until_weekday"), "time": _text(form, "until_time")}}
    return {"delay": _text(form, "delay")}


def _wait_for_event(form):
    return {name: _text(form, name) for name in ("event", "timeout", "on_event", "on_timeout")}


def _condition(form):
    kind = form.get("if_kind")
    if kind == "field":
        test = {"field": _text(form, "if_field"), "operator": form.get("if_operator") or "equals",
                "value": _text(form, "if_field_value")}
    elif kind == "list_id":
        test = {"list_id": _text(form, "if_list_id")}
    elif kind in CONDITION_KINDS:
        test = {kind: _text(form, "if_value")}
    else:
        test = None
    return {"if": test, "then": _text(form, "then"), "else": _text(form, "else")}


_READERS = {
    "send_email": _send, "send_sms": _send, "wait": _wait, "wait_for_event": _wait_for_event,
    "condition": _condition, "add_tag": lambda form: {"tag": _text(form, "tag")},
    "remove_tag": lambda form: {"tag": _text(form, "tag")},
    "add_to_list": lambda form: {"list_id": _text(form, "list_id")},
    "remove_from_list": lambda form: {"list_id": _text(form, "list_id")},
    "notify_team": lambda form: {"subject": _text(form, "subject"), "message": _text(form, "message") or ""},
}


def trigger_from_form(form):
    """The trigger the trigger form says."""
    kind = form.get("type")
    trigger = {"type": kind, "conditions": {}}
    if kind == "contact_subscribed" and _text(form, "list_id"):
        trigger["conditions"]["list_id"] = _text(form, "list_id")
    elif kind == "tag_added":
        trigger["conditions"]["tag"] = _text(form, "tag")
    elif kind == "custom_event":
        trigger["event_name"] = _text(form, "event_name")
        if properties := _properties(form):
            trigger["conditions"]["properties"] = properties
    elif kind == "review_rated" and _text(form, "rating"):
        trigger["conditions"]["rating"] = _rating(form)
    elif kind == "date":
        trigger["conditions"] = {"field": _text(form, "field"), "time": _text(form, "time") or "09:00"}
    return trigger


def _properties(form):
    """{property: condition} from the form's rows of name, operator and value (rows without a name are left out)."""
    rows = zip(form.getlist("property_name"), form.getlist("property_operator"), form.getlist("property_value"))
    properties = {}
    for name, operator, value in rows:
        if name.strip():
            properties[name.strip()] = _property_condition(operator, value.strip())
    return properties


def _property_condition(operator, value):
    if operator == "exists":
        return {"exists": True}
    typed = _number_or_text(value)
    return typed if operator not in PROPERTY_OPERATORS or operator == "is" else {operator: typed}


def _number_or_text(value):
    """What an owner types as a property's value: 100 and 9.5 are numbers (events send them so), anything else text."""
    try:
        return int(value)
    except ValueError:
        try:
            return float(value)
        except ValueError:
            return value


def property_rows(trigger):
    """(name, operator, value) of a custom event trigger's property conditions, and blank rows to add more."""
    rows = []
    for name, condition in ((trigger.get("conditions") or {}).get("properties") or {}).items():
        operator, value = next(iter(condition.items())) if isinstance(condition, dict) and condition else ("is", condition)
        rows.append((name, operator, "" if operator == "exists" else value))
    return rows + [("", "is", "")] * PROPERTY_ROWS_BLANK


def _rating(form):
    stars = _text(form, "rating")
    number = int(stars) if stars and stars.isdigit() else stars
    operator = form.get("rating_operator") or "lte"
    return number if operator == "eq" else {operator: number}


def rating_parts(trigger):
    """(operator, stars) of a review_rated trigger's condition, for its form."""
    rating = (trigger.get("conditions") or {}).get("rating")
    if isinstance(rating, dict) and rating:
        return next(iter(rating.items()))
    return ("eq", rating) if rating is not None else ("lte", 2)


def blank_step(steps, kind):
    """A new step of type ``kind`` with a fresh id, its inputs empty or at their usual values."""
    return {"id": fresh_step_id(steps), "type": kind, **BLANK_STEPS[kind]}


def with_step_inserted(steps, step, position):
    """The steps with ``step`` at ``position`` (0 is first; past the end is last)."""
    position = max(0, min(position, len(steps)))
    return [*steps[:position], step, *steps[position:]]


def fresh_step_id(steps):
    taken = {step["id"] for step in steps}
    number = len(steps) + 1
    while f"step_{number}" in taken:
        number += 1
    return f"step_{number}"


def with_step_moved(steps, step_id, offset):
    index = step_index(steps, step_id)
    target = index + offset
    if not 0 <= target < len(steps):
        return list(steps)
    moved = list(steps)
    moved[index], moved[target] = moved[target], moved[index]
    return moved


def with_step_removed(steps, step_id):
    """The steps without ``step_id``; a branch that went to it now goes on to the next step."""
    kept = [step for step in steps if step["id"] != step_id]
    return [{key: ("continue" if key in ("then", "else", "on_event", "on_timeout") and value == step_id else value)
             for key, value in step.items()} for step in kept]


def step_index(steps, step_id):
    for index, step in enumerate(steps):
        if step["id"] == step_id:
            return index
    raise KeyError(step_id)


def pointer_errors(error):
    """An AutomationError's {dotted path: message} (``workflow.steps.2.delay``) as (JSON pointer, message)."""
    return [("/" + path.replace(".", "/"), message) for path, message in error.errors.items()]


def errors_at(pairs, prefix):
    """{input name: message} of the errors under ``prefix`` (``/workflow/steps/2``, ``/trigger``)."""
    found = {}
    for pointer, message in pairs:
        pointer = pointer.removeprefix("/data/attributes")
        if pointer == prefix or pointer.startswith(prefix + "/"):
            tail = pointer[len(prefix) + 1:]
            found.setdefault(INPUT_OF_POINTER.get(tail, tail or "_step"), message)
    return found


def step_errors(pairs):
    """{step index: {input name: message}} of the errors that point into the steps."""
    by_step = {}
    for pointer, message in pairs:
        parts = pointer.removeprefix("/data/attributes").split("/")
        if len(parts) >= 4 and parts[1:3] == ["workflow", "steps"] and parts[3].isdigit():
            by_step.setdefault(int(parts[3]), {}).update(errors_at([(pointer, message)],
                                                                   f"/workflow/steps/{parts[3]}"))
    return by_step


def choices():
    """The current organization's templates, campaigns and lists (for the selects) and tags (for suggestions)."""
    organization_id = current_organization_id()
    templates = select(MessageTemplate).where(MessageTemplate.organization_id == organization_id)
    campaigns = select(Campaign).where(Campaign.organization_id == organization_id)
    return {
        "templates": {channel: [(str(t.id), t.name) for t in db.session.scalars(
            templates.where(MessageTemplate.channel == channel).order_by(MessageTemplate.name))]
            for channel in ("email", "sms")},
        "campaigns": {channel: [(str(c.id), c.name) for c in db.session.scalars(
            campaigns.where(Campaign.channel == channel).order_by(Campaign.created_at.desc()).limit(200))]
            for channel in ("email", "sms")},
        "lists": [(str(item.id), item.name) for item in organization_lists(organization_id)],
        "tags": tag_names(organization_id),  # suggestions: a step may add a tag that is new
    }


def names_of(choices_):
    """{id: name} of every template, campaign and list in ``choices_``, for the summary."""
    names = dict(choices_["lists"])
    for kind in ("templates", "campaigns"):
        for pairs in choices_[kind].values():
            names.update(pairs)
    return names
