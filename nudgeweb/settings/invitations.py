"""Team invitations: an owner or admin invites a person by email with a role. The emailed link (signed,
good for INVITATION_LIFETIME) lets them choose a password, or join with the account they already have.

The link is a credential: it is bound to the invited address, works once, and exists only in the email
itself (the stored message holds a placeholder, see delivery.sealed), so no one who can read the
Outbox or the messages API can take it."""
import uuid
from datetime import timedelta

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select, update

from nudgeweb.auth.operations import AccountError, check_new_password, checked_email, find_user, membership_of, normalize_email
from nudgeweb.auth.passwords import hash_password
from nudgeweb.delivery import queue_direct
from nudgeweb.delivery.sealed import LINK_PLACEHOLDER, link_made_at_send
from nudgeweb.models import ROLES, Invitation, Membership, User, db, utcnow
from nudgeweb.unit_of_work import ACROSS_ORGANIZATIONS

INVITATION_LIFETIME = timedelta(days=7)
# v2: links signed before issue 16 sat readable in the messages API; they no longer open.
SALT = "nudge.invitation.v2"


class InvitationGone(Exception):
    """The link was good once: it expired, was revoked or has been used (the reason is the message)."""


def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def invitation_link(invitation):
    token = _serializer().dumps([str(invitation.id), invitation.email])
    return f"{current_app.config['BASE_URL']}/invitations/{token}"


@link_made_at_send("invitation")
def link_for_message(message):
    """The live link of the invitation an email is about, made as it is sent (None when it is gone)."""
    invitation = db.session.scalar(select(Invitation).where(
        Invitation.id == message.purpose_id, Invitation.organization_id == message.organization_id))
    return invitation_link(invitation) if invitation is not None else None


def invite(organization, email, role, acting, send_email=True):
    """Invite ``email`` into ``organization`` with ``role`` and email them the link (unless ``send_email``
    is False: the invitation then waits, and inviting again sends it); ``acting`` is the inviter's
    membership. A new invitation to the same address replaces the one still pending."""
    email = checked_email(email)
    if role not in ROLES:
        raise AccountError(f"Role must be one of {', '.join(ROLES)}.", "role")
    if role == "owner" and acting.role != "owner":
        raise AccountError("Only an owner can invite an owner.", "role")
    user = find_user(email)
    if user is not None and membership_of(user, organization.id):
        raise AccountError(f"{email} is already on the team.", "email")
    for earlier in pending_invitations(organization.id, email):
        earlier.revoked_at = utcnow()
    invitation = Invitation(organization_id=organization.id, email=email, role=role, invited_by_id=acting.user_id)
    db.session.add(invitation)
    db.session.flush()
    if send_email:
        _send(invitation, organization, acting.user)
    return invitation


def _send(invitation, organization, inviter):
    days = INVITATION_LIFETIME.days
    text = (f"{inviter.name} invited you to join {organization.name} on Nudge as {invitation.role}.\n\n"
            f"Accept the invitation: {LINK_PLACEHOLDER}\n\n"
            f"The link works for {days} days. If you weren't expecting it, you can ignore this email.")
    return queue_direct(organization, "email", invitation.email, subject=f"{inviter.name} invited you to "
                        f"{organization.name} on Nudge", text=text, purpose="invitation", purpose_id=invitation.id)


def pending_invitations(organization_id, email=None):
    """The organization's invitations whose link still works, newest first."""
    query = select(Invitation).where(
        Invitation.organization_id == organization_id, Invitation.revoked_at.is_(None),
        Invitation.accepted_at.is_(None), Invitation.created_at > utcnow() - INVITATION_LIFETIME)
    if email is not None:
        query = query.where(Invitation.email == normalize_email(email))
    return db.session.scalars(query.order_by(Invitation.created_at.desc())).all()


def invitation_for_token(token):
    """The pending invitation of a link; None when forged; InvitationGone when expired, revoked or used.

    Looked up across organizations: the person opening it is not a member yet (or is one elsewhere).
    """
    try:
        invitation_id, email = _serializer().loads(token, max_age=int(INVITATION_LIFETIME.total_seconds()))
    except SignatureExpired:
        raise InvitationGone("expired")
    except (BadSignature, TypeError, ValueError):
        return None
    invitation = db.session.scalar(select(Invitation).where(Invitation.id == uuid.UUID(invitation_id))
                                   .execution_options(**ACROSS_ORGANIZATIONS))  # whose it is: the link says
    if invitation is None or invitation.email != email:
        return None
    if invitation.revoked_at is not None:
        raise InvitationGone("revoked")
    if invitation.accepted_at is not None:
        raise InvitationGone("used")
    return invitation


def accept(invitation, user):
    """``user``, whose address the invitation is for, joins with the invited role; returns the membership."""
    if normalize_email(user.email) != invitation.email:
        raise AccountError(f"This invitation is for {invitation.email}.", "email")
    _use_up(invitation)
    membership = membership_of(user, invitation.organization_id)
    if membership is None:
        membership = Membership(user=user, organization_id=invitation.organization_id, role=invitation.role)
        db.session.add(membership)
    db.session.flush()
    return membership


def _use_up(invitation):
    """Mark the invitation accepted only if it is still pending: of two requests racing with one
    link, one joins and the other hears that the link was used."""
    now = utcnow()
    claimed = db.session.execute(
        update(Invitation)
        .where(Invitation.id == invitation.id, Invitation.accepted_at.is_(None), Invitation.revoked_at.is_(None))
        .values(accepted_at=now)
        .execution_options(synchronize_session=False, **ACROSS_ORGANIZATIONS)
    ).rowcount
    if claimed != 1:
        raise InvitationGone("used")
    invitation.accepted_at = now


def accept_with_new_account(invitation, name, password):
    """Make the invited person's account (their email, this name and password) and join."""
    if find_user(invitation.email) is not None:
        raise AccountError("You already have an account: log in to join.", "password")
    if not (name or "").strip():
        raise AccountError("Tell us your name.", "name")
    check_new_password(password)
    user = User(email=invitation.email, name=name.strip()[:200], password_hash=hash_password(password),
                email_verified_at=utcnow())  # the emailed link was opened: the address is theirs
    db.session.add(user)
    return accept(invitation, user)


def revoke(invitation):
    invitation.revoked_at = utcnow()
    db.session.flush()
