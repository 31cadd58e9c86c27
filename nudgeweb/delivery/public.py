"""What recipients do with a message: open it, click in it, unsubscribe, reply by SMS, and Twilio's receipts."""
import uuid

from nudgeweb.delivery import tracking
from nudgeweb.delivery.backends.twilio import UNREACHABLE_CODES
from nudgeweb.delivery.events import message_contact, record_event
from nudgeweb.models import Message, db
from nudgeweb.unit_of_work import ACROSS_ORGANIZATIONS, enter_organization

STOP_WORDS = {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE"}
START_WORDS = {"START", "YES", "UNSTOP", "OPTIN"}
HELP_WORDS = {"HELP", "INFO"}
UNSUBSCRIBE_REASONS = (
    ("too_many", "I get too many messages"),
    ("not_relevant", "The messages aren't relevant to me"),
    ("never_signed_up", "I never signed up"),
    ("other", "Another reason"),
)


def message_from_token(purpose, token):
    """The message a signed token names (and, for clicks, the URL), or raises InvalidToken; its
    organization is then in force."""
    payload = tracking.read_token(purpose, token)
    # whose message it is, we learn from the message: the signed token is the recipient's credential
    message = db.session.get(Message, uuid.UUID(hex=payload[0]), execution_options=ACROSS_ORGANIZATIONS)
    if message is None:
        raise tracking.InvalidToken("The message no longer exists.")
    enter_organization(message.organization_id)
    return message, payload[1:]


def record_open(token, ip, user_agent):
    try:
        message, _ = message_from_token(tracking.OPEN, token)
    except (tracking.InvalidToken, ValueError, IndexError):
        return
    record_event(message, "opened", ip=ip, user_agent=user_agent)


def record_click(token, ip, user_agent):
    """The URL to send the clicker to (None for a bad token), with the click recorded."""
    try:
        message, (url,) = message_from_token(tracking.CLICK, token)
    except (tracking.InvalidToken, ValueError, TypeError):
        return None
    url = tracking.safe_redirect_target(url)
    if url is not None:
        record_event(message, "clicked", url=url, ip=ip, user_agent=user_agent)
    return url


def unsubscribe_by_message(message, reason=None, feedback=None, ip=None, user_agent=None):
    """Unsubscribe the message's contact (once), with the reason, on the timeline and the signal."""
    from nudgeweb.contacts.operations import unsubscribe

    contact = message_contact(message)
    if contact is None or contact.status == "unsubscribed":
        return contact
    unsubscribe(contact, reason=reason, feedback=feedback)
    record_event(message, "unsubscribed", contact=contact, detail=reason, ip=ip, user_agent=user_agent,
                 timeline=False)
    return contact


def reason_label(key):
    return dict(UNSUBSCRIBE_REASONS).get(key, key)


# --- SMS ----------------------------------------------------------------------------------------

def apply_status_callback(organization_id, form):
    """Twilio's delivery receipt: the message becomes delivered, or failed / bounced with the code."""
    sid, status = form.get("MessageSid"), form.get("MessageStatus")
    message = db.session.query(Message).filter_by(organization_id=organization_id, provider_id=sid).first()
    if message is None or not sid:
        return None
    if status == "delivered":
        record_event(message, "delivered")
    elif status in ("undelivered", "failed"):
        code = form.get("ErrorCode")
        detail = f"Twilio reported {status} (error {code})" if code else f"Twilio reported {status}"
        bounced = code is not None and code.isdigit() and int(code) in UNREACHABLE_CODES
        record_event(message, "bounced" if bounced else "failed", detail=detail)
    return message


def handle_inbound_sms(organization, form):
    """A reply by SMS: STOP unsubscribes, START subscribes again, HELP answers. Returns the reply text."""
    from nudgeweb.contacts.operations import subscribe, unsubscribe
    from nudgeweb.contacts.timeline import record_activity
    from nudgeweb.models.contacts import Contact
    from nudgeweb.nudges.operations import employees_replied

    sender, body = form.get("From", ""), (form.get("Body") or "").strip()
    keyword = body.split()[0].upper().strip(".!") if body else ""
    contacts = db.session.query(Contact).filter_by(organization_id=organization.id, phone=sender).all()
    if keyword in STOP_WORDS or keyword in START_WORDS:
        employees_replied(organization.id, sender, stop=keyword in STOP_WORDS)  # nudges honour it too
    if keyword in STOP_WORDS:
        for contact in contacts:
            unsubscribe(contact, reason="Replied STOP by SMS")
            last = _last_sms_to(contact)
            if last is not None:
                record_event(last, "unsubscribed", contact=contact, detail="Replied STOP", timeline=False)
        return f"{organization.name}: you are unsubscribed and will get no more messages. Reply START to resubscribe."
    if keyword in START_WORDS:
        for contact in contacts:
            subscribe(contact)
        return f"{organization.name}: you are subscribed again. Reply STOP to unsubscribe."
    if keyword in HELP_WORDS:
        return f"{organization.name}: reply STOP to unsubscribe, START to subscribe again."
    for contact in contacts:
        record_activity(contact, "sms.received", f"Replied by SMS: {body[:200]}", {"body": body[:1000]})
    return None


def _last_sms_to(contact):
    return (db.session.query(Message)
            .filter_by(organization_id=contact.organization_id, contact_id=contact.id, channel="sms")
            .order_by(Message.created_at.desc()).first())

