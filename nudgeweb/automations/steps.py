"""What each step type does for one enrolment, and when a step comes due.

``arrival(step, at, zone)`` is when a step an enrolment has just reached runs (its ``delay``, a wait's
length or weekday and time in the business's zone, a wait_for_event's timeout) and which event it
listens for meanwhile. ``run(run, enrolment, step)`` does a due step and answers a ``Result``: the
outcome written to the step's history and the branch to follow ("continue", "exit" or a step id).

``run`` is an engine pass (engine.Pass): the automation, the organization, the moment, the batch's
contacts (light rows; ``run.contact(id)`` is the Contact itself) and tags already loaded, and the rows
it writes at the end of the batch. Every executor
writes in the pass's transaction, the same one that moves the enrolment on: a step is done exactly
when its enrolment has moved past it.
"""
import operator as ops
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import SimpleNamespace

from sqlalchemy import delete, exists, select

from nudgeweb.automations.workflow import WEEKDAYS, parse_delay
from nudgeweb.models import Campaign, ContactEvent, ContactList, ListMembership, MessageTemplate, db
from nudgeweb.models.contacts import contact_tags
from nudgeweb.models.reviews import ReviewRequest, ReviewRequestEvent

CONTACT_FIELDS = ("email", "phone", "first_name", "last_name", "company_name", "status", "source", "timezone")
_ORDER = {"gt": ops.gt, "gte": ops.ge, "lt": ops.lt, "lte": ops.le}


@dataclass
class Result:
    outcome: str  # done, skipped, branched, timed_out, met
    detail: str = ""
    branch: str = "continue"
    message_id: object = None


# --- when ------------------------------------------------------------------------------------------

def arrival(step, at, zone):
    """(due, waiting_for_event) of ``step`` reached at ``at``: when it runs, and the event it listens for."""
    if step is None:
        return at, None
    due = at + (parse_delay(step.get("delay")) or timedelta(0)) if step["type"] != "wait" else at
    if step["type"] == "wait":
        return (next_local_time(at, step["until"], zone) if step.get("until") else at + parse_delay(step["delay"])), None
    if step["type"] == "wait_for_event":
        return due + parse_delay(step["timeout"]), step["event"]
    return due, None


def next_local_time(at, until, zone):
    """The first moment after ``at`` that is ``until["time"]`` (on ``until["weekday"]``, if given) in ``zone``."""
    hour, minute = (int(part) for part in until["time"].split(":"))
    local = at.astimezone(zone)
    for days in range(0, 8):
        day = (local + timedelta(days=days)).date()
        candidate = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
        if candidate <= at:
            continue
        if until.get("weekday") and WEEKDAYS[candidate.weekday()] != until["weekday"]:
            continue
        return candidate.astimezone(at.tzinfo)
    raise AssertionError("a weekday comes within a week")


# --- running a due step --------------------------------------------------------------------------

def run(run, enrolment, step):
    return _EXECUTORS[step["type"]](run, enrolment, step)


def _wait(run, enrolment, step):
    return Result("done", "Waited" + (f" until {until_words(step['until'])}" if step.get("until") else f" {step['delay']}"))


def until_words(until):
    return f"{until['weekday'].capitalize()} {until['time']}" if until.get("weekday") else until["time"]


def _timed_out(run, enrolment, step):
    return Result("timed_out", f"No {step['event']} within {step['timeout']}", step["on_timeout"])


def _condition(run, enrolment, step):
    met, words = evaluate(run, enrolment, step["if"])
    return Result("branched", f"{words}: {'yes' if met else 'no'}", step["then"] if met else step["else"])


def _exit(run, enrolment, step):
    return Result("done", "Reached an exit step", "exit")


def _add_tag(run, enrolment, step):
    if step["tag"].lower() in run.tags_of(enrolment.contact_id):
        return Result("skipped", f"Already tagged {step['tag']}")
    run.add_tag(enrolment.contact_id, step["tag"])
    return Result("done", f"Tagged {step['tag']}")


