"""Sending a campaign: the audience fixed at the start, batches through the delivery engine, exactly once.

``start`` writes one ``CampaignRecipient`` row (``pending``) per contact who may get the campaign,
in one INSERT … SELECT, commits, queues the first FIRST_BATCH messages itself (their send task is queued at
its commit) and asks for the batches of the rest. A batch (``send_batches``, run by a Huey task)
reads the next pending recipients, renders their messages and, in the same write turn and
transaction as the messages' insert, marks them ``queued`` (``UPDATE … WHERE status = 'pending'``:
two workers never take the same recipient). A worker killed at any point leaves either both the
messages and the marks, or neither; the delivery engine then sends each stored message once.
A contact who unsubscribed since the start is ``skipped`` with the reason.

Pace: an organization sends at most its rate (Settings → Sending; else CAMPAIGN_SMS_RATE, one SMS a second
for Twilio's long codes, and CAMPAIGN_EMAIL_RATE, 0 = as fast as the mail server) across its campaigns, which
share it evenly; a campaign may ask for less (``send_rate``). A throttled one sends one batch of about
BATCH_SECONDS' worth, then the next batch's task at the time it is due. An unthrottled one queues batches
only while fewer than IN_FLIGHT_BATCHES of its batches wait to be sent, so that the send queue (first in,
first out) never holds more than that of one campaign ahead of another business's. Pause stops
asking for batches (what is queued still goes), resume asks again, cancel also withdraws the queued
messages. A sweep (tasks.resume_stalled_campaigns) asks again for a campaign whose batch task was lost.
"""
import re
from datetime import timedelta
from urllib.parse import urlencode, urlsplit
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import Uuid, and_, case, func, literal, select, update

from nudgeweb.campaigns import audience as audiences
from nudgeweb.campaigns.operations import CampaignStateError, check_sendable, content_template
from nudgeweb.campaigns.signals import campaign_batch_due
from nudgeweb.delivery import cancel_queued, queue_messages
from nudgeweb.delivery.operations import recipients_by_id
from nudgeweb.delivery.transports import sending_settings
from nudgeweb.domain_events import record_event
from nudgeweb.models import Organization, db, utcnow
from nudgeweb.models.campaigns import Campaign, CampaignRecipient
from nudgeweb.models.contacts import Contact
from nudgeweb.models.messages import Message
from nudgeweb.sqlite_writer import one_writer
from nudgeweb.unit_of_work import after_commit, checkpoint

BATCH_SECONDS = 10  # a throttled campaign queues about this many seconds' worth of messages at a time
BATCHES_PER_TASK = 20  # an unthrottled one this many batches per task (pause and cancel are heard between)
FIRST_BATCH = 20  # queued by pressing send itself
IN_FLIGHT_BATCHES = 4  # an unthrottled campaign queues more only while fewer of its messages wait than this many batches
BACKPRESSURE_PAUSE = timedelta(seconds=0.5)
STALLED_AFTER = timedelta(minutes=2)
HANDOVER_CHECK = timedelta(seconds=10)
recipients_table = CampaignRecipient.__table__
_HREF = re.compile(r"""(\bhref\s*=\s*)(["'])(https?://[^"'\s>{}]+)\2""", re.IGNORECASE)


def start(campaign, organization, now=None):
    """Fix the audience and start sending now (a draft, or a scheduled campaign whose time came)."""
    check_sendable(campaign, organization)
    now = now or utcnow()
    query = audiences.recipients_query(campaign.organization_id, campaign.audience or {}, campaign.channel)
    db.session.execute(recipients_table.insert().from_select(
        ["campaign_id", "organization_id", "contact_id", "status"],
        query.with_only_columns(literal(campaign.id, Uuid), literal(campaign.organization_id, Uuid), Contact.id,
                                literal("pending")),
    ))
    campaign.total_recipients = db.session.scalar(select(func.count()).select_from(CampaignRecipient).where(
        CampaignRecipient.organization_id == campaign.organization_id, CampaignRecipient.campaign_id == campaign.id))
    campaign.status, campaign.started_at = "sending", now
    if campaign.scheduled_at is None:
        campaign.scheduled_at = now
    db.session.flush()
    if not rate_of(campaign):  # the first few at once, from here: the first message does not wait for a worker
        checkpoint()  # to pick up the batch task, nor for the batch task to compose a whole batch
        _send_batch(campaign, organization, FIRST_BATCH, now)
    after_commit(campaign_batch_due.send, campaign.organization_id, campaign_id=campaign.id, eta=None)
    return campaign


