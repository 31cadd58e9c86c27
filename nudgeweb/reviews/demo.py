"""Demo history: six weeks of review requests in every status, with ratings and feedback."""
import random
from datetime import timedelta

from sqlalchemy import select

from nudgeweb.contacts.operations import upsert_contact
from nudgeweb.delivery.events import KEPT_IN_OUTBOX
from nudgeweb.message_templates.rendering import render_message
from nudgeweb.models import Contact, Message, ReviewRequest, ReviewRequestEvent, db, utcnow
from nudgeweb.reviews.links import review_link
from nudgeweb.reviews.messaging import template_for
from nudgeweb.reviews.settings import review_settings_for

SITES = [
    {"kind": "google", "name": "Google", "url": "https://g.page/r/CbluebirdBakeryDemo/review"},
    {"kind": "yelp", "name": "Yelp", "url": "https://www.yelp.com/writeareview/biz/bluebird-bakery-demo"},
    {"kind": "facebook", "name": "Facebook", "url": "https://www.facebook.com/bluebirdbakerydemo/reviews"},
]
FIRST = ["Olivia", "Liam", "Emma", "Noah", "Ava", "Mateo", "Sofia", "Lucas", "Mia", "Ethan", "Isla", "Omar",
         "Grace", "Hiro", "Chloe", "Diego", "Zoe", "Samir", "Lily", "Jonah", "Nora", "Kofi", "Ruby", "Arjun"]
LAST = ["Nguyen", "Garcia", "Smith", "Okafor", "Müller", "Rossi", "Kim", "Brown", "Haddad", "Silva", "Cohen",
        "Patel"]
FEEDBACK = {
    5: ["The sourdough was perfect, and Maya remembered my order!", "Best croissants in town. Thank you!",
        "Lovely staff, the birthday cake was a hit."],
    4: ["Great bread, but the queue on Saturday was long.", "Very good coffee; the muffins could be warmer."],
    3: ["Okay visit. The cinnamon roll was a bit dry."],
    2: ["My cake order was ready 40 minutes late."],
    1: ["The shop was closed during posted opening hours."],
}
# (status, how many): a living pipeline.
MIX = [("reviewed", 22), ("clicked", 9), ("opened", 7), ("sent", 10), ("scheduled", 5), ("cancelled", 3),
       ("failed", 3)]


def _event(request, kind, summary, when, data=None):
    db.session.add(ReviewRequestEvent(organization_id=request.organization_id, review_request_id=request.id,
                                      kind=kind, summary=summary, occurred_at=when, data=data or {}))


def seed_review_history(organization):
    rng = random.Random(7)
    settings = review_settings_for(organization)
    settings.review_sites = SITES
    contacts = db.session.scalars(
        select(Contact).where(Contact.organization_id == organization.id, Contact.status == "subscribed")
        .order_by(Contact.created_at).limit(80)
    ).all()
    now = utcnow()
    needed = sum(n for _status, n in MIX)
    for n in range(len(contacts), needed):
        contact, _ = upsert_contact(organization, {
            "first_name": FIRST[n % len(FIRST)], "last_name": LAST[(n * 7) % len(LAST)],
            "email": f"{FIRST[n % len(FIRST)].lower()}.{n}@customers.example",
            "phone": f"+1212555{1000 + n:04d}" if n % 3 else None,
        }, source="review_request")
        contacts.append(contact)
    rng.shuffle(contacts)
    index = 0
    for status, count in MIX:
        for _ in range(count):
            contact = contacts[index]
            index += 1
            _add_request(organization, contact, status, now, rng)


def _add_request(organization, contact, status, now, rng):
    if status == "scheduled":
        scheduled = now + timedelta(hours=rng.randint(1, 30))
    else:
        scheduled = now - timedelta(days=rng.uniform(0.5, 42))
    channel = "sms" if contact.phone else "email"
    request = ReviewRequest(organization_id=organization.id, contact=contact, contact_id=contact.id,
                            channel=channel, scheduled_for=scheduled, status=status, source=rng.choice(
                                ["manual", "manual", "api", "bulk"]), created_at=scheduled - timedelta(hours=2))
    db.session.add(request)
    db.session.flush()
    _event(request, "scheduled", f"Scheduled by {'SMS' if channel == 'sms' else 'email'}", request.created_at)
    if status == "scheduled":
        return
    if status == "failed":
        request.failed_at, request.failure_reason = scheduled, "The mail server refused the address."
        _event(request, "failed", f"Not sent: {request.failure_reason}", scheduled)
        return
    request.sent_at, request.steps_sent = scheduled, 1
    _event(request, "sent", f"{'SMS' if channel == 'sms' else 'Email'} {KEPT_IN_OUTBOX}", scheduled)
    _outbox_message(request, 0, scheduled)
    moment = scheduled
    if status in ("sent", "cancelled") and now - scheduled > timedelta(days=3):
        moment = scheduled + timedelta(days=3)
        request.steps_sent = 2
        _event(request, "follow_up_sent", f"Follow-up 1 {KEPT_IN_OUTBOX}", moment)
        _outbox_message(request, 1, moment)
    if status == "sent":
        request.next_follow_up_at = scheduled + timedelta(days=3 if request.steps_sent == 1 else 7)
        if request.next_follow_up_at < now:
            request.next_follow_up_at = None
        return
    if status == "cancelled":
        request.cancelled_at = moment + timedelta(hours=5)
        _event(request, "cancelled", "Cancelled", request.cancelled_at)
        return
    moment = moment + timedelta(hours=rng.uniform(0.2, 20))
    request.opened_at = min(moment, now)
    _event(request, "opened", "Opened the review page", request.opened_at)
    if status == "opened":
        return
    moment = request.opened_at + timedelta(minutes=rng.randint(1, 5))
    if status == "reviewed":
        request.rating = rng.choices([5, 4, 3, 2, 1], weights=[60, 22, 9, 5, 4])[0]
        request.reviewed_at = moment
        _event(request, "rated", f"Rated {request.rating} stars", moment, {"rating": request.rating})
        if rng.random() < 0.55 or request.rating <= 3:
            request.feedback = rng.choice(FEEDBACK[request.rating])
            request.feedback_at = moment + timedelta(minutes=1)
            _event(request, "feedback", "Left private feedback", request.feedback_at)
    if status == "clicked" or rng.random() < 0.7:
        site = rng.choice(SITES)
        request.clicked_at, request.clicked_site = moment + timedelta(minutes=2), site["name"]
        _event(request, "clicked", f"Went to review on {site['name']}", request.clicked_at, {"site": site["name"]})


def _outbox_message(request, step, when):
    """The message of one step as the demo's Outbox holds it: rendered from the starter template."""
    settings = review_settings_for(request.organization)
    rendered = render_message(template_for(request.organization, step, request.channel, settings), request.contact,
                              context={"review_link": review_link(request), "follow_up_step": step})
    contact = request.contact
    db.session.add(Message(
        organization_id=request.organization_id, contact_id=contact.id, channel=request.channel,
        purpose="review_request", purpose_id=request.id, to=contact.phone if request.channel == "sms" else contact.email,
        subject=rendered.subject, html=rendered.html, text=rendered.text, status="sent", backend="outbox",
        send_at=when, sent_at=when, created_at=when, updated_at=when,
    ))