def _remove_tag(run, enrolment, step):
    tags = run.tags_of(enrolment.contact_id)
    if step["tag"].lower() not in tags:
        return Result("skipped", f"Was not tagged {step['tag']}")
    db.session.execute(delete(contact_tags).where(contact_tags.c.contact_id == enrolment.contact_id,
                                                  contact_tags.c.tag_id == run.tag_id(step["tag"])))
    tags.discard(step["tag"].lower())
    run.contacts_touched()
    return Result("done", f"Removed the tag {step['tag']}")


def _add_to_list(run, enrolment, step):
    from nudgeweb.campaigns.lists import add_members

    contact_list = run.get(ContactList, step["list_id"])
    if contact_list is None:
        return Result("skipped", "The list no longer exists")
    added = add_members(contact_list, [enrolment.contact_id])
    return Result("done" if added else "skipped", f"{'Added to' if added else 'Already in'} {contact_list.name}")


def _remove_from_list(run, enrolment, step):
    from nudgeweb.campaigns.lists import remove_members

    contact_list = run.get(ContactList, step["list_id"])
    if contact_list is None:
        return Result("skipped", "The list no longer exists")
    removed = remove_members(contact_list, [enrolment.contact_id])
    return Result("done" if removed else "skipped", f"{'Removed from' if removed else 'Was not in'} {contact_list.name}")


def _notify_team(run, enrolment, step):
    from nudgeweb.delivery import queue_direct
    from nudgeweb.reviews.messaging import owner_emails

    contact = run.contact(enrolment.contact_id)
    text = (f"{step['message']}\n\n" if step["message"] else "") + \
        f"Contact: {contact.display_name} ({contact.email or contact.phone or 'no address'})\n" \
        f"Automation: {run.automation.name}\n"
    addresses = owner_emails(run.automation.organization_id)
    for address in addresses:
        queue_direct(run.organization, "email", address, subject=step["subject"], text=text,
                     purpose="automation_notice", purpose_id=run.automation.id)
    return Result("done" if addresses else "skipped", f"Emailed {len(addresses)} owner(s)" if addresses else "No owner to tell")


def _send(run, enrolment, step):
    from nudgeweb.auth.verification import EmailNotVerified
    from nudgeweb.contacts.suppression import may_message
    from nudgeweb.delivery import queue_message
    from nudgeweb.message_templates.rendering import TemplateRenderError

    channel = "email" if step["type"] == "send_email" else "sms"
    contact = run.contact(enrolment.contact_id)
    allowed, reason = may_message(contact, channel, "marketing")
    if not allowed:
        return Result("skipped", f"Not sent: {reason}")
    content = _content(run, step, channel)
    if isinstance(content, str):
        return Result("skipped", content)
    try:
        message = queue_message(contact, channel, content, purpose="automation", purpose_id=run.automation.id,
                                context={"footer_address": run.organization.footer_address or ""})
    except (EmailNotVerified, TemplateRenderError) as error:
        return Result("skipped", f"Not sent: {error}")
    if message.status == "failed":
        return Result("skipped", f"Not sent: {message.error}", message_id=message.id)
    return Result("done", f"Queued “{message.subject or content.name}”" if channel == "email" else "Queued a text message",
                  message_id=message.id)


def _content(run, step, channel):
    """The template (or campaign content) to render, with the step's subject; a string says why there is none."""
    from nudgeweb.campaigns.sending import sendable_template

    if step.get("campaign_id"):
        campaign = run.get(Campaign, step["campaign_id"])
        if campaign is None:
            return "The campaign no longer exists"
        source, content = campaign, sendable_template(campaign, run.organization)
    else:
        source = content = run.get(MessageTemplate, step["template_id"])
        if content is None:
            return "The template no longer exists"
    if content.channel != channel:
        return f"“{source.name}” is for {'SMS' if content.channel == 'sms' else 'email'}"
    return SimpleNamespace(
        id=getattr(content, "id", None), name=source.name, organization=run.organization, channel=channel,
        subject=step.get("subject") or content.subject, html_content=content.html_content,
        text_content=content.text_content, body=content.body, variables=content.variables or [])


