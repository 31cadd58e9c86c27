"""Message templates: the emails and text messages an organization writes (DESIGN.md capability 5)."""
from sqlalchemy import JSON, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nudgeweb.models.accounts import Organization
from nudgeweb.models.base import IdMixin, OrgScoped, TimestampMixin, db

CHANNELS = ("email", "sms")
CATEGORIES = ("review_request", "follow_up", "employee_nudge", "newsletter", "announcement", "transactional", "general")
VARIABLE_TYPES = ("text", "number", "url", "image", "html", "date")
EDITORS = ("simple", "html")


class MessageTemplate(IdMixin, TimestampMixin, OrgScoped, db.Model):
    """An email (subject, HTML, text) or SMS (body) template with its declared variables.

    ``variables`` is a list of ``{"name", "type", "default", "required", "description"}``;
    ``starter_key`` marks the starter templates Nudge gives every organization.
    """

    __tablename__ = "message_templates"
    __table_args__ = (
        UniqueConstraint("organization_id", "name", name="uq_message_templates_organization_id_name"),
        UniqueConstraint(
            "organization_id", "starter_key", "channel", name="uq_message_templates_organization_id_starter_key"
        ),
    )

    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(40), default="general")
    channel: Mapped[str] = mapped_column(String(8), default="email")
    subject: Mapped[str] = mapped_column(String(500), default="")
    html_content: Mapped[str] = mapped_column(Text, default="")
    text_content: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    # "simple": written in the simple editor (``simple_content``), html_content made from it on save;
    # "html": html_content written by hand
    editor: Mapped[str] = mapped_column(String(8), default="html", server_default="html")
    simple_content: Mapped[str] = mapped_column(Text, default="", server_default="")
    variables: Mapped[list] = mapped_column(JSON, default=list)
    starter_key: Mapped[str | None] = mapped_column(String(40))

    organization: Mapped[Organization] = relationship(foreign_keys="MessageTemplate.organization_id")

    @property
    def is_email(self):
        return self.channel == "email"

    @property
    def is_sms(self):
        return self.channel == "sms"

    def __repr__(self):
        return f"<MessageTemplate {self.channel} {self.name!r}>"
