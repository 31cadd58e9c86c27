"""The emailed links of an account: a password reset and an email verification.

Both are itsdangerous-signed, short-lived and made at the moment of sending (delivery/sealed.py): the
stored message keeps a placeholder, so no one who can list the organization's messages can use them.
A reset link signs a fingerprint of the password hash: once the password changes (the link used, or
any other change) the link no longer matches, so it works once.
"""
import hashlib
import uuid
from datetime import timedelta

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from nudgeweb.delivery.sealed import LINK_PLACEHOLDER, link_made_at_send
from nudgeweb.models import User, db

RESET_LIFETIME = timedelta(hours=1)
VERIFICATION_LIFETIME = timedelta(days=3)
RESET_PURPOSE = "password_reset"
VERIFICATION_PURPOSE = "email_verification"


def _serializer(salt):
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def _password_fingerprint(user):
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:32]


def _user_for(token, salt, lifetime):
    try:
        payload = _serializer(salt).loads(token, max_age=int(lifetime.total_seconds()))
        user = db.session.get(User, uuid.UUID(payload[0]))
    except (BadSignature, ValueError, TypeError, IndexError):
        return None, None
    return user, payload[1]


def password_reset_link(user):
    token = _serializer(RESET_PURPOSE).dumps([str(user.id), _password_fingerprint(user)])
    return f"{current_app.config['BASE_URL']}/reset-password/{token}"


def user_for_reset_token(token):
    """The user whose reset link this is, while it is young and their password unchanged; else None."""
    user, fingerprint = _user_for(token, RESET_PURPOSE, RESET_LIFETIME)
    if user is None or fingerprint != _password_fingerprint(user):
        return None
    return user


def verification_link(user):
    token = _serializer(VERIFICATION_PURPOSE).dumps([str(user.id), user.email])
    return f"{current_app.config['BASE_URL']}/verify-email/{token}"


def user_for_verification_token(token):
    """The user whose address this link verifies (the address they still have); else None."""
    user, email = _user_for(token, VERIFICATION_PURPOSE, VERIFICATION_LIFETIME)
    if user is None or email != user.email:
        return None
    return user


@link_made_at_send(RESET_PURPOSE)
def _reset_link_of(message):
    user = db.session.get(User, message.purpose_id)
    return password_reset_link(user) if user is not None and user.email == message.to else None


@link_made_at_send(VERIFICATION_PURPOSE)
def _verification_link_of(message):
    user = db.session.get(User, message.purpose_id)
    return verification_link(user) if user is not None and user.email == message.to else None


def send_password_reset(user, organization):
    from nudgeweb.delivery import queue_direct

    minutes = int(RESET_LIFETIME.total_seconds() // 60)
    text = (f"Hello {user.name},\n\nSomeone (we hope you) asked to reset the password of your Nudge account.\n\n"
            f"Choose a new password: {LINK_PLACEHOLDER}\n\n"
            f"The link works once, for {minutes} minutes. If you didn't ask, ignore this email: "
            f"your password stays as it is.")
    return queue_direct(organization, "email", user.email, subject="Reset your Nudge password", text=text,
                        purpose=RESET_PURPOSE, purpose_id=user.id)


def send_verification(user, organization):
    from nudgeweb.delivery import queue_direct

    text = (f"Hello {user.name},\n\nPlease confirm that this is your email address, so that Nudge can start "
            f"sending review requests and messages to your customers:\n\n{LINK_PLACEHOLDER}\n\n"
            f"The link works for {VERIFICATION_LIFETIME.days} days. If you didn't sign up for Nudge, "
            f"ignore this email.")
    return queue_direct(organization, "email", user.email, subject="Confirm your email address for Nudge",
                        text=text, purpose=VERIFICATION_PURPOSE, purpose_id=user.id)
