"""The automations engine under an injected clock: enrolment and its entry rules, each step, waits in
the business's time zone, wait_for_event met and timed out, pause and start, edits, exactly once,
what the step counts and a dry run say."""
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from nudgeweb.analytics.events import record_events
from nudgeweb.automations import engine
from nudgeweb.automations.tasks import run_automation_steps
from nudgeweb.campaigns.lists import add_members, create_list
from nudgeweb.contacts.operations import delete_contact, unsubscribe
from nudgeweb.extensions import db, huey
from nudgeweb.models import Contact, DomainEvent, ListMembership
from nudgeweb.models.automations import Automation, AutomationEnrollment, AutomationStepRun
from nudgeweb.models.messages import Message
from nudgeweb.unit_of_work import unit_of_work
from tests.automations_support import enrol, enrolments, history, make_automation, tags_of
from tests.delivery_support import email_template
from tests.factories import ContactFactory
from tests.reviews_support import NOW, frozen_clock, travel_and_run  # noqa: F401

IMMEDIATE_FLOW = [{"id": "wait", "type": "wait", "delay": "immediate"},
                  {"id": "check", "type": "condition", "if": {"field": "email", "operator": "is_set"},
                   "then": "continue", "else": "exit"},
                  {"id": "tag", "type": "add_tag", "tag": "welcomed"},
                  {"id": "done", "type": "exit"}]


def automation_messages(automation):
    return db.session.scalars(select(Message).where(Message.purpose == "automation",
                                                    Message.purpose_id == automation.id)).all()


def test_an_enrolled_contact_runs_every_immediate_step_at_once_and_is_counted(organization):
    contact = ContactFactory(organization=organization)
    automation = make_automation(organization, IMMEDIATE_FLOW)

    enrolment_id = enrol(automation, contact, data={"source": "api"}, source="api")

    assert tags_of(contact) == ["welcomed"]
    assert history(enrolment_id) == [(None, "enrolled", "enrolled"), ("wait", "wait", "done"),
                                     ("check", "condition", "branched"), ("tag", "add_tag", "done"),
                                     ("done", "exit", "done"), ("done", "completed", "completed")]
    [enrolment] = enrolments(automation)
    assert enrolment.status == "completed" and enrolment.next_run_at is None and enrolment.source == "api"
    assert enrolment.data == {"source": "api"}
    assert engine.stats(automation) == {"total_enrolled": 1, "currently_active": 0, "completed": 1, "stopped": 0}
    assert engine.step_counts(automation) == {step: {"waiting": 0, "passed": 1, "left": 0}
                                              for step in ("wait", "check", "tag", "done")}
    events = {event.type: event.data for event in db.session.scalars(select(DomainEvent).where(
        DomainEvent.type.like("automation.%")))}
    assert events["automation.enrolled"]["contact_id"] == str(contact.id)
    assert events["automation.enrolled"]["automation_id"] == str(automation.id)
    assert events["automation.enrolled"]["enrollment_id"] == str(enrolment_id)
    assert events["automation.completed"]["status"] == "completed"


def test_entry_rules_once_one_at_a_time_and_every_time(organization):
    contact = ContactFactory(organization=organization)
    waiting = [{"id": "pause", "type": "wait", "delay": "1 day"}]
    once = make_automation(organization, waiting, entry_rule="once")
    one_at_a_time = make_automation(organization, waiting, entry_rule="one_at_a_time")
    every_time = make_automation(organization, waiting, entry_rule="every_time")

    for automation in (once, one_at_a_time, every_time):
        assert enrol(automation, contact) is not None
    assert enrol(once, contact) is None and enrol(one_at_a_time, contact) is None
    assert enrol(every_time, contact) is not None

    travel_and_run(NOW + timedelta(days=1, seconds=5))  # everyone finished their wait
    assert enrol(once, contact) is None  # once ever
    assert enrol(one_at_a_time, contact) is not None  # no longer enrolled: may enter again
    assert [len(enrolments(a)) for a in (once, one_at_a_time, every_time)] == [1, 2, 2]


