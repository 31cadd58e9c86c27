"""The employee's page link, /e/<token>: signed (participant id, secret), so it is per employee and
period, needs no password, and stops working when the secret is replaced or cleared (revoked).
It expires LINK_GRACE after the period's last day. Nudges carry it as a link made at send time
(delivery/sealed.py): the stored message, which the Outbox shows, never holds it. The business hands
these links out itself (the owner sees each one on the period's page), so nudges leave through its own
SMTP server or Twilio account when it has them."""
import uuid
from datetime import timedelta

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import and_, select

from nudgeweb import clock
from nudgeweb.delivery.sealed import links_made_at_send
from nudgeweb.models import Organization, db
from nudgeweb.models.employees import CampaignParticipant, Nudge
from nudgeweb.nudges.schedule import period_bounds, zone_of
from nudgeweb.unit_of_work import ACROSS_ORGANIZATIONS, enter_organization

SALT = "nudge.employee-page"
LINK_GRACE = timedelta(days=7)


class LinkRevoked(Exception):
    pass


class LinkExpired(Exception):
    def __init__(self, participant):
        super().__init__("expired")
        self.participant = participant


def _serializer():
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def employee_token(participant):
    return _serializer().dumps([participant.id.hex, participant.link_secret])


def employee_link(participant):
    return f"{current_app.config['BASE_URL']}/e/{employee_token(participant)}"


def participant_for_token(token, now=None):
    """The participant a link names, its organization now in force; None when forged; LinkRevoked or
    LinkExpired when it no longer works."""
    try:
        participant_hex, secret = _serializer().loads(token)
    except (BadSignature, ValueError, TypeError):
        return None
    # The signed link is the employee's credential: whose organization it is, we learn from the row.
    found = db.session.scalar(select(CampaignParticipant).where(CampaignParticipant.id == _uuid(participant_hex))
                              .execution_options(**ACROSS_ORGANIZATIONS))
    if found is None or found.link_secret is None or found.link_secret != secret:
        raise LinkRevoked()
    enter_organization(found.organization_id)  # the rest of the request reads that business's rows only
    if has_expired(found, now or clock.now()):
        raise LinkExpired(found)
    return found


def has_expired(participant, now):
    period = participant.campaign_period
    organization = db.session.get(Organization, period.organization_id)
    _start, end = period_bounds(period, zone_of(organization))
    return now >= end + LINK_GRACE


def _uuid(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


@links_made_at_send("nudge", install_transport=False)
def nudge_links(messages):
    """The live links of these nudges' messages (one read for the batch); None for a participant whose
    link was revoked."""
    found = {row.nudge_id: row for row in db.session.execute(
        select(Nudge.id.label("nudge_id"), CampaignParticipant.id, CampaignParticipant.link_secret)
        .join(CampaignParticipant, and_(Nudge.campaign_period_id == CampaignParticipant.campaign_period_id,
                                        Nudge.employee_id == CampaignParticipant.employee_id,
                                        Nudge.organization_id == CampaignParticipant.organization_id))
        .where(Nudge.id.in_({message.purpose_id for message in messages}),
               Nudge.organization_id.in_({message.organization_id for message in messages})))}
    links = {}
    for message in messages:
        participant = found.get(message.purpose_id)
        links[message.id] = employee_link(participant) if participant and participant.link_secret else None
    return links
