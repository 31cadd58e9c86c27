"""Every model, re-exported so that Alembic and the app see all tables from one import."""
from nudgeweb.models.accounts import ROLES, Invitation, Membership, Organization, User, role_at_least  # noqa: F401
from nudgeweb.models.analytics import AnalyticsCount, ContactEvent  # noqa: F401
from nudgeweb.models.api import ApiKey, ApiSettings, IdempotencyRecord, UsedRefreshToken  # noqa: F401
from nudgeweb.models.automations import (  # noqa: F401
    AUTOMATION_STATUSES,
    ENROLLMENT_STATUSES,
    ENTRY_RULES,
    Automation,
    AutomationEnrollment,
    AutomationStepRun,
)
from nudgeweb.models.base import OrgScoped, db, new_id, utcnow  # noqa: F401
from nudgeweb.models.campaigns import CAMPAIGN_STATUSES, Campaign, CampaignRecipient, CampaignSummary, ContactList, ListMembership  # noqa: F401
from nudgeweb.models.contacts import (  # noqa: F401
    CONTACT_SOURCES,
    CONTACT_STATUSES,
    CUSTOM_FIELD_TYPES,
    Contact,
    ContactActivity,
    CustomFieldDefinition,
    Segment,
    Tag,
    contact_tags,
)
from nudgeweb.models.domain_events import DomainEvent  # noqa: F401
from nudgeweb.models.employees import CampaignParticipant, CampaignPeriod, Employee, Nudge  # noqa: F401
from nudgeweb.models.import_notes import IMPORT_NOTE_KINDS, ContactImportNote  # noqa: F401
from nudgeweb.models.imports import IMPORT_STATUSES, ContactExport, ContactImport, ContactImportFailure  # noqa: F401
from nudgeweb.models.messages import Message, MessageEvent, SendingSettings  # noqa: F401
from nudgeweb.models.oauth import OAuthAuthorizationCode, OAuthClient, OAuthToken  # noqa: F401
from nudgeweb.models.reviews import ReviewRequest, ReviewRequestEvent, ReviewSettings  # noqa: F401
from nudgeweb.models.templates import MessageTemplate  # noqa: F401
from nudgeweb.models.webhooks import WebhookAttempt, WebhookDelivery, WebhookEndpoint  # noqa: F401