def test_a_wait_holds_until_its_time_then_the_email_is_queued_with_footer_and_unsubscribe(organization):
    template = email_template(organization, name="Welcome")
    contact = ContactFactory(organization=organization, first_name="Ada")
    automation = make_automation(organization, [
        {"id": "wait", "type": "wait", "delay": "2 days"},
        {"id": "send", "type": "send_email", "template_id": str(template.id), "subject": "Welcome, {{ first_name }}"}])

    enrolment_id = enrol(automation, contact)
    travel_and_run(NOW + timedelta(days=2) - timedelta(minutes=1))
    assert automation_messages(automation) == []
    assert engine.step_counts(automation)["wait"]["waiting"] == 1

    travel_and_run(NOW + timedelta(days=2, seconds=2))
    [message] = automation_messages(automation)
    assert message.subject == "Welcome, Ada" and message.to == contact.email and message.status in ("queued", "sent")
    assert "Unsubscribe" in message.text or "unsubscribe" in message.text.lower()
    runs = db.session.scalars(select(AutomationStepRun).where(AutomationStepRun.step_type == "send_email")).all()
    assert [(run.outcome, run.message_id) for run in runs] == [("done", message.id)]
    assert history(enrolment_id)[-1] == ("send", "completed", "completed")


def test_an_unsubscribed_contact_is_skipped_and_the_reason_noted(organization):
    template = email_template(organization)
    contact = ContactFactory(organization=organization)
    automation = make_automation(organization, [
        {"id": "wait", "type": "wait", "delay": "1 hour"},
        {"id": "send", "type": "send_email", "template_id": str(template.id)},
        {"id": "tag", "type": "add_tag", "tag": "went-through"}])
    enrol(automation, contact)
    with unit_of_work(organization.id):
        unsubscribe(db.session.get(Contact, contact.id), reason="too many emails")

    travel_and_run(NOW + timedelta(hours=1, seconds=2))
    assert automation_messages(automation) == []
    run = db.session.scalar(select(AutomationStepRun).where(AutomationStepRun.step_type == "send_email"))
    assert run.outcome == "skipped" and "unsubscribed" in run.detail.lower()
    assert tags_of(contact) == ["went-through"]  # the rest of the automation went on


def test_a_wait_until_a_weekday_and_local_time_uses_the_business_zone(organization):
    contact = ContactFactory(organization=organization)  # the business is in America/New_York
    automation = make_automation(organization, [
        {"id": "monday", "type": "wait", "until": {"weekday": "monday", "time": "09:30"}},
        {"id": "tag", "type": "add_tag", "tag": "monday"}])
    enrol(automation, contact)
    [enrolment] = enrolments(automation)
    due = enrolment.next_run_at.astimezone(ZoneInfo("America/New_York"))
    assert (due.strftime("%A %H:%M"), due > NOW, due - NOW <= timedelta(days=7)) == ("Monday 09:30", True, True)

    travel_and_run(due - timedelta(seconds=1))
    assert tags_of(contact) == []
    travel_and_run(due + timedelta(seconds=1))
    assert tags_of(contact) == ["monday"]


def record_event_for(organization, contact, name, properties=None):
    with unit_of_work(organization.id):
        record_events(organization.id, [{"name": name, "contact_id": str(contact.id), "properties": properties or {}}])


def test_wait_for_event_met_follows_on_event_and_timed_out_follows_on_timeout(organization):
    buyer, browser = ContactFactory(organization=organization), ContactFactory(organization=organization)
    automation = make_automation(organization, [
        {"id": "await", "type": "wait_for_event", "event": "purchase_completed", "timeout": "3 days",
         "on_event": "thanks", "on_timeout": "nudge"},
        {"id": "nudge", "type": "add_tag", "tag": "nudged"},
        {"id": "stop", "type": "exit"},
        {"id": "thanks", "type": "add_tag", "tag": "bought"}])
    buyer_enrolment, browser_enrolment = enrol(automation, buyer), enrol(automation, browser)
    assert {e.waiting_for_event for e in enrolments(automation)} == {"purchase_completed"}

    travel_and_run(NOW + timedelta(days=1))
    record_event_for(organization, buyer, "purchase_completed")
    assert tags_of(buyer) == ["bought"] and tags_of(browser) == []
    assert history(buyer_enrolment)[1:] == [("await", "wait_for_event", "met"), ("thanks", "add_tag", "done"),
                                            ("thanks", "completed", "completed")]

    travel_and_run(NOW + timedelta(days=3, seconds=2))
    assert tags_of(browser) == ["nudged"] and tags_of(buyer) == ["bought"]
    assert history(browser_enrolment)[1][2] == "timed_out"
    assert engine.stats(automation)["completed"] == 2


