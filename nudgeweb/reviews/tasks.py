"""Huey tasks of review requests: take ids, check the request, call operations. The receivers at the
end queue them once the transaction that asked for them has committed (reviews.signals)."""
import uuid

from huey import crontab
from huey.exceptions import TaskLockedException
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from nudgeweb import clock
from nudgeweb.extensions import huey
from nudgeweb.models import db
from nudgeweb.models.reviews import ReviewRequest
from nudgeweb.reviews import operations
from nudgeweb.reviews.bulk import send_to_audience
from nudgeweb.reviews.messaging import email_owners_about
from nudgeweb.reviews.signals import review_left, review_step_due
from nudgeweb.unit_of_work import housekeeping_task, organization_task


def _request(organization_id, request_id, lock=False):
    """The request as the database has it now (locked on PostgreSQL when asked: one step at a time)."""
    request = db.session.get(ReviewRequest, uuid.UUID(request_id), populate_existing=True,
                             with_for_update={"of": ReviewRequest} if lock else None)
    if request is None or request.organization_id != organization_id:
        return None
    return request


@organization_task(retries=2, retry_delay=60)
def send_review_step(organization_id, request_ids, step):
    """Step ``step`` of these requests (one id, or a list) at its time; a duplicate or late run finds
    a request done and does nothing for it. Returns what happened (one request), or how often each thing did."""
    ids = [uuid.UUID(request_id) for request_id in ([request_ids] if isinstance(request_ids, str) else request_ids)]
    requests = _requests(organization_id, ids)
    answers = [operations.perform_step(requests[i], step, clock.now()) if i in requests else "missing" for i in ids]
    return answers[0] if len(answers) == 1 else {answer: answers.count(answer) for answer in set(answers)}


def _requests(organization_id, ids):
    """{id: request} as the database has them now, with their contacts, in one query (locked on
    PostgreSQL: one step at a time)."""
    return {request.id: request for request in db.session.scalars(
        select(ReviewRequest).where(ReviewRequest.organization_id == organization_id, ReviewRequest.id.in_(ids))
        .options(selectinload(ReviewRequest.contact))
        .with_for_update(of=ReviewRequest).execution_options(populate_existing=True)
    )}


@organization_task(retries=2, retry_delay=60)
def send_follow_ups(organization_id):
    """The business's follow-ups whose time has come; one run at a time for a business (a run still
    going when the next minute's sweep asks again is left to finish: their rows would only collide)."""
    try:
        with huey.lock_task(f"review-follow-ups.{organization_id.hex}"):
            return operations.send_due_follow_ups(organization_id)
    except TaskLockedException:
        return "running already"


@housekeeping_task(crontab(minute="*"))
def queue_due_follow_ups():
    """Every minute: a task for each business that has a follow-up whose time has come."""
    due = operations.organizations_with_follow_ups_due(clock.now())
    for organization_id in due:
        send_follow_ups(organization_id.hex)
    return len(due)


@organization_task(retries=2, retry_delay=60)
def notify_owners_of_review(organization_id, request_id, kind):
    """Email the business's owners that a customer rated or left feedback."""
    request = _request(organization_id, request_id)
    if request is None:
        return "missing"
    return email_owners_about(request, kind)


@organization_task()
def bulk_send_review_requests(organization_id, audience, delay_hours, insist, user_id):
    """Ask every contact of a filter or segment (see bulk.py); the page showed the counts first."""
    return send_to_audience(organization_id, audience, delay_hours, insist, uuid.UUID(user_id) if user_id else None)


@review_step_due.connect
def queue_review_step(organization_id, request_ids, step, eta):
    send_review_step.schedule(args=(str(organization_id), [str(request_id) for request_id in request_ids], step), eta=eta)


@review_left.connect
def queue_owners_notice(organization_id, request_id, kind):
    notify_owners_of_review(str(organization_id), str(request_id), kind)
