"""A dry run: what an automation would do for one contact and when, read from the contact as it is now.

Waits are added up from ``start_at``; a condition is evaluated against the contact now (an event
"since entering" has not happened yet); a wait_for_event shows both outcomes and follows the timeout
(the one whose time is known). Nothing is written.
"""
from types import SimpleNamespace

from nudgeweb.automations import steps as step_types
from nudgeweb.automations.engine import following_step, organization_zone, row_of
from nudgeweb.models import Campaign, ContactList, MessageTemplate

MAX_LINES = 60


class _Reader:
    """What a condition reads (engine.Pass's names), for one contact, without writing."""

    def __init__(self, automation, contact):
        self.automation, self.contacts = automation, {contact.id: contact}
        self.tags = {contact.id: {name.lower() for name in contact.tags}}

    def tags_of(self, contact_id):
        return self.tags[contact_id]

    def contact(self, contact_id):
        return self.contacts[contact_id]

    def get(self, model, row_id):
        return row_of(model, row_id)


def simulate(automation, contact, start_at):
    zone = organization_zone(automation.organization_id)
    reader = _Reader(automation, contact)
    enrolment = SimpleNamespace(contact_id=contact.id, enrolled_at=start_at)
    lines = [{"at": start_at, "step_id": None, "text": f"{contact.display_name} enters “{automation.name}”"}]
    at, step = start_at, automation.steps[0] if automation.steps else None
    while step is not None and len(lines) < MAX_LINES:
        at, _ = step_types.arrival(step, at, zone)
        text, branch = _describe(reader, enrolment, step, at)
        lines.append({"at": at, "step_id": step["id"], "text": text})
        if branch == "exit":
            return lines + [{"at": at, "step_id": step["id"], "text": "Leaves the automation"}]
        step = following_step(automation.steps, step, branch)
    words = "Finishes the automation" if step is None else f"… and so on (more than {MAX_LINES} steps: a loop?)"
    return lines + [{"at": at, "step_id": None, "text": words}]


def _describe(reader, enrolment, step, at):
    """(what the step would do, the branch taken)."""
    kind = step["type"]
    if kind in ("send_email", "send_sms"):
        return _send_words(reader, enrolment, step), "continue"
    if kind == "wait":
        return f"Waited {step_types.until_words(step['until']) if step.get('until') else step['delay']}", "continue"
    if kind == "wait_for_event":
        return (f"Waits up to {step['timeout']} for {step['event']}: if it happens, {_branch_words(step['on_event'])}; "
                f"if not by now, {_branch_words(step['on_timeout'])} (shown)"), step["on_timeout"]
    if kind == "condition":
        met, words = step_types.evaluate(reader, enrolment, step["if"])
        branch = step["then"] if met else step["else"]
        return f"Checks “{words}”: {'yes' if met else 'no'}, so {_branch_words(branch)}", branch
    if kind in ("add_tag", "remove_tag"):
        return f"{'Tags' if kind == 'add_tag' else 'Removes the tag'} {step['tag']}", "continue"
    if kind in ("add_to_list", "remove_from_list"):
        contact_list = reader.get(ContactList, step["list_id"])
        name = contact_list.name if contact_list else "(a deleted list)"
        return f"{'Adds to' if kind == 'add_to_list' else 'Removes from'} {name}", "continue"
    if kind == "notify_team":
        return f"Emails the owners: “{step['subject']}”", "continue"
    return "Reaches an exit step", "exit"


def _send_words(reader, enrolment, step):
    from nudgeweb.contacts.suppression import may_message

    channel = "email" if step["type"] == "send_email" else "sms"
    allowed, reason = may_message(reader.contacts[enrolment.contact_id], channel, "marketing")
    source = reader.get(Campaign, step["campaign_id"]) if step.get("campaign_id") else \
        reader.get(MessageTemplate, step["template_id"])
    name = f"“{source.name}”" if source is not None else "(a deleted template or campaign)"
    what = f"the email {name}" if channel == "email" else f"the text message {name}"
    return f"Sends {what}" if allowed else f"Would skip {what}: {reason}"


def _branch_words(branch):
    return {"continue": "goes on to the next step", "exit": "leaves the automation"}.get(branch, f"goes to {branch}")
