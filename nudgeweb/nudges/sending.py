"""Queue the nudges that are due: one row per employee and slot (unique, so a second run of the
periodic task finds them there and sends nothing twice), each sent through the delivery engine
(purpose "nudge", quiet hours, the employee's link made at send time)."""
from sqlalchemy import select

from nudgeweb.bulk import PreparedInsert
from nudgeweb.delivery import queue_direct
from nudgeweb.delivery.operations import schedule_send
from nudgeweb.delivery.quiet_hours import end_of_quiet_hours
from nudgeweb.delivery.sealed import LINK_PLACEHOLDER
from nudgeweb.delivery.sms import sms_as_sent
from nudgeweb.delivery.transports import sending_settings
from nudgeweb.domain_events import record_event
from nudgeweb.message_templates.rendering import render_message
from nudgeweb.message_templates.starter import starter_template
from nudgeweb.models import Organization, db, new_id, utcnow
from nudgeweb.models.employees import CampaignParticipant, CampaignPeriod, Employee, Nudge
from nudgeweb.models.templates import MessageTemplate
from nudgeweb.nudges import links  # noqa: F401  (registers the link of "nudge" messages)
from nudgeweb.nudges.operations import end_period, nudges_changed, periods_past_their_end
from nudgeweb.nudges.progress import leaderboard, progress_text
from nudgeweb.nudges.schedule import due_slot, zone_of


def queue_due_nudges(organization_id, now):
    """End the periods that are over, then queue each active period's due nudges; how many were queued."""
    for period in periods_past_their_end(organization_id, now):
        end_period(period)
    organization = db.session.get(Organization, organization_id)
    zone = zone_of(organization)
    periods = db.session.scalars(select(CampaignPeriod).where(
        CampaignPeriod.organization_id == organization_id, CampaignPeriod.status == "active")).all()
    queued = 0
    for period in periods:
        slot = due_slot(period, zone, now)
        if slot is not None:
            queued += queue_slot(organization, period, slot, now)
    return queued


def channel_for(period, employee):
    """The channel of this employee's nudge, or (None, why) when none can reach them."""
    wanted = employee.preferred_channel if period.channel == "preference" else period.channel
    may_sms = bool(employee.phone) and employee.sms_opted_out_at is None
    if wanted == "sms" and may_sms:
        return "sms", None
    if wanted == "email" and employee.email:
        return "email", None
    if period.channel == "preference":  # their preference cannot be used: the other channel will do
        if employee.email:
            return "email", None
        if may_sms:
            return "sms", None
    if wanted == "sms" and employee.sms_opted_out_at is not None:
        return None, "Replied STOP: no more SMS."
    return None, f"No {'mobile phone' if wanted == 'sms' else 'email address'} to send to."


def queue_slot(organization, period, slot, now):
    """Insert the slot's nudge rows (those that exist already are left alone) and send the new ones."""
    employees = db.session.scalars(
        select(Employee).join(CampaignParticipant, CampaignParticipant.employee_id == Employee.id)
        .where(CampaignParticipant.campaign_period_id == period.id, Employee.active.is_(True),
               Employee.organization_id == organization.id)).all()
    if not employees:
        return 0
    rows = [dict(id=new_id(), organization_id=organization.id, employee_id=employee.id,
                 campaign_period_id=period.id, due_at=slot, channel="email", template_used="",
                 status="queued", progress=0, goal=period.goal, created_at=now, updated_at=now)
            for employee in employees]
    PreparedInsert(Nudge.__table__, rows, skip_conflicts=True).execute()
    nudges_changed(organization.id)
    created = set(db.session.scalars(select(Nudge.id).where(
        Nudge.organization_id == organization.id, Nudge.id.in_([row["id"] for row in rows]))))
    if not created:
        return 0
    standings = {standing.employee_id: standing for standing in leaderboard(period)}
    by_employee = {employee.id: employee for employee in employees}
    nudges = db.session.scalars(select(Nudge).where(Nudge.organization_id == organization.id,
                                                    Nudge.id.in_(created))).all()
    send_times, outgoing = set(), Outgoing(organization, period)
    for nudge in nudges:
        message = send_nudge(outgoing, nudge, by_employee[nudge.employee_id], standings.get(nudge.employee_id), now)
        if message is not None:
            send_times.add(message.send_at)
    for when in send_times:  # one send for the slot's messages at each of their times (quiet hours split them)
        schedule_send(organization.id, when)
    db.session.flush()
    return len(nudges)


class Outgoing:
    """What a slot's nudges share, looked up once: the sending settings (quiet hours, sender) and the
    template of each channel. Nothing is read while the slot's messages are made, so that they are
    written together by the slot's one flush."""

    def __init__(self, organization, period):
        self.organization, self.period = organization, period
        self.settings = sending_settings(organization.id)
        self.templates = {}

    def template(self, channel):
        if channel not in self.templates:
            self.templates[channel] = template_for(self.organization, self.period, channel)
        return self.templates[channel]

    def send_at(self, channel, now):
        return end_of_quiet_hours(now, zone_of(self.organization), self.settings.quiet_hours(channel)) or now


def send_nudge(outgoing, nudge, employee, standing, now):
    """Queue one nudge's message (its send is scheduled by the caller, with the slot's others)."""
    organization, period = outgoing.organization, outgoing.period
    channel, why = channel_for(period, employee)
    nudge.progress = standing.progress if standing else 0
    if channel is None:
        nudge.status, nudge.error, nudge.template_used = "skipped", why, period.template_name or "employee_nudge"
        return None
    template = outgoing.template(channel)
    nudge.channel, nudge.template_used = channel, template.name[:100]
    progress = progress_text(period, standing) if standing else ""
    rendered = render_message(template, None, context={
        "employee_name": employee.first_name, "employee_link": LINK_PLACEHOLDER, "progress": progress})
    text = rendered.text or ""
    if channel == "sms":  # a nudge is not marketing, but an employee may reply STOP all the same
        text = sms_as_sent(text)
    send_at = outgoing.send_at(channel, now)
    message = queue_direct(organization, channel, employee.email if channel == "email" else employee.phone,
                           text=text, subject=rendered.subject, html=rendered.html, purpose="nudge",
                           purpose_id=nudge.id, send_at=send_at, schedule=False, settings=outgoing.settings)
    nudge.message_id = message.id
    return message


def template_for(organization, period, channel):
    """The period's template when it is of this channel, else the starter nudge of the channel."""
    if period.template_name:
        chosen = db.session.scalar(select(MessageTemplate).where(
            MessageTemplate.organization_id == organization.id, MessageTemplate.name == period.template_name,
            MessageTemplate.channel == channel))
        if chosen is not None:
            return chosen
    return starter_template(organization, "employee_nudge", channel)


def on_nudge_message(nudge, event, error=None, at=None):
    """The delivery engine sent (or failed to send) a nudge's message (flushed by the caller: the
    engine's announcement ends with its savepoint's flush)."""
    if event == "sent" and nudge.status != "sent":
        nudge.status, nudge.sent_at = "sent", at or utcnow()
        record_event("nudge.sent", {"nudge_id": str(nudge.id), "employee_id": str(nudge.employee_id),
                                    "campaign_period_id": str(nudge.campaign_period_id), "channel": nudge.channel},
                     organization_id=nudge.organization_id)
    elif event in ("failed", "bounced") and nudge.status != "sent":
        nudge.status, nudge.error = "failed", (error or "Not delivered.")[:300]