def test_conditions_on_tags_fields_lists_and_events_since_entering_branch_and_go_to(organization):
    with unit_of_work(organization.id):
        vip_list = create_list(organization.id, {"name": "VIP"})
    vip = ContactFactory(organization=organization, custom_fields={"plan": "pro"})
    plain = ContactFactory(organization=organization, custom_fields={"plan": "free"})
    with unit_of_work(organization.id):
        add_members(vip_list, [vip.id])
    automation = make_automation(organization, [
        {"id": "plan", "type": "condition", "if": {"field": "plan", "operator": "equals", "value": "PRO"},
         "then": "continue", "else": "free"},
        {"id": "listed", "type": "condition", "if": {"list_id": str(vip_list.id)}, "then": "continue", "else": "exit"},
        {"id": "pro", "type": "add_tag", "tag": "pro"},
        {"id": "bought", "type": "condition", "if": {"event": "purchase"}, "then": "exit", "else": "continue"},
        {"id": "later", "type": "wait", "delay": "1 day"},
        {"id": "again", "type": "condition", "if": {"event": "purchase"}, "then": "buyer", "else": "exit"},
        {"id": "free", "type": "add_tag", "tag": "free"},
        {"id": "buyer", "type": "condition", "if": {"tag": "pro"}, "then": "continue", "else": "exit"},
        {"id": "tag-buyer", "type": "add_tag", "tag": "buyer"}])

    enrol(automation, vip), enrol(automation, plain)
    assert tags_of(vip) == ["pro"] and tags_of(plain) == ["free"]  # plain: went to "free", then "buyer" said no
    record_event_for(organization, vip, "purchase")
    travel_and_run(NOW + timedelta(days=1, seconds=2))
    assert tags_of(vip) == ["buyer", "pro"]
    [vip_enrolment] = [e for e in enrolments(automation) if e.contact_id == vip.id]
    assert [step for step, kind, _ in history(vip_enrolment.id) if kind != "enrolled"] == [
        "plan", "listed", "pro", "bought", "later", "again", "buyer", "tag-buyer", "tag-buyer"]
    assert engine.step_counts(automation)["buyer"] == {"waiting": 0, "passed": 2, "left": 1}


def test_lists_tags_and_the_team_are_told(organization, owner):
    with unit_of_work(organization.id):
        newsletter = create_list(organization.id, {"name": "Newsletter"})
    contact = ContactFactory(organization=organization, first_name="Grace")
    with unit_of_work(organization.id):
        contact = db.session.get(Contact, contact.id)
        contact.tag_rows = __import__("nudgeweb.contacts.operations", fromlist=["tags_named"]).tags_named(
            organization.id, ["lead"])
    automation = make_automation(organization, [
        {"id": "join", "type": "add_to_list", "list_id": str(newsletter.id)},
        {"id": "untag", "type": "remove_tag", "tag": "lead"},
        {"id": "tell", "type": "notify_team", "subject": "A lead joined", "message": "Call them today."},
        {"id": "wait", "type": "wait", "delay": "1 week"},
        {"id": "leave", "type": "remove_from_list", "list_id": str(newsletter.id)}])
    enrol(automation, contact)

    members = lambda: db.session.scalars(select(ListMembership.contact_id).where(  # noqa: E731
        ListMembership.list_id == newsletter.id)).all()
    assert members() == [contact.id] and tags_of(contact) == []
    [notice] = db.session.scalars(select(Message).where(Message.purpose == "automation_notice")).all()
    assert notice.to == owner.user.email and notice.subject == "A lead joined"
    assert "Call them today." in notice.text and "Grace" in notice.text
    travel_and_run(NOW + timedelta(weeks=1, seconds=2))
    assert members() == []


