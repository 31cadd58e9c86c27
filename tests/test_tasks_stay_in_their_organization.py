"""Every organization task, run by a real consumer with one organization's id and another's rows,
finds nothing of the other's and changes nothing of it."""
from datetime import timedelta

import pytest
from sqlalchemy import func, select

import nudgeweb.tasks  # noqa: F401  (every task registered)
from nudgeweb.analytics.tasks import rebuild_counts_task
from nudgeweb.automations import engine
from nudgeweb.automations.tasks import (
    enrol_dates,
    enrol_from_contact_events,
    enrol_from_domain_events,
    enrol_list_joins,
    enrol_tagged,
    run_automation_steps,
)
from nudgeweb.campaigns.operations import create_campaign
from nudgeweb.campaigns.tasks import send_campaign_batches, start_scheduled_campaign
from nudgeweb.contacts.tasks import act_on_matching
from nudgeweb.delivery import queue_message
from nudgeweb.delivery.tasks import send_due_messages
from nudgeweb.domain_events import record_event
from nudgeweb.extensions import db, huey
from nudgeweb.imports.operations import create_draft
from nudgeweb.imports.tasks import import_contact_chunk
from nudgeweb.models import Campaign, Contact
from nudgeweb.models.automations import Automation, AutomationEnrollment
from nudgeweb.models.employees import EmployeeImport
from nudgeweb.models.imports import ContactImport
from nudgeweb.models.messages import Message
from nudgeweb.models.reviews import ReviewRequest
from nudgeweb.models.webhooks import WebhookDelivery
from nudgeweb.nudges import imports as employee_imports
from nudgeweb.nudges.tasks import import_employees, send_due_nudges
from nudgeweb.reviews.operations import create_review_request
from nudgeweb.reviews.tasks import bulk_send_review_requests, notify_owners_of_review, send_follow_ups, send_review_step
from nudgeweb.unit_of_work import ORGANIZATION_TASKS, unit_of_work
from nudgeweb.webhooks.operations import create_endpoint
from nudgeweb.webhooks.tasks import deliver_webhooks
from tests.automations_support import make_automation
from tests.conftest import running_consumer
from tests.delivery_support import email_template
from tests.factories import ContactFactory

pytestmark = pytest.mark.consumer


@pytest.fixture
def theirs(app_ctx, other_owner):
    """Another business with a contact, a queued message, a scheduled review request, a draft import and
    a webhook delivery waiting."""
    organization = other_owner.organization
    contact = ContactFactory(organization=organization, email="their.customer@example.net")
    template = email_template(organization)
    with unit_of_work(organization.id):
        message = queue_message(contact, "email", template, purpose="campaign", send_at=None)
        request = create_review_request(organization, {"email": "asked@example.net"}, delay_hours=48)
        # and another, sent, whose follow-up is due
        followed = create_review_request(organization, {"email": "followed@example.net"}, delay_hours=0)
        followed.next_follow_up_at = followed.scheduled_for - timedelta(minutes=5)
        draft = create_draft(organization, other_owner.user, b"email\nnew@example.net\n", "people.csv")
        draft.status, draft.mapping = "processing", {"email": 0}
        team = employee_imports.create_draft(organization, other_owner.user, b"name\nDana\n", "team.csv")
        team.status, team.mapping = "processing", {"name": 0}
        create_endpoint(organization.id, {"url": "https://hooks.example.net/nudge"})
        record_event("contact.created", {"contact_id": str(contact.id)})
        campaign = create_campaign(organization, {"name": "Their news", "send_to_all": True})
        campaign.status = "sending"
        event = record_event("contact.created", {"contact_id": str(contact.id), "status": "subscribed"})
    automation = make_automation(organization, [{"id": "tag", "type": "add_tag", "tag": "theirs"}],
                                 {"type": "date", "conditions": {"field": "birthday", "time": "00:00"}}, entry_rule="every_time")
    with unit_of_work(organization.id):
        engine.enroll_many(db.session.get(Automation, automation.id), [(contact.id, {})])
    huey.flush()  # their own tasks are not what this test runs
    return {"organization": organization, "contact": contact.id, "message": message.id,
            "request": request.id, "followed": followed.id, "import": draft.id, "team_import": team.id, "campaign": campaign.id,
            "automation": automation.id, "event": event.id}


