"""Demo campaigns: two lists, three sent campaigns with weeks of opens and clicks, one scheduled, one draft."""
import random
from datetime import timedelta

from sqlalchemy import select

from nudgeweb.bulk import insert_rows
from nudgeweb.campaigns import lists, operations, summaries
from nudgeweb.models import CampaignRecipient, Contact, ListMembership, Message, MessageEvent, db, new_id, utcnow

AGENTS = [
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
    "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)",
    "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17328; Pro)",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
]
LINKS = ["https://bluebird.example/menu/autumn", "https://bluebird.example/order", "https://bluebird.example/events"]
HTML = ('<h1>{{ first_name }}, {headline}</h1><p>{body}</p>'
        '<p><a href="https://bluebird.example/menu/autumn">See the menu</a> · '
        '<a href="https://bluebird.example/order">Order ahead</a> · <a href="https://bluebird.example/events">Events</a></p>')
SENT = [  # (name, subject, headline, body, days ago, open rate, click rate)
    ("September newsletter", "Fresh from the oven this September", "the autumn menu is here",
     "Pumpkin loaves, apple turnovers and our new rye.", 40, .52, .14),
    ("Sourdough class invitation", "Learn sourdough with Maya", "bake with us",
     "Saturday classes for six people at a time.", 21, .61, .22),
    ("Holiday pre-orders", "Order your holiday bread early", "holiday pre-orders are open",
     "Stollen, panettone and gingerbread, ready when you are.", 6, .47, .11),
]


def seed_campaigns(organization):
    rng = random.Random(18)
    organization.footer_address = "41 Larkspur Lane, Burlington, VT 05401"
    contacts = db.session.scalars(select(Contact.id).where(
        Contact.organization_id == organization.id, Contact.status == "subscribed", Contact.email.is_not(None))
        .order_by(Contact.created_at)).all()
    newsletter = lists.create_list(organization.id, {"name": "Newsletter", "description": "Monthly news and offers"})
    lists.add_members(newsletter, contacts[: max(1, len(contacts) * 3 // 4)])
    vip = lists.create_list(organization.id, {"name": "Sourdough club", "double_opt_in": True,
                                              "description": "Bread lovers who asked for class dates"})
    _pending_and_confirmed(vip, contacts[:30], rng)
    for name, subject, headline, body, days, opens, clicks in SENT:
        campaign = operations.create_campaign(organization, {
            "name": name, "subject": subject, "html_content": HTML.replace("{headline}", headline).replace("{body}", body),
            "recipient_list_id": str(newsletter.id)})
        _sent_with_engagement(campaign, organization, newsletter, utcnow() - timedelta(days=days), opens, clicks, rng)
    scheduled = operations.create_campaign(organization, {
        "name": "Winter hours", "subject": "Our winter opening hours", "send_to_all": True,
        "html_content": HTML.replace("{headline}", "our winter hours").replace("{body}", "Open 7 to 3, every day.")})
    operations.schedule(scheduled, organization, utcnow() + timedelta(days=3))
    operations.create_campaign(organization, {"name": "Valentine's cookies (draft)", "subject": "Made with love",
                                              "recipient_list_id": str(vip.id)})


def _pending_and_confirmed(contact_list, contact_ids, rng):
    lists.add_members(contact_list, contact_ids)  # (the demo's confirmations stay in the outbox)
    for membership in db.session.scalars(select(ListMembership).where(ListMembership.list_id == contact_list.id)):
        if rng.random() < .7:
            membership.status, membership.confirmed_at = "subscribed", utcnow()


def _sent_with_engagement(campaign, organization, contact_list, sent_at, open_rate, click_rate, rng):
    members = db.session.scalars(select(Contact).where(Contact.id.in_(
        select(ListMembership.contact_id).where(ListMembership.list_id == contact_list.id)))).all()
    campaign.status, campaign.started_at, campaign.sent_at = "sent", sent_at, sent_at + timedelta(minutes=3)
    campaign.scheduled_at, campaign.total_recipients = sent_at, len(members)
    recipients, messages, events = [], [], []
    for contact in members:
        message_id = new_id()
        at = sent_at + timedelta(seconds=rng.randint(0, 180))
        bounced = rng.random() < .015
        opened = not bounced and rng.random() < open_rate
        clicked = opened and rng.random() < click_rate / open_rate
        opened_at = at + timedelta(hours=rng.expovariate(1 / 14)) if opened else None
        clicked_at = opened_at + timedelta(minutes=rng.randint(1, 90)) if clicked else None
        recipients.append({"campaign_id": campaign.id, "organization_id": organization.id,
                           "contact_id": contact.id, "status": "queued", "skip_reason": None})
        messages.append({
            "id": message_id, "organization_id": organization.id, "contact_id": contact.id, "template_id": None,
            "channel": "email", "purpose": "campaign", "purpose_id": campaign.id, "to_address": contact.email,
            "from_address": f"{organization.name} <nudge@localhost>", "subject": campaign.subject, "html": None,
            "text": None, "status": "bounced" if bounced else "delivered", "backend": "outbox",
            "provider_id": None, "error": "550 No such user" if bounced else None, "attempts": 1, "track": True,
            "marketing": True, "send_at": at, "claimed_at": at, "sent_at": at, "delivered_at": None if bounced else at,
            "opened_at": opened_at, "clicked_at": clicked_at, "failed_at": at if bounced else None,
            "created_at": at, "updated_at": at})
        agent = rng.choice(AGENTS)
        events.append(_event(organization, message_id, contact.id, "sent", at))
        if bounced:
            events.append(_event(organization, message_id, contact.id, "bounced", at))
        if opened:
            events.append(_event(organization, message_id, contact.id, "opened", opened_at, agent=agent))
        if clicked:
            events.append(_event(organization, message_id, contact.id, "clicked", clicked_at, agent=agent,
                                 url=rng.choice(LINKS)))
        if opened and rng.random() < .01:
            events.append(_event(organization, message_id, contact.id, "unsubscribed", opened_at))
    db.session.flush()
    insert_rows(CampaignRecipient.__table__, recipients)
    insert_rows(Message.__table__, messages)
    summaries.count_events(db.session, organization.id, [{**event, "campaign": campaign.id} for event in events])
    insert_rows(MessageEvent.__table__, events)


def _event(organization, message_id, contact_id, kind, at, agent=None, url=None):
    return {"id": new_id(), "organization_id": organization.id, "message_id": message_id, "contact_id": contact_id,
            "type": kind, "url": url, "ip": None, "user_agent": agent, "detail": None, "occurred_at": at}


