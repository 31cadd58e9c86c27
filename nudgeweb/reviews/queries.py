"""Reading review requests: the pipeline list (pages and API share it) and the dashboard figures, in SQL."""
import uuid
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, or_, select

from nudgeweb import clock
from nudgeweb.delivery.setup import sending_is_set_up
from nudgeweb.models import db
from nudgeweb.models.contacts import Contact
from nudgeweb.models.messages import Message
from nudgeweb.models.reviews import CHANNELS, STATUSES, ReviewRequest

SORTS = {"created_at": ReviewRequest.created_at, "scheduled_for": ReviewRequest.scheduled_for,
         "status": ReviewRequest.status}
FILTERS = ("status", "channel", "contact_id", "employee_id", "created_after", "search")
DEFAULT_SORT = "-created_at"
REACHED = {"sent": ReviewRequest.sent_at, "opened": ReviewRequest.opened_at, "clicked": ReviewRequest.clicked_at,
           "reviewed": ReviewRequest.reviewed_at}


class BadFilter(ValueError):
    def __init__(self, field, message):
        super().__init__(message)
        self.field = field


def _uuid(field, value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise BadFilter(field, f"{field} must be a UUID.")


def _moment(field, value):
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise BadFilter(field, f"{field} must be a date or an ISO 8601 time.")
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def known_filters(filters):
    """``filters`` without the status and channel values that are not known ones (made blank)."""
    known = dict(filters)
    if known.get("reached") and known["reached"] not in REACHED:
        known["reached"] = ""
    if known.get("status") and set(known["status"].split(",")) - set(STATUSES):
        known["status"] = ""
    if known.get("channel") and known["channel"] not in CHANNELS:
        known["channel"] = ""
    return known


def parse_sort(sort):
    """[(column name, descending)] from "-created_at,status"; BadFilter for an unknown name."""
    keys = []
    for part in (sort or DEFAULT_SORT).split(","):
        name = part.strip().lstrip("-")
        if name not in SORTS:
            raise BadFilter("sort", f"Sort by one of {', '.join(SORTS)}.")
        keys.append((name, part.strip().startswith("-")))
    return keys


def requests_query(organization_id, filters=None, sort=None):
    """A Select of ReviewRequest (joined to its contact), filtered and sorted; BadFilter for bad values."""
    order = [SORTS[name].desc() if descending else SORTS[name] for name, descending in parse_sort(sort)]
    return filtered_requests(organization_id, filters).order_by(*order, ReviewRequest.id.desc())


def filtered_requests(organization_id, filters=None):
    """A Select of ReviewRequest matching ``filters`` (see FILTERS), unsorted."""
    filters = {key: value for key, value in (filters or {}).items() if value not in (None, "")}
    query = (select(ReviewRequest).join(Contact, Contact.id == ReviewRequest.contact_id)
             .where(ReviewRequest.organization_id == organization_id))
    if "status" in filters:
        statuses = str(filters["status"]).split(",")
        if set(statuses) - set(STATUSES):
            raise BadFilter("status", f"status must be one of {', '.join(STATUSES)}.")
        query = query.where(ReviewRequest.status.in_(statuses))
    if filters.get("reached") in REACHED:  # the pipeline's funnel: every request that got at least this far
        query = query.where(REACHED[filters["reached"]].is_not(None))
    if "channel" in filters:
        if filters["channel"] not in CHANNELS:
            raise BadFilter("channel", f"channel must be one of {', '.join(CHANNELS)}.")
        query = query.where(ReviewRequest.channel == filters["channel"])
    if "contact_id" in filters:
        query = query.where(ReviewRequest.contact_id == _uuid("contact_id", filters["contact_id"]))
    if "employee_id" in filters:
        query = query.where(ReviewRequest.employee_id == _uuid("employee_id", filters["employee_id"]))
    if "created_after" in filters:
        query = query.where(ReviewRequest.created_at >= _moment("created_after", filters["created_after"]))
    if "search" in filters:
        words = str(filters["search"]).lower().split()
        query = query.where(*(Contact.search_text.contains(word, autoescape=True) for word in words))
    return query


def status_choices(sends_for_real):
    """(status, label) of the pipeline's status filter: while nothing leaves the machine, a request "sent" was
    kept in the Outbox, and its choice says so (as the funnel's first step does)."""
    return [(status, "Kept in the Outbox" if status == "sent" and not sends_for_real else status.capitalize())
            for status in STATUSES]


def kept_in_outbox(organization_id, request_ids):
    """The ids among ``request_ids`` whose message went to the local outbox (reached no one)."""
    if not request_ids:
        return set()
    return set(db.session.scalars(
        select(Message.purpose_id).where(
            Message.organization_id == organization_id, Message.purpose == "review_request",
            Message.purpose_id.in_(list(request_ids)), Message.backend == "outbox").distinct()
    ))


def held_until(review_request, now):
    """When the request's waiting message goes out, if quiet hours (or a delay) hold it past ``now``; else None."""
    return db.session.scalar(
        select(func.min(Message.send_at)).where(
            Message.organization_id == review_request.organization_id, Message.purpose == "review_request",
            Message.purpose_id == review_request.id, Message.status == "queued", Message.send_at > now))


def contacts_like(organization_id, text, limit=5):
    """The organization's contacts whose name, email or phone hold every word of ``text``, for a lookup."""
    words = text.lower().split()
    return db.session.scalars(
        select(Contact).where(Contact.organization_id == organization_id,
                              *(Contact.search_text.contains(word, autoescape=True) for word in words))
        .order_by(Contact.updated_at.desc()).limit(limit)
    ).all()


def dashboard_figures(organization_id, now=None):
    """Sent this week, click rate and average rating (last 30 days), the latest feedback, and whether sent
    messages reach anyone."""
    now = now or clock.now()
    scope = ReviewRequest.organization_id == organization_id
    sent_this_week = db.session.scalar(
        select(func.count()).where(scope, ReviewRequest.sent_at >= now - timedelta(days=7))
    )
    month = now - timedelta(days=30)
    sent, clicked, average = db.session.execute(
        select(func.count(ReviewRequest.sent_at), func.count(ReviewRequest.clicked_at), func.avg(ReviewRequest.rating))
        .where(scope, ReviewRequest.sent_at >= month)
    ).one()
    ratings = db.session.scalar(select(func.count(ReviewRequest.rating)).where(scope))
    all_time_average = db.session.scalar(select(func.avg(ReviewRequest.rating)).where(scope))
    latest = db.session.scalars(
        select(ReviewRequest).where(scope, or_(ReviewRequest.feedback.is_not(None), ReviewRequest.rating.is_not(None)))
        .order_by(ReviewRequest.reviewed_at.desc().nulls_last(), ReviewRequest.id.desc()).limit(3)
    ).all()
    return {
        "sent_this_week": sent_this_week,
        "click_rate": (clicked / sent) if sent else None,
        "average_rating": float(average) if average is not None else (
            float(all_time_average) if all_time_average is not None else None),
        "ratings": ratings,
        "latest": latest,
        "any": bool(sent_this_week or sent or ratings),
        "sends_for_real": sending_is_set_up(organization_id),  # else "sent" means kept in the outbox
    }