def state_of(theirs):
    organization_id = theirs["organization"].id
    with unit_of_work(organization_id):
        return (
            db.session.scalar(select(func.count()).where(Contact.organization_id == organization_id)),
            db.session.get(Message, theirs["message"]).status,
            db.session.get(ReviewRequest, theirs["request"]).status,
            db.session.get(ReviewRequest, theirs["followed"]).steps_sent,
            db.session.get(ContactImport, theirs["import"]).processed,
            db.session.get(EmployeeImport, theirs["team_import"]).processed,
            db.session.scalars(select(WebhookDelivery.status)).all(),
            db.session.get(Campaign, theirs["campaign"]).status,
            [e.status for e in db.session.scalars(select(AutomationEnrollment))],
        )


def test_each_task_run_in_one_organization_leaves_anothers_rows_alone(huey_queue, organization, theirs):
    ours = str(organization.id)
    ContactFactory(organization=organization, email="our.customer@example.net")
    before = state_of(theirs)
    runs = {  # our one contact goes first: then nothing of ours is left for the others to find
        act_on_matching: (ours, "delete", {}),
        send_due_messages: (ours,),
        send_review_step: (ours, str(theirs["request"]), 0),
        send_follow_ups: (ours,),
        notify_owners_of_review: (ours, str(theirs["request"]), "rated"),
        bulk_send_review_requests: (ours, {}, 0, True, None),
        import_contact_chunk: (ours, str(theirs["import"]), 0, 0),
        import_employees: (ours, str(theirs["team_import"])),
        rebuild_counts_task: (ours,),
        deliver_webhooks: (ours,),
        send_due_nudges: (ours,),
        send_campaign_batches: (ours, str(theirs["campaign"])),
        start_scheduled_campaign: (ours, str(theirs["campaign"])),
        run_automation_steps: (ours, theirs["automation"].hex),
        enrol_dates: (ours, theirs["automation"].hex),
        enrol_from_domain_events: (ours, [theirs["event"].hex]),
        enrol_from_contact_events: (ours, []),
        enrol_tagged: (ours, [(theirs["contact"].hex, "theirs")]),
        enrol_list_joins: (ours, theirs["automation"].hex, [theirs["contact"].hex]),
    }
    assert {task.func.__name__ for task in ORGANIZATION_TASKS} == {task.func.__name__ for task in runs}, "a new task needs a case here"
    with running_consumer():
        answers = {}
        for task, args in runs.items():  # one after the other
            answers[task.func.__name__] = task(*args).get(blocking=True, timeout=30)
    assert answers["send_review_step"] == answers["notify_owners_of_review"] == "missing"
    assert answers["send_follow_ups"] == 0
    assert answers["import_contact_chunk"] is False and answers["import_employees"] == "missing"
    assert answers["send_due_nudges"] == 0
    assert answers["send_campaign_batches"] == 0 and answers["start_scheduled_campaign"] == "not scheduled"
    assert answers["act_on_matching"] == 1  # our one contact (theirs counted nowhere)
    assert answers["bulk_send_review_requests"] == {"asked": 0, "skipped": 0}
    assert answers["deliver_webhooks"] == 0
    assert [answers[name] for name in ("run_automation_steps", "enrol_dates", "enrol_from_domain_events",
                                       "enrol_from_contact_events", "enrol_tagged", "enrol_list_joins")] == [0] * 6
    assert state_of(theirs) == before
    with unit_of_work(organization.id):  # our own contact went: the tasks did run, in our organization
        assert db.session.scalar(select(func.count()).where(Contact.organization_id == organization.id)) == 0
