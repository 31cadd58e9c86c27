"""The organization (seed 001 "Organization Endpoints"): its profile and settings, and its team, on the
settings area's operations (the same rules as Settings -> Business profile and Settings -> Team)."""
import uuid
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from nudgeweb.api import Attributes, Body, ListSpec, ResourceType, api_route, documents, iso
from nudgeweb.api.credentials import current_credential
from nudgeweb.api.errors import not_found
from nudgeweb.api.params import paginate
from nudgeweb.delivery.transports import sending_settings
from nudgeweb.field_errors import FieldErrors
from nudgeweb.models import ROLES, Membership, User
from nudgeweb.settings import invitations, operations

TAGS = ["Organization"]
# Where each profile field sits in seed 001's organization object (and so in an error's pointer).
NESTED = {"default_from_name": "settings.default_from_name", "default_from_email": "settings.default_from_email",
          "footer_address": "settings.footer_address", "logo_url": "settings.branding.logo_url",
          "primary_color": "settings.branding.primary_color", "font_family": "settings.branding.font_family"}


class Branding(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    logo_url: str | None = Field(None, max_length=500, examples=["https://acme.example/logo.png"])
    primary_color: str | None = Field(None, max_length=7, examples=["#22C55E"])
    font_family: str | None = Field(None, max_length=100, examples=["Inter"])


class OrganizationSettings(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    default_from_name: str | None = Field(None, max_length=200, examples=["Acme Team"])
    default_from_email: str | None = Field(None, max_length=254, examples=["hello@acme.com"],
                                           description="The sender address used with the organization's own SMTP server.")
    footer_address: str | None = Field(None, max_length=500, examples=["123 Main St, New York, NY 10001"])
    branding: Branding | None = None


class OrganizationStats(BaseModel):
    total_contacts: int
    total_campaigns: int
    total_emails_sent: int


class Subscription(BaseModel):
    plan: str = Field(examples=["self_hosted"], description="self_hosted: this installation bills nothing.")
    status: str = Field(examples=["active"])
    email_limit: int | None = Field(None, description="null: no limit.")
    emails_sent: int = Field(examples=[45000], description="Emails sent this calendar month (UTC).")
    billing_period_end: str = Field(examples=["2026-02-01T00:00:00Z"], description="The end of this month.")


class OrganizationAttributes(Attributes):
    name: str | None = Field(None, examples=["Acme Corporation"])
    slug: str | None = Field(None, examples=["acme-corp"])
    domain: str | None = Field(None, examples=["acme.com"])
    timezone: str | None = Field(None, examples=["America/New_York"])
    settings: OrganizationSettings | None = None
    subscription: Subscription | None = None
    stats: OrganizationStats | None = None
    created_at: str | None = Field(None, examples=["2026-01-01T00:00:00Z"])


class OrganizationIn(Body):
    """The fields to change; those left out keep their values, an empty optional one is cleared."""

    name: str | None = Field(None, max_length=200, examples=["Updated Company Name"])
    slug: str | None = Field(None, max_length=63, examples=["acme-corp"])
    domain: str | None = Field(None, max_length=253, examples=["acme.com"])
    timezone: str | None = Field(None, max_length=64, examples=["Europe/London"])
    settings: OrganizationSettings | None = None

    model_config = {"json_schema_extra": {"examples": [
        {"name": "Updated Company Name", "timezone": "Europe/London", "settings": {"default_from_name": "New Team Name"}},
    ]}}

    def profile(self):
        """The fields given, flat, as settings.operations.update_profile names them."""
        profile = self.model_dump(exclude_unset=True, exclude={"settings"})
        if self.settings is not None:
            profile.update(self.settings.model_dump(exclude_unset=True, exclude={"branding"}))
            if self.settings.branding is not None:
                profile.update(self.settings.branding.model_dump(exclude_unset=True))
        return profile


def _organization_attributes(organization):
    sender = sending_settings(organization.id)
    return {
        "name": organization.name, "slug": operations.slug_of(organization),
        "domain": organization.domain or _host(organization.website),
        "timezone": organization.timezone,
        "settings": {
            "default_from_name": sender.from_name or organization.name,
            "default_from_email": sender.from_email,
            "footer_address": organization.footer_address,
            "branding": {"logo_url": organization.logo_url, "primary_color": organization.brand_color,
                         "font_family": organization.font_family},
        },
        "subscription": _subscription(organization.id),
        "stats": operations.organization_stats(organization.id),
        "created_at": iso(organization.created_at),
    }


def _subscription(organization_id):
    subscription = operations.subscription_of(organization_id)
    return {**subscription, "billing_period_end": iso(subscription["billing_period_end"])}


def _host(url):
    """The host of the business's website, the domain until one is set."""
    return (urlsplit(url).hostname or "").removeprefix("www.") or None if url else None


ORGANIZATIONS = ResourceType("organizations", _organization_attributes, OrganizationAttributes, path=None)


@api_route("/organization", "GET", summary="Get the organization", tags=TAGS, scope="organization:read",
           response=ORGANIZATIONS)
def get_organization():
    return documents.single(ORGANIZATIONS, current_credential().membership.organization)


@api_route("/organization", "PUT", summary="Update the organization", tags=TAGS, scope="organization:write",
           role="admin", body=OrganizationIn, response=ORGANIZATIONS, errors=("409",),
           description="The fields given change (settings and branding too, field by field). A slug another "
                       "business has is a 409.")
def update_organization(body):
    organization = current_credential().membership.organization
    try:
        operations.update_profile(organization, body.profile())
    except operations.ProfileError as error:
        raise FieldErrors({NESTED.get(name, name): message for name, message in error.errors.items()},
                          {NESTED.get(name, name) for name in error.duplicates}) from None
    return documents.single(ORGANIZATIONS, organization)


# --- the team --------------------------------------------------------------------------------------

class UserAttributes(Attributes):
    email: str | None = Field(None, examples=["admin@acme.com"])
    full_name: str | None = Field(None, examples=["John Admin"])
    role: str | None = Field(None, examples=["owner"], description=", ".join(ROLES))
    status: str | None = Field(None, examples=["active"], description="active, or unverified until the user "
                                                                      "confirms their email address")
    last_login_at: str | None = Field(None, examples=["2026-01-15T10:00:00Z"])
    created_at: str | None = Field(None, description="When they joined the organization.")


class InvitationAttributes(Attributes):
    email: str | None = Field(None, examples=["newuser@acme.com"])
    role: str | None = Field(None, examples=["editor"])
    status: str | None = Field(None, examples=["pending"])
    email_sent: bool | None = None
    expires_at: str | None = None
    created_at: str | None = None


Role = Literal[ROLES]


class InviteIn(Body):
    email: str = Field(min_length=1, max_length=254, examples=["newuser@acme.com"])
    role: Role = Field("editor", examples=["editor"])
    send_invitation_email: bool = Field(True, description="False: the invitation is made but no email goes out "
                                                          "(invite again to send it); the link is never shown.")


class RoleIn(Body):
    role: Role = Field(examples=["admin"])


def _member_attributes(membership):
    user = membership.user
    return {"email": user.email, "full_name": user.name, "role": membership.role,
            "status": "active" if user.email_verified else "unverified", "last_login_at": iso(user.last_login_at),
            "created_at": iso(membership.created_at)}


class _Member:
    """A membership as the API shows it: its id is the user's (seed 001's /organization/users/{user_id})."""

    def __init__(self, membership):
        self.membership, self.id = membership, membership.user_id


USERS = ResourceType("users", lambda m: _member_attributes(m.membership), UserAttributes, path="/organization/users")
INVITATIONS = ResourceType(
    "invitations",
    lambda i: {"email": i.email, "role": i.role, "status": "pending", "email_sent": i.email_sent,
               "expires_at": iso(i.created_at + invitations.INVITATION_LIFETIME), "created_at": iso(i.created_at)},
    InvitationAttributes, path=None)
USER_LIST = ListSpec(sorts={"created_at": Membership.created_at, "role": Membership.role, "email": User.email},
                     default_sort="created_at", id_column=Membership.id)


def _member(user_id):
    try:
        user_uuid = uuid.UUID(str(user_id))
    except ValueError:
        raise not_found() from None
    membership = operations.member_of(current_credential().organization_id, user_uuid)
    if membership is None:
        raise not_found()
    return membership


@api_route("/organization/users", "GET", summary="List the organization's users", tags=TAGS,
           scope="organization:read", list_spec=USER_LIST, response=USERS, many=True)
def list_users(params):
    statement = select(Membership).join(User, User.id == Membership.user_id).where(
        Membership.organization_id == current_credential().organization_id)
    page = paginate(statement, USER_LIST, params)
    return documents.collection(USERS, [_Member(m) for m in page.rows], page.links, page.meta, params.fields)


@api_route("/organization/users/invite", "POST", summary="Invite a user", tags=TAGS, scope="organization:write",
           role="admin", body=InviteIn, response=INVITATIONS, status=201,
           description="Emails a link to join with the role (good for 7 days); a new invitation to the same address "
                       "replaces the pending one. Only an owner may invite an owner; someone already on the team is a 422.")
def invite_user(body):
    credential = current_credential()
    invitation = invitations.invite(credential.membership.organization, body.email, body.role, credential.membership,
                                    send_email=body.send_invitation_email)
    invitation.email_sent = body.send_invitation_email
    return documents.single(INVITATIONS, invitation, status=201)


@api_route("/organization/users/<user_id>", "PUT", summary="Change a user's role", tags=TAGS,
           scope="organization:write", role="admin", body=RoleIn, response=USERS,
           description="Owners may change anyone; admins may not touch owners or make one; a business keeps "
                       "at least one owner.")
def change_user_role(user_id, body):
    membership = _member(user_id)
    operations.change_role(membership, body.role, acting=current_credential().membership)
    return documents.single(USERS, _Member(membership))


@api_route("/organization/users/<user_id>", "DELETE", summary="Remove a user", tags=TAGS,
           scope="organization:write", role="admin", status=204,
           description="The user loses access to this organization (their account stays). Only an owner may remove "
                       "an owner, and never the last one.")
def remove_user(user_id):
    operations.remove_member(_member(user_id), acting=current_credential().membership)
    return None
