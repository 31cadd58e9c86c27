"""Outbound messages, what happened to them, and each organization's sending settings.

A ``Message`` is one email or SMS to one address. Its life: ``queued`` → ``sending`` (claimed by
one worker, see delivery.engine; ``sent_at`` is set the moment the provider accepts it, ``sent``
follows with the rest of its batch) → ``sent`` → ``delivered``; or ``failed`` / ``bounced`` with
the reason in ``error``. ``MessageEvent`` rows record everything that happened to it (sent,
delivered, opened, clicked with the URL, bounced, complained, unsubscribed, failed) with the IP
and user agent of whoever triggered it.
"""
from datetime import datetime, time

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text, Time, TypeDecorator, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from nudgeweb.models.base import IdMixin, OrgScoped, TimestampMixin, UtcDateTime, db, utcnow

MESSAGE_CHANNELS = ("email", "sms")
MESSAGE_STATUSES = ("queued", "sending", "sent", "delivered", "failed", "bounced", "cancelled")
EVENT_TYPES = ("sent", "delivered", "opened", "clicked", "bounced", "complained", "unsubscribed", "failed")


class EncryptedText(TypeDecorator):
    """Text stored encrypted (Fernet, key derived from SECRET_KEY); plain text in Python."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        from nudgeweb.delivery.secrets import encrypt

        return None if value in (None, "") else encrypt(value)

    def process_result_value(self, value, dialect):
        from nudgeweb.delivery.secrets import decrypt

        return None if value is None else decrypt(value)


class Message(IdMixin, OrgScoped, TimestampMixin, db.Model):
    __tablename__ = "messages"
    __table_args__ = (
        Index("ix_messages_org_created", "organization_id", "created_at", "id"),
        Index("ix_messages_org_status", "organization_id", "status", "created_at"),
        Index("ix_messages_purpose", "purpose", "purpose_id", "id"),  # id: a campaign's people page by page
        Index("ix_messages_status_send_at", "status", "send_at"),
        Index("ix_messages_provider_id", "provider_id"),
    )

    contact_id: Mapped[object | None] = mapped_column(
        Uuid, ForeignKey("contacts.id", ondelete="SET NULL"), index=True
    )
    template_id: Mapped[object | None] = mapped_column(Uuid)
    channel: Mapped[str] = mapped_column(String(8))
    # What the message is for ("review_request", "campaign", "nudge", "test", "api" ...) and its id.
    purpose: Mapped[str] = mapped_column(String(32))
    purpose_id: Mapped[object | None] = mapped_column(Uuid)
    to: Mapped[str] = mapped_column("to_address", String(320))
    from_address: Mapped[str | None] = mapped_column(String(320))
    reply_to: Mapped[str | None] = mapped_column(String(254))  # a campaign's own; else the sending settings'
    subject: Mapped[str | None] = mapped_column(String(998))
    html: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)  # the email's text part, or the SMS body
    status: Mapped[str] = mapped_column(String(12), default="queued")
    backend: Mapped[str | None] = mapped_column(String(12))  # outbox | smtp | twilio, once sent
    provider_id: Mapped[str | None] = mapped_column(String(255))
    error: Mapped[str | None] = mapped_column(String(1000))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    track: Mapped[bool] = mapped_column(Boolean, default=True)
    marketing: Mapped[bool] = mapped_column(Boolean, default=True)
    send_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    opened_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    clicked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    failed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    @property
    def body(self):
        """The SMS text (the same column as an email's text part)."""
        return self.text

    def __repr__(self):
        return f"<Message {self.channel} to {self.to!r} {self.status}>"


class MessageEvent(IdMixin, OrgScoped, db.Model):
    __tablename__ = "message_events"
    __table_args__ = (Index("ix_message_events_org_type_occurred", "organization_id", "type", "occurred_at"),)

    message_id: Mapped[object] = mapped_column(Uuid, ForeignKey("messages.id", ondelete="CASCADE"), index=True)
    contact_id: Mapped[object | None] = mapped_column(Uuid)
    type: Mapped[str] = mapped_column(String(16))
    url: Mapped[str | None] = mapped_column(String(2000))
    ip: Mapped[str | None] = mapped_column(String(45))
    user_agent: Mapped[str | None] = mapped_column(String(500))
    detail: Mapped[str | None] = mapped_column(String(500))
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    def __repr__(self):
        return f"<MessageEvent {self.type}>"


class SendingSettings(IdMixin, OrgScoped, TimestampMixin, db.Model):
    """How one organization sends: its own SMTP / Twilio account or Nudge's, tracking, quiet hours."""

    __tablename__ = "sending_settings"
    __table_args__ = (UniqueConstraint("organization_id", name="uq_sending_settings_organization_id"),)

    email_backend: Mapped[str] = mapped_column(String(12), default="default")  # default | smtp
    # The organization's own SMTP server: validated fields, never joined into a URL (see outbound.py).
    smtp_host: Mapped[str | None] = mapped_column(String(253))
    smtp_port: Mapped[int | None] = mapped_column(Integer)
    smtp_security: Mapped[str | None] = mapped_column(String(8))  # starttls | ssl | off
    smtp_username: Mapped[str | None] = mapped_column(String(254))
    smtp_password: Mapped[str | None] = mapped_column(EncryptedText)
    from_name: Mapped[str | None] = mapped_column(String(200))
    from_email: Mapped[str | None] = mapped_column(String(254))
    reply_to: Mapped[str | None] = mapped_column(String(254))
    dkim_domain: Mapped[str | None] = mapped_column(String(253))
    dkim_selector: Mapped[str | None] = mapped_column(String(63))
    dkim_private_key: Mapped[str | None] = mapped_column(EncryptedText)
    sms_backend: Mapped[str] = mapped_column(String(12), default="default")  # default | twilio
    twilio_account_sid: Mapped[str | None] = mapped_column(String(64))
    twilio_auth_token: Mapped[str | None] = mapped_column(EncryptedText)
    twilio_from_number: Mapped[str | None] = mapped_column(String(20))
    twilio_messaging_service_sid: Mapped[str | None] = mapped_column(String(64))
    track_opens: Mapped[bool] = mapped_column(Boolean, default=True)
    track_clicks: Mapped[bool] = mapped_column(Boolean, default=True)
    sms_quiet_start: Mapped[time | None] = mapped_column(Time)
    sms_quiet_end: Mapped[time | None] = mapped_column(Time)
    email_quiet_start: Mapped[time | None] = mapped_column(Time)
    email_quiet_end: Mapped[time | None] = mapped_column(Time)
    # messages a second across all the organization's campaigns (None: CAMPAIGN_EMAIL_RATE / CAMPAIGN_SMS_RATE)
    email_rate: Mapped[float | None] = mapped_column(Float)
    sms_rate: Mapped[float | None] = mapped_column(Float)

    def quiet_hours(self, channel):
        """(start, end) local times during which ``channel`` waits, or None."""
        start, end = (
            (self.sms_quiet_start, self.sms_quiet_end) if channel == "sms"
            else (self.email_quiet_start, self.email_quiet_end)
        )
        return (start, end) if start is not None and end is not None and start != end else None
