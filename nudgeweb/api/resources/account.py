"""Logging in for a JWT (seed 001) and the seed-000 account endpoints: /me, /connection, /input_fields."""
import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from nudgeweb.api import Body, api_route, iso, tokens, vocabulary
from nudgeweb.api.credentials import ALL_SCOPES, current_credential, unauthorized
from nudgeweb.api.errors import ApiError
from nudgeweb.api.fields import input_fields
from nudgeweb.auth import throttle
from nudgeweb.auth.operations import membership_of, memberships_of
from nudgeweb.extensions import limiter
from nudgeweb.models import Membership, db


class LoginIn(Body):
    email: str = Field(min_length=1, max_length=254, examples=["owner@example.com"])
    password: str = Field(min_length=1, max_length=1000, examples=["correct-horse-battery"])
    organization_id: uuid.UUID | None = Field(
        None, description="Which of the user's businesses the tokens act for (default: the first).")


class RefreshIn(Body):
    refresh_token: str = Field(min_length=1, max_length=4000, examples=["eyJhbGciOiJIUzI1NiIs..."])


class TokenUser(BaseModel):
    id: str
    email: str
    organization_id: str
    role: str


class TokenOut(BaseModel):
    access_token: str = Field(examples=["eyJhbGciOiJIUzI1NiIs..."])
    refresh_token: str = Field(examples=["eyJhbGciOiJIUzI1NiIs..."])
    token_type: str = Field(examples=["Bearer"])
    expires_in: int = Field(examples=[3600])
    user: TokenUser


class MeOut(BaseModel):
    id: str = Field(examples=["497f6eca-6276-4993-bfeb-53cbbbba6f08"])
    email: str = Field(examples=["user@example.com"])
    business_name: str = Field(examples=["Acme Plumbing"])


class ConnectionOut(BaseModel):
    active: bool
    auth_type: vocabulary("AuthType", ("oauth", "api_key", "jwt")) = Field(examples=["oauth"])
    user_id: str
    scopes: list[str] = Field(examples=[["read", "write"]])
    expires_at: datetime | None = Field(examples=["2026-08-24T14:15:22Z"])
    created_at: datetime | None
    last_used_at: datetime | None


class InputField(BaseModel):
    key: str = Field(examples=["email"])
    label: str = Field(examples=["Email"])
    type: str = Field(examples=["string"], description="string, email, phone, integer, number, date, boolean, "
                                                        "choice or object")
    required: bool
    help_text: str
    choices: list[str] | None = Field(None, description="The values a choice field takes (choice fields only).")


class InputFieldsOut(BaseModel):
    fields: list[InputField]


@api_route("/auth/login", "POST", summary="Log in for a JWT", tags=["Authentication"], auth=False,
           body=LoginIn, response=TokenOut, errors=("401", "429"),
           description="Email and password of a Nudge user: an access token (1 hour) and a refresh token (30 days).")
@limiter.limit("20/minute")
def login(body):
    try:
        user = throttle.authenticate(body.email, body.password)
    except throttle.TooManyAttempts as refused:
        raise ApiError(429, str(refused), "ERR_RATE_LIMIT", "Too many requests",
                       headers={"Retry-After": str(refused.retry_after)}) from None
    if user is None:
        raise unauthorized("Email or password is not right.", "ERR_AUTH_INVALID_CREDENTIALS")
    if body.organization_id is not None:
        membership = membership_of(user, body.organization_id)
    else:
        memberships = memberships_of(user)
        membership = memberships[0] if memberships else None
    if membership is None:
        raise ApiError(403, "This user is not a member of that organization.", "ERR_PERMISSION_DENIED")
    return tokens.issue(membership, ALL_SCOPES)


@api_route("/auth/refresh", "POST", summary="Refresh a JWT", tags=["Authentication"], auth=False,
           body=RefreshIn, response=TokenOut, errors=("401", "429"),
           description="A refresh token from /auth/login (or an earlier refresh) for a new pair of tokens. "
                       "A refresh token works once: using it again is a 401, and revokes every refresh "
                       "token issued from it.")
@limiter.limit("60/minute")
def refresh(body):
    try:
        claims = tokens.redeem_refresh(body.refresh_token)
    except tokens.RefreshRefused as refused:
        raise unauthorized(str(refused)) from None
    membership = db.session.scalar(
        db.select(Membership).where(Membership.user_id == claims["sub_uuid"],
                                    Membership.organization_id == claims["org_uuid"]))
    if membership is None:
        raise unauthorized("This user is no longer a member of the organization.")
    if claims.get("sv", 0) != (membership.user.session_version or 0):
        raise unauthorized("This refresh token was ended by a logout or a password change. Log in again.")
    return tokens.issue(membership, claims.get("scope", "").split() or ALL_SCOPES, family=claims["fam"])


@api_route("/me", "GET", summary="Get user information", tags=["Account"], response=MeOut,
           description="The user the credential acts as, and their business (seed 000).")
def me():
    membership = current_credential().membership
    return {"id": str(membership.user_id), "email": membership.user.email,
            "business_name": membership.organization.name}


@api_route("/connection", "GET", summary="Check connection status", tags=["Account"], response=ConnectionOut,
           description="Whether the credential is valid and active, and what it may do (seed 000).")
def connection():
    credential = current_credential()
    return {
        "active": True,
        "auth_type": credential.kind,
        "user_id": str(credential.user_id),
        "scopes": sorted(credential.scopes),
        "expires_at": iso(credential.expires_at),
        "created_at": iso(credential.created_at),
        "last_used_at": iso(credential.last_used_at),
    }


@api_route("/input_fields", "GET", summary="Get input fields", tags=["Account"], response=InputFieldsOut,
           description="The fields of a review request (seed 000) and the organization's custom fields.")
def get_input_fields():
    return {"fields": input_fields(current_credential().membership.organization)}