def test_pause_holds_everyone_and_start_runs_what_came_due(organization):
    contact = ContactFactory(organization=organization)
    automation = make_automation(organization, [{"id": "wait", "type": "wait", "delay": "1 hour"},
                                                {"id": "tag", "type": "add_tag", "tag": "after-the-pause"}])
    enrol(automation, contact)
    with unit_of_work(organization.id):
        paused = db.session.get(Automation, automation.id)
        paused.status = "paused"
        assert engine.paused(paused) == 1

    travel_and_run(NOW + timedelta(hours=3))
    assert tags_of(contact) == []
    [enrolment] = enrolments(automation)
    assert enrolment.status == "active" and enrolment.step_id == "wait" and enrolment.next_run_at == NOW + timedelta(hours=1)

    with unit_of_work(organization.id):
        started = db.session.get(Automation, automation.id)
        started.status = "active"
        engine.started(started)
    assert tags_of(contact) == ["after-the-pause"]


def test_editing_moves_enrolments_off_removed_steps_to_the_next_surviving_one(organization):
    first, second = ContactFactory(organization=organization), ContactFactory(organization=organization)
    old_steps = [{"id": "a", "type": "wait", "delay": "1 day"}, {"id": "b", "type": "wait", "delay": "1 day"},
                 {"id": "c", "type": "add_tag", "tag": "c"}, {"id": "d", "type": "wait", "delay": "5 days"}]
    automation = make_automation(organization, old_steps)
    enrol(automation, first)
    travel_and_run(NOW + timedelta(days=1, seconds=2))
    enrol(automation, second)  # first is on b, second on a
    with unit_of_work(organization.id):
        edited = db.session.get(Automation, automation.id)
        edited.steps = [old_steps[0], old_steps[3]]
        assert engine.steps_changed(edited, old_steps) == 1
    [moved] = [e for e in enrolments(automation) if e.contact_id == first.id]
    assert moved.step_id == "d" and moved.next_run_at == NOW + timedelta(days=1, seconds=2) + timedelta(days=5)
    [kept] = [e for e in enrolments(automation) if e.contact_id == second.id]
    assert kept.step_id == "a"


def test_a_step_task_delivered_twice_runs_each_step_once(organization):
    contacts = [ContactFactory(organization=organization) for _ in range(3)]
    automation = make_automation(organization, [{"id": "wait", "type": "wait", "delay": "1 hour"},
                                                {"id": "tag", "type": "add_tag", "tag": "once"}])
    for contact in contacts:
        enrol(automation, contact)
    travel_and_run(NOW + timedelta(hours=1, seconds=2))
    for _ in range(2):  # the same task again, late (a consumer that re-ran it after a crash)
        run_automation_steps(organization.id.hex, automation.id.hex)
    runs = db.session.scalar(select(func.count()).where(AutomationStepRun.automation_id == automation.id,
                                                        AutomationStepRun.step_id == "tag",
                                                        AutomationStepRun.outcome == "done"))
    assert runs == 3
    assert engine.stats(automation) == {"total_enrolled": 3, "currently_active": 0, "completed": 3, "stopped": 0}


def test_a_worker_whose_lease_ran_out_while_another_ran_its_batch_writes_nothing(organization):
    contacts = [ContactFactory(organization=organization) for _ in range(3)]
    automation = make_automation(organization, [{"id": "wait", "type": "wait", "delay": "1 hour"},
                                                {"id": "tag", "type": "add_tag", "tag": "once"}])
    for contact in contacts:
        enrol(automation, contact)
    huey.flush()  # the two workers below take the batch themselves
    due = NOW + timedelta(hours=1, seconds=2)
    stalled = engine._claim(AutomationEnrollment.next_run_at <= due, automation.id, due)
    assert len(stalled) == 3
    engine.run_due(automation.id, due + engine.LEASE + timedelta(seconds=1))  # the lease ran out: another takes them
    assert engine._run_claimed(automation.id, stalled, due) == 0  # the stalled worker wakes: its tokens have moved
    runs = db.session.scalars(select(AutomationStepRun.outcome).where(AutomationStepRun.automation_id == automation.id,
                                                                      AutomationStepRun.step_type == "add_tag")).all()
    assert runs == ["done"] * 3  # (the stalled worker's "already tagged" went with its rollback)
    assert [tags_of(contact) for contact in contacts] == [["once"]] * 3
    assert engine.stats(automation) == {"total_enrolled": 3, "currently_active": 0, "completed": 3, "stopped": 0}


