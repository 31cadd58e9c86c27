"""The dashboard's set-up checklist: each step ticks when done, and the card goes once all are."""
from dataclasses import dataclass

from sqlalchemy import exists, select

from nudgeweb.delivery.setup import messages_go_out
from nudgeweb.models import db
from nudgeweb.models.contacts import Contact
from nudgeweb.models.reviews import ReviewRequest
from nudgeweb.reviews.settings import review_settings_for
from nudgeweb.reviews.site_links import has_review_link


@dataclass(frozen=True)
class Step:
    title: str
    why: str
    done: bool
    endpoint: str
    action: str
    role: str = "admin"  # who may do it


def setup_steps(organization):
    """The five steps of a new business, in order, each with whether it is done."""
    return [
        Step("Check your business profile", "Your name, time zone and colour appear on every message: look them over "
             "and save.", organization.profile_checked_at is not None, "settings.organization", "Open your profile"),
        Step("Add your review link", "Where customers write a review of you: Google, Facebook, Yelp or any site.",
             has_review_link(review_settings_for(organization)), "reviews.settings_page", "Add your review link"),
        Step("Choose how messages go out", "Your mail server or Twilio, or keep them in the Outbox on purpose.",
             messages_go_out(organization), "delivery.sending_settings_page", "Set up sending"),
        Step("Add your customers", "One by one, or from a spreadsheet.",
             _any(Contact, organization.id), "contacts.index", "Go to contacts", "editor"),
        Step("Ask your first customer for a review", "By text or email, with friendly follow-ups.",
             _any(ReviewRequest, organization.id), "reviews.new", "Send a review request", "editor"),
    ]


def _any(model, organization_id):
    return db.session.scalar(select(exists().where(model.organization_id == organization_id)))
