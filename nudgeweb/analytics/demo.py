"""Demo history for the charts: four months of messages (sent, delivered, opened, clicked, bounced) and
of events with revenue, at a bakery's hours (some just after a demo campaign was clicked: credited to it),
then the hourly counts rebuilt from every demo row (the other areas' demo steps insert in bulk, past the
counting)."""
import random
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select

from nudgeweb.analytics.attribution import credit_campaigns
from nudgeweb.analytics.rebuild import rebuild_counts
from nudgeweb.models import Contact, ContactEvent, Message, MessageEvent, db, new_id, utcnow

DAYS = 120
USER_AGENTS = [  # (user agent, weight): phones first, as a bakery's customers read their mail
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148", 5),
    ("Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)", 4),
    ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36", 3),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64; Microsoft Outlook 16.0.17328; ms-office; MSOffice 16)", 2),
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)", 2),
    ("Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148", 1),
]
PRODUCTS = [("Sourdough loaf", 8.5), ("Birthday cake", 42.0), ("Croissant box", 18.0), ("Catering tray", 95.0)]


def seed_analytics_history(organization, days=DAYS, seed=2026):
    rng = random.Random(seed)
    zone = ZoneInfo(organization.timezone)
    contacts = db.session.execute(select(Contact.id, Contact.email, Contact.phone)
                                  .where(Contact.organization_id == organization.id)).all()
    if not contacts:
        return
    today = datetime.now(zone).date()
    messages, events, contact_events = [], [], []
    for back in range(days, -1, -1):
        day = today - timedelta(days=back)
        busy = 1.6 if day.weekday() in (4, 5) else 1.0  # Fridays and Saturdays
        growth = 0.5 + (days - back) / days  # the business grows over the months
        for _ in range(int(rng.randint(8, 22) * busy * growth)):
            moment = _moment(rng, day, zone)
            if moment > utcnow():
                continue
            contact = rng.choice(contacts)
            channel = "sms" if contact.phone and (not contact.email or rng.random() < 0.25) else "email"
            message, happened = _message(rng, organization.id, contact, channel, moment)
            messages.append(message)
            events += happened
        for _ in range(int(rng.randint(0, 5) * busy * growth)):
            contact_events.append(_order(rng, organization.id, rng.choice(contacts).id, _moment(rng, day, zone)))
    contact_events += _orders_after_campaign_clicks(rng, organization.id)
    credit_campaigns(contact_events)
    for table, rows in ((Message, messages), (MessageEvent, events), (ContactEvent, contact_events)):
        for start in range(0, len(rows), 1000):
            db.session.execute(insert(table), rows[start:start + 1000])
    rebuild_counts(organization.id)


def _orders_after_campaign_clicks(rng, organization_id):
    """A third of the people who clicked a demo campaign order within the next three days."""
    clicks = db.session.execute(select(Message.contact_id, Message.clicked_at).where(
        Message.organization_id == organization_id, Message.purpose == "campaign", Message.clicked_at.is_not(None))).all()
    later = [(contact_id, clicked_at + timedelta(hours=rng.randint(1, 72))) for contact_id, clicked_at in clicks
             if rng.random() < 1 / 3]
    return [_order(rng, organization_id, contact_id, moment) for contact_id, moment in later if moment < utcnow()]


def _moment(rng, day, zone):
    hour = min(max(int(rng.gauss(12, 3.5)), 6), 21)
    local = datetime.combine(day, time(hour, rng.randrange(60)), zone)
    return local.astimezone(ZoneInfo("UTC"))


def _message(rng, organization_id, contact, channel, moment):
    message_id = new_id()
    opened = channel == "email" and rng.random() < 0.55
    clicked = rng.random() < (0.35 if opened else 0.08)
    bounced = rng.random() < 0.02
    status = "bounced" if bounced else "delivered"
    message = {
        "id": message_id, "organization_id": organization_id, "contact_id": contact.id, "channel": channel,
        # the business's own system sending through the API: a campaign's or a request's messages need their rows
        "purpose": "api", "to": contact.email if channel == "email" else contact.phone,
        "subject": "Fresh from the oven this week" if channel == "email" else None, "text": "Hello from Bluebird Bakery",
        "status": status, "send_at": moment, "sent_at": moment, "created_at": moment, "updated_at": moment,
        "delivered_at": None if bounced else moment + timedelta(seconds=40),
        "opened_at": None, "clicked_at": None, "backend": "outbox",
    }
    happened = [_event(organization_id, message_id, contact.id, "sent", moment)]
    if bounced:
        return message, happened + [_event(organization_id, message_id, contact.id, "bounced", moment + timedelta(seconds=30))]
    happened.append(_event(organization_id, message_id, contact.id, "delivered", moment + timedelta(seconds=40)))
    agent = rng.choices([ua for ua, _ in USER_AGENTS], [weight for _, weight in USER_AGENTS])[0]
    if opened:
        message["opened_at"] = moment + timedelta(minutes=rng.randint(2, 600))
        happened.append(_event(organization_id, message_id, contact.id, "opened", message["opened_at"], agent))
    if clicked and not bounced:
        message["clicked_at"] = (message["opened_at"] or moment) + timedelta(minutes=rng.randint(1, 30))
        message["opened_at"] = message["opened_at"] or message["clicked_at"]
        happened.append(_event(organization_id, message_id, contact.id, "clicked", message["clicked_at"], agent,
                               url="https://bluebird.example/menu"))
    return message, happened


def _event(organization_id, message_id, contact_id, kind, moment, user_agent=None, url=None):
    return {"id": new_id(), "organization_id": organization_id, "message_id": message_id, "contact_id": contact_id,
            "type": kind, "occurred_at": moment, "user_agent": user_agent, "url": url}


def _order(rng, organization_id, contact_id, moment):
    product, price = rng.choice(PRODUCTS)
    quantity = rng.choice([1, 1, 1, 2, 3])
    return {"id": new_id(), "organization_id": organization_id, "contact_id": contact_id, "name": "order_completed",
            "properties": {"product": product, "quantity": quantity}, "revenue": round(price * quantity, 2),
            "currency": "USD", "occurred_at": moment, "created_at": moment}
