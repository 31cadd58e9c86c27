"""Huey tasks of automations, and the receivers that ask for them once their cause has committed.

Each receiver hears a happening inside its transaction, asks nothing when no automation listens (and,
for events, no enrolment waits), and otherwise collects the transaction's happenings for one task
after the commit (``after_commit_together``): one task per batch, not per contact. A task that fails
(a database busy too long) rolled everything back and is tried again.
"""
import uuid
from datetime import timezone
from functools import partial

from huey import crontab

from nudgeweb.analytics.signals import contact_events_recorded
from nudgeweb.automations import engine, triggers
from nudgeweb.automations.signals import steps_due
from nudgeweb.campaigns.signals import list_joined
from nudgeweb.contacts.signals import contact_tagged
from nudgeweb.domain_events import domain_events_written
from nudgeweb.unit_of_work import after_commit_together, housekeeping_task, organization_task


@organization_task(retries=2, retry_delay=10)
def run_automation_steps(organization_id, automation_id):
    """The automation's due steps, in batches; safe to run twice (enrolments are claimed)."""
    return engine.run_due(uuid.UUID(automation_id))


@organization_task(retries=2, retry_delay=10)
def enrol_from_domain_events(organization_id, event_ids):
    return triggers.from_domain_events(organization_id, event_ids)


@organization_task(retries=2, retry_delay=10)
def enrol_from_contact_events(organization_id, event_ids):
    return triggers.from_contact_events(organization_id, event_ids)


@organization_task(retries=2, retry_delay=10)
def enrol_tagged(organization_id, pairs):
    return triggers.from_tags(organization_id, pairs)


@organization_task(retries=2, retry_delay=10)
def enrol_list_joins(organization_id, list_id, contact_ids):
    return triggers.from_list_joins(organization_id, list_id, contact_ids)


@organization_task(retries=2, retry_delay=10)
def enrol_dates(organization_id, automation_id):
    return triggers.from_dates(uuid.UUID(automation_id))


@housekeeping_task(crontab(minute="*"))
def sweep_automations():
    """Every minute: automations whose enrolments are overdue (a lost task) run again."""
    return len(engine.sweep())


@housekeeping_task(crontab(minute="*/5"))
def date_triggers():
    """Every five minutes: date automations whose local time has come enrol today's contacts (once a day)."""
    due = triggers.date_automations_due()
    for organization_id, automation_id in due:
        enrol_dates(organization_id.hex, automation_id.hex)
    return len(due)


# --- receivers -----------------------------------------------------------------------------------

@steps_due.connect
def queue_steps(organization_id, automation_id, eta=None):
    args = (organization_id.hex, automation_id.hex)
    if eta is None:
        run_automation_steps(*args)
    else:
        run_automation_steps.schedule(args=args, eta=eta.astimezone(timezone.utc).replace(tzinfo=None))


def _later(key, task, organization_id, items, *args):
    """Once the transaction commits, one ``task(organization_id, *args, every item collected under key)``."""
    for item in items:
        after_commit_together((key, organization_id, *args), partial(_flatten, task, organization_id, args), item)


def _flatten(task, organization_id, args, items):
    task(organization_id.hex, *args, list(items))


@domain_events_written.connect
def hear_domain_events(organization_id, events):
    relevant = [event for event in events if event["type"] in triggers.DOMAIN_TRIGGERS]
    if not relevant:
        return
    kinds = {kind for event in relevant for kind in triggers.DOMAIN_TRIGGERS[event["type"]]}
    reviews = any(event["type"] in triggers.REVIEW_EVENTS for event in relevant)
    if reviews or triggers.listening(organization_id, kinds):
        _later("automation-domain-events", enrol_from_domain_events, organization_id,
               [event["id"].hex for event in relevant])


@contact_events_recorded.connect
def hear_contact_events(organization_id, rows):
    names = {row["name"] for row in rows}
    if triggers.events_heard(organization_id, {row["contact_id"] for row in rows}, names):
        _later("automation-contact-events", enrol_from_contact_events, organization_id, [row["id"].hex for row in rows])


@contact_tagged.connect
def hear_tag(contact, tag):
    if triggers.listening(contact.organization_id, ("tag_added",)):
        _later("automation-tags", enrol_tagged, contact.organization_id, [(contact.id.hex, tag)])


@list_joined.connect
def hear_list_join(organization_id, list_id, contact_ids):
    if triggers.listening(organization_id, ("contact_subscribed",)):
        _later("automation-lists", enrol_list_joins, organization_id, [contact_id.hex for contact_id in contact_ids],
               list_id.hex)