_EXECUTORS = {
    "send_email": _send, "send_sms": _send, "wait": _wait, "wait_for_event": _timed_out, "condition": _condition,
    "add_tag": _add_tag, "remove_tag": _remove_tag, "add_to_list": _add_to_list,
    "remove_from_list": _remove_from_list, "notify_team": _notify_team, "exit": _exit,
}


# --- conditions ----------------------------------------------------------------------------------

def evaluate(run, enrolment, test):
    """(met, words) of a condition's ``if`` for the enrolment's contact as it is now."""
    if "tag" in test:
        return test["tag"].lower() in run.tags_of(enrolment.contact_id), f"Tagged {test['tag']}"
    if "list_id" in test:
        contact_list = run.get(ContactList, test["list_id"])
        met = contact_list is not None and db.session.scalar(select(exists().where(
            ListMembership.list_id == contact_list.id, ListMembership.contact_id == enrolment.contact_id,
            ListMembership.status == "subscribed")))
        return bool(met), f"In the list {contact_list.name if contact_list else '(deleted)'}"
    if "event" in test:
        return happened_since(enrolment.contact_id, test["event"], enrolment.enrolled_at), f"{test['event']} since entering"
    contact = run.contacts[enrolment.contact_id]
    return field_matches(contact, test), f"{test['field']} {test['operator'].replace('_', ' ')} {test.get('value') or ''}".strip()


def happened_since(contact_id, name, since):
    """Whether the contact's event ``name`` (a custom event, or review_clicked / review_rated) happened since ``since``."""
    if name == "review_clicked":
        query = exists().where(ReviewRequest.contact_id == contact_id, ReviewRequest.clicked_at >= since)
    elif name == "review_rated":
        query = exists().where(ReviewRequestEvent.review_request_id == ReviewRequest.id,
                               ReviewRequest.contact_id == contact_id, ReviewRequestEvent.kind == "rated",
                               ReviewRequestEvent.occurred_at >= since)
    else:
        query = exists().where(ContactEvent.contact_id == contact_id, ContactEvent.name == name,
                               ContactEvent.occurred_at >= since)
    return bool(db.session.scalar(select(query)))


def field_value(contact, key):
    if key in CONTACT_FIELDS:
        return getattr(contact, key)
    return (contact.custom_fields or {}).get(key)


def field_matches(contact, test):
    value, wanted, operator = field_value(contact, test["field"]), test.get("value"), test["operator"]
    if operator == "is_set":
        return value not in (None, "")
    if operator == "is_not_set":
        return value in (None, "")
    if operator in ("equals", "not_equals"):
        same = str(value if value is not None else "").lower() == str(wanted if wanted is not None else "").lower()
        return same if operator == "equals" else not same
    if operator == "contains":
        return value is not None and str(wanted or "").lower() in str(value).lower()
    return _compare(value, wanted, operator)


def _compare(value, wanted, operator):
    try:
        left, right = float(value), float(wanted)
    except (TypeError, ValueError):
        left, right = str(value if value is not None else ""), str(wanted if wanted is not None else "")
        if not left:
            return False
    return _ORDER[operator](left, right)


def property_matches(value, condition):
    """A trigger's property condition (a value, or {operator: value}) against an event's ``value``."""
    if not isinstance(condition, dict):
        return value == condition or (isinstance(value, str) and isinstance(condition, str)
                                      and value.lower() == condition.lower())
    operator, wanted = next(iter(condition.items()))
    if operator == "exists":
        return (value is not None) == bool(wanted)
    if operator == "eq":
        return value == wanted
    if operator == "ne":
        return value != wanted
    if operator == "contains":
        return value is not None and str(wanted).lower() in str(value).lower()
    if value is None:
        return False
    return _compare(value, wanted, operator)
