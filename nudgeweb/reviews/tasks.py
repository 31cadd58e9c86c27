"""Huey tasks of review requests: take ids, check the request, call operations."""
import uuid

from nudgeweb.extensions import huey
from nudgeweb.models import db
from nudgeweb.models.reviews import ReviewRequest
from nudgeweb.unit_of_work import enter_organization


def _request(organization_id, request_id, lock=False):
    """The request as the database has it now (locked on PostgreSQL when asked: one step at a time)."""
    enter_organization(uuid.UUID(organization_id))
    request = db.session.get(ReviewRequest, uuid.UUID(request_id), populate_existing=True,
                             with_for_update={"of": ReviewRequest} if lock else None)
    if request is None or request.organization_id != uuid.UUID(organization_id):
        return None
    return request


@huey.task(retries=2, retry_delay=60)
def send_review_step(organization_id, request_id, step):
    """Step ``step`` of one request at its time; a duplicate or late run finds it done and does nothing."""
    from nudgeweb.reviews import clock, operations

    request = _request(organization_id, request_id, lock=True)
    if request is None:
        return "missing"
    return operations.perform_step(request, step, clock.now())


@huey.task(retries=2, retry_delay=60)
def notify_owners_of_review(organization_id, request_id, kind):
    """Email the business's owners that a customer rated or left feedback."""
    from nudgeweb.reviews.messaging import email_owners_about

    request = _request(organization_id, request_id)
    if request is None:
        return "missing"
    return email_owners_about(request, kind)


@huey.task()
def bulk_send_review_requests(organization_id, audience, delay_hours, insist, user_id):
    """Ask every contact of a filter or segment (see bulk.py); the page showed the counts first."""
    from nudgeweb.reviews.bulk import send_to_audience

    enter_organization(uuid.UUID(organization_id))
    return send_to_audience(uuid.UUID(organization_id), audience, delay_hours, insist,
                            uuid.UUID(user_id) if user_id else None)