def start_when_due(campaign_id, now=None):
    """The scheduled start: only a campaign still scheduled, and not for later (it was rescheduled)."""
    now = now or utcnow()
    campaign = _campaign(campaign_id)
    if campaign is None or campaign.status != "scheduled":
        return "not scheduled"
    from nudgeweb.campaigns.operations import earliest_start

    due = earliest_start(campaign) if campaign.send_time_optimization else campaign.scheduled_at
    if due > now + timedelta(seconds=5):
        return "not yet"
    start(campaign, db.session.get(Organization, campaign.organization_id), now)
    return "started"


def _campaign(campaign_id):
    """The campaign of the organization in force, as the database has it now."""
    return db.session.scalar(select(Campaign).where(Campaign.id == campaign_id)
                             .execution_options(populate_existing=True))


def rate_of(campaign):
    """Messages a second, or None for as fast as the server takes them: the campaign's own rate, within its share
    of the organization's (Settings → Sending, else CAMPAIGN_EMAIL_RATE / CAMPAIGN_SMS_RATE) split evenly between
    its campaigns sending on that channel now."""
    total = organization_rate(campaign.organization_id, campaign.channel)
    share = total / max(1, _sending_now(campaign)) if total else None
    rates = [rate for rate in (campaign.send_rate, share) if rate]
    return min(rates) if rates else None


def organization_rate(organization_id, channel):
    """The organization's messages a second on ``channel``, across all its campaigns (None: no limit)."""
    own = getattr(sending_settings(organization_id), f"{channel}_rate")
    return own or float(current_app.config.get(f"CAMPAIGN_{channel.upper()}_RATE", 0)) or None


def _sending_now(campaign):
    return db.session.scalar(select(func.count()).select_from(Campaign).where(
        Campaign.organization_id == campaign.organization_id, Campaign.channel == campaign.channel,
        Campaign.status == "sending", Campaign.id != campaign.id)) + 1


def send_batches(campaign_id, now=None):
    """Queue the next batch(es) of a sending campaign; finish it when nobody is left; ask for the next."""
    campaign = _campaign(campaign_id)
    if campaign is None or campaign.status != "sending":
        return 0
    organization = db.session.get(Organization, campaign.organization_id)
    rate = rate_of(campaign)
    limit = current_app.config["SEND_BATCH_SIZE"]
    size = max(1, min(limit, int(rate * BATCH_SECONDS))) if rate else limit
    queued = 0
    for _ in range(1 if rate else BATCHES_PER_TASK):
        if not rate and _waiting(campaign, size) >= IN_FLIGHT_BATCHES * size:
            # its messages wait in the send queue: let other campaigns' tasks (other businesses') in before more
            after_commit(campaign_batch_due.send, campaign.organization_id, campaign_id=campaign.id,
                         eta=(now or utcnow()) + BACKPRESSURE_PAUSE)
            _touch(campaign, now)
            return queued
        done = _send_batch(campaign, organization, size, now)
        queued += done
        if done == 0 and not _pending(campaign):
            _finish_when_handed_over(campaign, now)
            return queued
        if db.session.scalar(select(Campaign.status).where(Campaign.id == campaign_id)) != "sending":
            return queued  # paused or cancelled meanwhile
    eta = (now or utcnow()) + timedelta(seconds=size / rate) if rate else None
    after_commit(campaign_batch_due.send, campaign.organization_id, campaign_id=campaign.id, eta=eta)
    return queued


def _waiting(campaign, size):
    """How many of the campaign's messages wait to be sent (counted up to IN_FLIGHT_BATCHES batches)."""
    waiting = select(Message.id).where(
        Message.status.in_(("queued", "sending")), Message.organization_id == campaign.organization_id,
        Message.purpose == "campaign", Message.purpose_id == campaign.id,
        Message.send_at <= utcnow()).limit(IN_FLIGHT_BATCHES * size)
    return db.session.scalar(select(func.count()).select_from(waiting.subquery()))


def _touch(campaign, now):
    """The campaign is alive (the stalled sweep leaves it)."""
    db.session.execute(update(Campaign.__table__).where(Campaign.__table__.c.id == campaign.id)
                       .values(updated_at=now or utcnow()))


def _finish_when_handed_over(campaign, now):
    """Everyone is queued: the campaign is sent once no message of it waits any more (each one handed to the
    mail server or Twilio, or failed); until then, look again in HANDOVER_CHECK."""
    if db.session.scalar(select(Message.id).where(
            Message.organization_id == campaign.organization_id, Message.purpose == "campaign",
            Message.purpose_id == campaign.id, Message.status.in_(("queued", "sending"))).limit(1)) is None:
        return finish(campaign.id)
    moment = now or utcnow()
    _touch(campaign, moment)
    after_commit(campaign_batch_due.send, campaign.organization_id, campaign_id=campaign.id,
                 eta=moment + HANDOVER_CHECK)
    return False


