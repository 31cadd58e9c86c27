"""Messages stored one at a time (an integration's review requests) go out in batches: one send task
is queued for an organization while none waits, and it sends everything of that organization that is
due; a message committed while that task runs queues the next one. Nothing is stranded, nothing twice."""
import time
from datetime import timedelta

from nudgeweb.delivery import queue_message
from nudgeweb.delivery.tasks import send_due_messages
from nudgeweb.extensions import huey
from nudgeweb.models import Message, db, utcnow
from tests.conftest import commit_test_work, running_consumer
from tests.delivery_support import email_template, smtp  # noqa: F401
from tests.factories import ContactFactory, OrganizationFactory


def queue_one_by_one(organization, addresses, template=None, **options):
    """Each message stored and committed on its own, as separate API requests would."""
    template = template or email_template(organization, name=f"Offer to {addresses[0]}")
    for address in addresses:
        queue_message(ContactFactory(organization=organization, email=address), "email", template,
                      purpose="campaign", **options)
        commit_test_work()


def run_queued_tasks():
    """Run what waits in Huey's queue (and what those tasks queue) as a consumer would: a task for later
    goes to the schedule. Returns how many ran."""
    ran = 0
    while (task := huey.dequeue()) is not None:
        if not huey.ready_to_run(task):
            huey.add_schedule(task)
            continue
        huey.execute(task)
        ran += 1
    return ran


def statuses_of(organization):
    return sorted(db.session.scalars(db.select(Message.status).where(Message.organization_id == organization.id)))