def test_the_sweep_runs_enrolments_whose_task_was_lost(organization):
    contact = ContactFactory(organization=organization)
    automation = make_automation(organization, [{"id": "wait", "type": "wait", "delay": "1 hour"},
                                                {"id": "tag", "type": "add_tag", "tag": "swept"}])
    enrol(automation, contact)
    huey.flush()  # its scheduled task is lost
    travel_and_run(NOW + timedelta(hours=1, minutes=1))
    assert tags_of(contact) == []
    from nudgeweb import clock
    from nudgeweb.automations.tasks import sweep_automations
    clock.travel_to(NOW + timedelta(hours=1, minutes=3))
    assert sweep_automations.call_local() == 1
    assert tags_of(contact) == ["swept"]


def test_a_deleted_contact_or_automation_takes_its_enrolments_along(organization):
    contact, other = ContactFactory(organization=organization), ContactFactory(organization=organization)
    automation = make_automation(organization, [{"id": "wait", "type": "wait", "delay": "1 day"}])
    enrol(automation, contact), enrol(automation, other)
    with unit_of_work(organization.id):
        delete_contact(db.session.get(Contact, contact.id))
    assert [e.contact_id for e in enrolments(automation)] == [other.id]
    with unit_of_work(organization.id):
        db.session.delete(db.session.get(Automation, automation.id))
    assert db.session.scalar(select(func.count()).select_from(AutomationEnrollment)) == 0
    assert db.session.scalar(select(func.count()).select_from(AutomationStepRun)) == 0


def test_a_dry_run_says_what_would_happen_and_when_and_changes_nothing(organization):
    template = email_template(organization, name="Come back")
    contact = ContactFactory(organization=organization, custom_fields={"plan": "free"})
    automation = make_automation(organization, [
        {"id": "wait", "type": "wait", "delay": "2 days"},
        {"id": "send", "type": "send_email", "template_id": str(template.id)},
        {"id": "await", "type": "wait_for_event", "event": "purchase", "timeout": "1 week", "on_event": "exit",
         "on_timeout": "continue"},
        {"id": "plan", "type": "condition", "if": {"field": "plan", "operator": "equals", "value": "pro"},
         "then": "continue", "else": "exit"},
        {"id": "tag", "type": "add_tag", "tag": "pro"}])
    start = datetime(2026, 3, 2, 14, 0, tzinfo=ZoneInfo("UTC"))

    lines = engine.dry_run(automation, db.session.get(Contact, contact.id), start)

    assert [(line["at"] - start, line["step_id"]) for line in lines] == [
        (timedelta(0), None), (timedelta(days=2), "wait"), (timedelta(days=2), "send"),
        (timedelta(days=9), "await"), (timedelta(days=9), "plan"), (timedelta(days=9), "plan")]
    assert "“Come back”" in lines[2]["text"]
    assert "if it happens, leaves the automation" in lines[3]["text"]
    assert "no" in lines[4]["text"] and lines[-1]["text"] == "Leaves the automation"
    assert enrolments(automation) == [] and tags_of(contact) == []


def test_steps_that_loop_at_once_stop_after_a_hundred_and_say_why(organization):
    contact = ContactFactory(organization=organization)
    automation = make_automation(organization, [
        {"id": "again", "type": "add_tag", "tag": "x"},
        {"id": "loop", "type": "condition", "if": {"tag": "x"}, "then": "again", "else": "exit"}])
    enrol(automation, contact)
    [enrolment] = enrolments(automation)
    assert enrolment.status == "exited" and "loop" in enrolment.exit_reason
    assert len(history(enrolment.id)) == 1 + engine.MAX_STEPS_AT_ONCE + 1


def test_waiting_for_a_review_rating_moves_on_when_the_customer_rates(organization):
    from nudgeweb.models import ReviewRequest
    from nudgeweb.reviews import operations as reviews
    from tests.reviews_support import give_review_link

    give_review_link(organization)
    with unit_of_work(organization.id):
        request = reviews.create_review_request(organization, {"email": "rater@example.com"}, 0)
    contact = db.session.get(Contact, request.contact_id)
    automation = make_automation(organization, [
        {"id": "await", "type": "wait_for_event", "event": "review_rated", "timeout": "2 days"},
        {"id": "thanks", "type": "add_tag", "tag": "rated"}])
    enrol(automation, contact)
    with unit_of_work(organization.id):
        reviews.rate(db.session.get(ReviewRequest, request.id), 5)
    assert tags_of(contact) == ["rated"]