def _pending(campaign):
    return db.session.scalar(select(CampaignRecipient.contact_id).where(
        CampaignRecipient.organization_id == campaign.organization_id, CampaignRecipient.campaign_id == campaign.id,
        CampaignRecipient.status == "pending").limit(1)) is not None


def _send_batch(campaign, organization, size, now):
    """Queue up to ``size`` pending recipients; returns how many were taken (queued or skipped)."""
    ids = db.session.scalars(select(CampaignRecipient.contact_id).where(
        CampaignRecipient.organization_id == campaign.organization_id, CampaignRecipient.campaign_id == campaign.id,
        CampaignRecipient.status == "pending").order_by(CampaignRecipient.contact_id).limit(size)).all()
    if not ids:
        return 0
    template = sendable_template(campaign, organization)
    settings = campaign.settings or {}
    taken = 0
    for send_at, group in _by_send_time(campaign, ids, now):
        claimed = []
        queue_messages(
            organization, recipients_by_id(group), campaign.channel, template,
            purpose="campaign", purpose_id=campaign.id, send_at=send_at,
            track=bool(settings.get("track_opens", True) or settings.get("track_clicks", True)),
            context={"footer_address": organization.footer_address or ""}, sender_name=campaign.from_name or None,
            claim=lambda rows: _claim(campaign, rows, claimed),
            track_opens=bool(settings.get("track_opens", True)), track_clicks=bool(settings.get("track_clicks", True)),
            reply_to=campaign.reply_to or None, sender_email=campaign.from_email or None,
        )
        taken += len(claimed)
    checkpoint()
    return taken or len(ids)


def _claim(campaign, rows, claimed):
    """In the write turn of the messages' insert: mark the recipients of ``rows`` queued (those still
    pending), those who may no longer be messaged skipped; the rows to store."""
    now = utcnow()
    allowed = [row for row in rows if row["status"] == "queued"]
    for row in rows:
        if row["status"] != "queued":
            db.session.execute(update(recipients_table).where(
                recipients_table.c.campaign_id == campaign.id, recipients_table.c.contact_id == row["contact_id"],
                recipients_table.c.status == "pending").values(status="skipped", skip_reason=row["error"][:200]))
    won = set(db.session.execute(
        update(recipients_table).where(
            recipients_table.c.campaign_id == campaign.id, recipients_table.c.status == "pending",
            recipients_table.c.contact_id.in_([row["contact_id"] for row in allowed]))
        .values(status="queued").returning(recipients_table.c.contact_id)
    ).scalars())
    db.session.execute(update(Campaign.__table__).where(Campaign.__table__.c.id == campaign.id).values(updated_at=now))
    claimed.extend(won)
    claimed.extend(row["contact_id"] for row in rows if row["status"] != "queued")
    return [row for row in allowed if row["contact_id"] in won]


def _by_send_time(campaign, ids, now):
    """[(send_at, contact ids)]: now for all, or with send-time optimization the scheduled wall-clock
    time in each contact's own zone (the campaign's zone for those without one; now once it has passed)."""
    now = now or utcnow()
    if not campaign.send_time_optimization or campaign.scheduled_at is None:
        return [(None, ids)]
    own_zone = ZoneInfo(campaign.timezone or "UTC")
    wall = campaign.scheduled_at.astimezone(own_zone).replace(tzinfo=None)
    groups = {}
    for contact_id, zone_name in db.session.execute(select(Contact.id, Contact.timezone).where(Contact.id.in_(ids))):
        groups.setdefault(zone_name or campaign.timezone or "UTC", []).append(contact_id)
    timed = []
    for zone_name, group in groups.items():
        try:
            zone = ZoneInfo(zone_name)
        except (ValueError, KeyError):
            zone = own_zone
        moment = wall.replace(tzinfo=zone)
        timed.append((moment if moment > now else None, group))
    return timed


def sendable_template(campaign, organization):
    """The campaign's content as it goes out: UTM tags on its links (the delivery engine adds the unsubscribe
    link, the business's postal address and the tracking to every marketing email)."""
    template = content_template(campaign, organization)
    if campaign.channel != "email":
        return template
    html, text = campaign.html_content, campaign.text_content
    utm = utm_tags(campaign)
    if utm and html:
        html = _HREF.sub(lambda m: f"{m.group(1)}{m.group(2)}{with_utm(m.group(3), utm)}{m.group(2)}", html)
    template.html_content, template.text_content = html, text
    return template