def wait_until(predicate, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_a_burst_of_messages_queued_one_by_one_is_sent_once_each_by_a_few_tasks(smtp, organization, huey_queue, app):
    addresses = [f"burst{n}@example.net" for n in range(20)]
    app.config["SEND_BATCH_SIZE"] = 8
    try:
        queue_one_by_one(organization, addresses)
        assert huey.pending_count() == 1  # the first message's task; the other 19 found it queued
        assert run_queued_tasks() == 3  # 8 + 8 + 4: each full batch asks for the next
    finally:
        app.config["SEND_BATCH_SIZE"] = 250
    assert sorted(m["To"] for m in smtp.sink.messages) == sorted(addresses)
    assert statuses_of(organization) == ["sent"] * 20


def test_a_message_committed_while_the_task_sends_goes_out_with_the_next_task(smtp, organization, huey_queue, app):
    template = email_template(organization)
    smtp.sink.hold_after = 0  # the first message waits in DATA: its task has claimed it and is sending
    app.config["SEND_RETRY_BASE_SECONDS"] = 0  # (the held one is refused at last: tried again at once)
    try:
        queue_one_by_one(organization, ["first@example.net"], template)
        with running_consumer():
            assert smtp.sink.holding.wait(20), "the task never reached the first message"
            smtp.sink.hold_after = None
            queue_one_by_one(organization, ["second@example.net"], template)  # after the first task's claim
            assert wait_until(lambda: smtp.sink.to("second@example.net")), "the second message was stranded"
            smtp.sink.release.set()
            assert wait_until(lambda: statuses_of(organization) == ["sent", "sent"])
    finally:
        app.config["SEND_RETRY_BASE_SECONDS"] = 60
    assert sorted(m["To"] for m in smtp.sink.messages) == ["first@example.net", "second@example.net"]


def test_a_task_due_now_gathers_a_burst_before_it_claims(smtp, organization, huey_queue, app):
    template = email_template(organization)
    app.config["SEND_GATHER_SECONDS"] = 1
    try:
        queue_one_by_one(organization, ["first@example.net"], template)
        with running_consumer():
            assert wait_until(lambda: huey.pending_count() == 0), "the consumer never took the task"
            queue_one_by_one(organization, [f"burst{n}@example.net" for n in range(3)], template)  # while it waits
            assert huey.pending_count() == 0  # its flag is still up: no task of their own
            assert wait_until(lambda: statuses_of(organization) == ["sent"] * 4), "the burst was not sent"
    finally:
        app.config["SEND_GATHER_SECONDS"] = 0
    assert len(smtp.sink.messages) == 4


def test_messages_committed_before_the_task_runs_go_with_it(smtp, organization, huey_queue):
    queue_one_by_one(organization, ["early@example.net"])
    task = huey.dequeue()  # taken by a worker, not run yet: the flag still says a task is queued
    queue_one_by_one(organization, ["meanwhile@example.net"])
    assert huey.pending_count() == 0
    huey.execute(task)
    assert sorted(m["To"] for m in smtp.sink.messages) == ["early@example.net", "meanwhile@example.net"]
    queue_one_by_one(organization, ["after@example.net"])  # the task cleared its flag: this one queues another
    assert run_queued_tasks() == 1
    assert statuses_of(organization) == ["sent"] * 3


def test_one_organizations_task_sends_none_of_anothers_messages(smtp, organization, huey_queue):
    other = OrganizationFactory()
    queue_one_by_one(other, ["theirs@example.net"])
    queue_one_by_one(organization, ["ours@example.net"])
    assert huey.pending_count() == 2  # one each
    send_due_messages.call_local(organization.id.hex)
    assert [m["To"] for m in smtp.sink.messages] == ["ours@example.net"]
    assert statuses_of(other) == ["queued"]
    run_queued_tasks()
    assert statuses_of(other) == ["sent"]
    assert sorted(m["To"] for m in smtp.sink.messages) == ["ours@example.net", "theirs@example.net"]


def test_a_message_due_later_waits_for_its_own_task(smtp, organization, huey_queue):
    queue_one_by_one(organization, ["later@example.net"], send_at=utcnow() + timedelta(hours=2))
    queue_one_by_one(organization, ["now@example.net"])
    assert run_queued_tasks() == 1  # the later one's task goes to the schedule, the other's sends now
    assert [m["To"] for m in smtp.sink.messages] == ["now@example.net"]
    assert statuses_of(organization) == ["queued", "sent"]
    scheduled = huey.scheduled()
    assert [task.name for task in scheduled] == ["send_due_messages"]
    assert scheduled[0].eta > utcnow().replace(tzinfo=None) + timedelta(minutes=119)


def test_a_flag_whose_task_was_lost_is_taken_over_once_it_is_old(smtp, organization, huey_queue):
    queue_one_by_one(organization, ["first@example.net"])
    huey.storage.flush_queue()  # the task is lost (as if its web process died before queueing it)
    queue_one_by_one(organization, ["second@example.net"])
    assert huey.pending_count() == 0  # the flag still says a task is queued
    flag = f"send-due.{organization.id.hex}"
    token, _expires = huey.get(flag, peek=True)
    huey.delete(flag)
    huey.put(flag, (token, time.time() - 1))  # its time ran out
    queue_one_by_one(organization, ["third@example.net"])
    assert run_queued_tasks() == 1
    assert statuses_of(organization) == ["sent"] * 3


def test_the_stalled_sends_sweep_queues_a_task_though_a_young_flag_says_one_is_queued(smtp, organization, huey_queue, app):
    """A worker killed after taking its task off the queue leaves the flag up: the sweep that puts its
    messages back in the queue must not trust that flag (the campaign crash test met this)."""
    from nudgeweb.delivery.tasks import recover_stalled_sends

    queue_one_by_one(organization, ["stranded@example.net"])
    huey.storage.flush_queue()  # the task died with its worker; the flag is young and still up
    db.session.execute(db.update(Message).values(status="sending", claimed_at=utcnow() - timedelta(hours=1)))
    commit_test_work()
    app.config["SEND_LEASE_SECONDS"] = 0
    recover_stalled_sends.call_local()
    assert run_queued_tasks() == 1
    assert statuses_of(organization) == ["sent"]
    assert [m["To"] for m in smtp.sink.messages] == ["stranded@example.net"]


def test_a_message_whose_task_was_lost_with_the_flag_up_goes_out_with_the_sweep_minutes_later(smtp, organization,
                                                                                              huey_queue):
    """A task handed to a worker that died as it took it (the flag young and up, no claim to find stale): the
    message waits minutes, not until the flag's next taker or an hour."""
    from nudgeweb.delivery.tasks import recover_stalled_sends

    queue_one_by_one(organization, ["waiting@example.net"])
    huey.storage.flush_queue()
    recover_stalled_sends.call_local()
    assert run_queued_tasks() == 0  # just due: its task may well be on its way
    db.session.execute(db.update(Message).values(send_at=utcnow() - timedelta(minutes=3)))
    commit_test_work()
    recover_stalled_sends.call_local()
    assert run_queued_tasks() == 1
    assert statuses_of(organization) == ["sent"]
