"""Who a campaign reaches, as SQL: the contacts of its list, segment or tags (any of them), or every
contact, less its exclusions; of those, the ones that may be messaged on its channel, and how many are
skipped and why. The organization is filtered explicitly, so these run in tasks as in requests."""
import uuid

from sqlalchemy import and_, case, false, func, or_, select

from nudgeweb.contacts.queries import conditions
from nudgeweb.models import db
from nudgeweb.models.campaigns import ListMembership
from nudgeweb.models.contacts import Contact

SKIP_REASONS = {
    "unsubscribed": "Unsubscribed",
    "bounced": "Bounced before",
    "suppressed": "Marked a message as spam",
    "no_address": "No address for this channel",
}


def has_audience(audience):
    return bool(audience.get("all") or audience.get("list_id") or audience.get("segment_id") or audience.get("tags"))


def _in_lists(list_ids):
    ids = [uuid.UUID(str(list_id)) for list_id in list_ids]  # the audience keeps them as text (JSON)
    return Contact.id.in_(select(ListMembership.contact_id).where(
        ListMembership.list_id.in_(ids), ListMembership.status == "subscribed"))


def audience_conditions(organization_id, audience):
    """WHERE conditions for the contacts a campaign's audience names (whatever their status)."""
    found = [Contact.organization_id == organization_id]
    if not audience.get("all"):
        chosen = []
        if audience.get("list_id"):
            chosen.append(_in_lists([audience["list_id"]]))
        for key, value in (("segment_id", audience.get("segment_id")), ("tag", audience.get("tags"))):
            if value:
                chosen.append(and_(*conditions(organization_id, {key: value})))
        found.append(or_(*chosen) if chosen else false())
    if audience.get("exclude_list_ids"):
        found.append(~_in_lists(audience["exclude_list_ids"]))
    if audience.get("exclude_tags"):
        found.append(~and_(*conditions(organization_id, {"tag": audience["exclude_tags"]})))
    return found


def _address(channel):
    return Contact.email if channel == "email" else Contact.phone


def eligible(channel):
    """The condition a recipient meets: subscribed, with an address for ``channel``."""
    return and_(Contact.status == "subscribed", _address(channel).is_not(None))


def recipients_query(organization_id, audience, channel):
    """The ids of the contacts the campaign will be sent to, as a Select."""
    return select(Contact.id).where(*audience_conditions(organization_id, audience), eligible(channel))


def count(organization_id, audience, channel):
    """{"total", "will_send", "unsubscribed", "bounced", "suppressed", "no_address"} in one aggregate."""
    if not has_audience(audience):
        return dict.fromkeys(("total", "will_send", *SKIP_REASONS), 0)
    no_address = _address(channel).is_(None)

    def count_when(condition):
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    row = db.session.execute(select(
        func.count(),
        count_when(Contact.status == "unsubscribed"),
        count_when(Contact.status == "bounced"),
        count_when(Contact.status == "complained"),
        count_when(and_(Contact.status == "subscribed", no_address)),
    ).where(*audience_conditions(organization_id, audience))).one()
    total, unsubscribed, bounced, suppressed, missing = (int(value or 0) for value in row)
    return {"total": total, "will_send": total - unsubscribed - bounced - suppressed - missing,
            "unsubscribed": unsubscribed, "bounced": bounced, "suppressed": suppressed, "no_address": missing}


def first_recipient(organization_id, audience, channel):
    """The contact who will get the campaign first (the preview shows the message as they get it)."""
    if not has_audience(audience):
        return None
    contact_id = db.session.scalar(recipients_query(organization_id, audience, channel).order_by(Contact.id).limit(1))
    return db.session.get(Contact, contact_id) if contact_id else None