def utm_tags(campaign):
    value = (campaign.settings or {}).get("google_analytics")
    if not value:
        return None
    tags = {"utm_source": "nudge", "utm_medium": campaign.channel, "utm_campaign": _slug(campaign.name)}
    if isinstance(value, dict):
        tags.update({key: item for key, item in value.items() if item})
    return tags


def with_utm(url, tags):
    parts = urlsplit(url)
    if "utm_" in parts.query:
        return url
    return parts._replace(query="&".join(filter(None, [parts.query, urlencode(tags)]))).geturl()


def _slug(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60] or "campaign"


def finish(campaign_id):
    """Every message is handed over (or failed): the campaign is sent (once: the status changes from sending
    only here)."""
    now = utcnow()
    with one_writer():
        done = db.session.execute(update(Campaign.__table__).where(
            Campaign.__table__.c.id == campaign_id, Campaign.__table__.c.status == "sending")
            .values(status="sent", sent_at=now, updated_at=now)).rowcount
        if done:
            campaign = db.session.get(Campaign, campaign_id, populate_existing=True)
            record_event("campaign.completed", {
                "campaign_id": str(campaign.id), "name": campaign.name, "channel": campaign.channel,
                "recipients": campaign.total_recipients, "sent_at": now.isoformat().replace("+00:00", "Z")},
                organization_id=campaign.organization_id)
        checkpoint()
    return bool(done)


def pause(campaign):
    if campaign.status != "sending":
        raise CampaignStateError(f"Only a campaign that is sending can be paused; this one is {campaign.status}.")
    campaign.status = "paused"
    db.session.flush()
    return campaign


def resume(campaign):
    if campaign.status != "paused":
        raise CampaignStateError(f"Only a paused campaign can be resumed; this one is {campaign.status}.")
    campaign.status = "sending"
    db.session.flush()
    after_commit(campaign_batch_due.send, campaign.organization_id, campaign_id=campaign.id, eta=None)
    return campaign


def cancel(campaign):
    """Stop for good: nobody else gets it; messages already queued are withdrawn."""
    if campaign.status not in ("scheduled", "sending", "paused"):
        raise CampaignStateError(f"Only a scheduled, sending or paused campaign can be cancelled; this one is "
                                 f"{campaign.status}.")
    campaign.status = "cancelled"
    db.session.flush()
    cancel_queued(campaign.organization_id, "campaign", campaign.id)
    return campaign


def stalled_campaigns(now=None):
    """(organization id, campaign id) of sending campaigns whose batches stopped coming (a lost task)."""
    now = now or utcnow()
    return db.session.execute(select(Campaign.organization_id, Campaign.id).where(
        Campaign.status == "sending", Campaign.updated_at < now - STALLED_AFTER)).all()


def progress(campaign, now=None):
    """{"total", "queued", "skipped", "pending", "sent" (handed to the mail server or Twilio), "kept" (in the
    local outbox: delivered to no one), "failed", "rate" (a second, over the last minute), "eta_seconds",
    "percent"}."""
    now = now or utcnow()
    counts = dict(db.session.execute(select(CampaignRecipient.status, func.count()).where(
        CampaignRecipient.organization_id == campaign.organization_id, CampaignRecipient.campaign_id == campaign.id)
        .group_by(CampaignRecipient.status)).all())
    mine = and_(Message.organization_id == campaign.organization_id, Message.purpose == "campaign",
                Message.purpose_id == campaign.id)
    kept_in_outbox = func.coalesce(Message.backend, "") == "outbox"
    sent, kept, failed, last_minute = db.session.execute(select(
        func.count(case((and_(Message.sent_at.is_not(None), ~kept_in_outbox), 1))),
        func.count(case((and_(Message.sent_at.is_not(None), kept_in_outbox), 1))),
        func.count(case((Message.status.in_(("failed", "bounced", "cancelled")) & Message.sent_at.is_(None), 1))),
        func.count(case((Message.sent_at >= now - timedelta(minutes=1), 1))),
    ).where(mine)).one()
    total = campaign.total_recipients or sum(counts.values())
    skipped = counts.get("skipped", 0)
    done = sent + kept + failed + skipped
    rate = last_minute / 60 if last_minute else None
    left = max(0, total - done)
    speed = rate or rate_of(campaign)
    return {"total": total, "queued": counts.get("queued", 0), "skipped": skipped, "pending": counts.get("pending", 0),
            "sent": sent, "kept": kept, "failed": failed, "rate": rate,
            "eta_seconds": int(left / speed) if speed and left else (0 if not left else None),
            "percent": int(100 * done / total) if total else 100}
