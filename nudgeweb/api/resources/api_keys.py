"""The organization's API keys (seed 001 "Organization API Keys"), for admins."""
from datetime import datetime

from pydantic import Field, field_validator

from nudgeweb.api import TAG_DESCRIPTIONS, Attributes, Body, ListSpec, ResourceType, api_route, documents, iso
from nudgeweb.api.credentials import current_credential
from nudgeweb.api.errors import ApiError, attribute_pointer
from nudgeweb.api.idempotency import replay_instead
from nudgeweb.api.keys import SCOPES, ApiKeyRefused, api_keys_query, create_api_key, revoke_api_key
from nudgeweb.models import ApiKey
from nudgeweb.scoping import get_or_404


class ApiKeyAttributes(Attributes):
    name: str | None = Field(None, examples=["Production API Key"])
    prefix: str | None = Field(None, examples=["sk_live_Ab12Cd"], description="The key's first characters.")
    key: str | None = Field(None, description="The whole key: only in the answer that creates it.")
    scopes: list[str] | None = Field(None, examples=[["contacts:read", "contacts:write"]])
    user_id: str | None = None
    created_at: datetime | None = Field(None, examples=["2026-01-15T10:00:00Z"])
    expires_at: datetime | None = None
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None


class ApiKeyIn(Body):
    name: str = Field(min_length=1, max_length=100, examples=["Production API Key"])
    scopes: list[str] = Field(default=["read", "write"], min_length=1, examples=[["contacts:read", "contacts:write"]])
    expires_at: datetime | None = Field(None, examples=["2027-01-01T00:00:00Z"])

    @field_validator("scopes")
    @classmethod
    def known_scopes(cls, scopes):
        unknown = [s for s in scopes if s not in SCOPES]
        if unknown:
            raise ValueError(f"unknown scope {', '.join(unknown)}; use read, write or <resource>:read|write")
        return scopes


def _attributes(key):
    return {"name": key.name, "prefix": key.prefix, "scopes": list(key.scopes or []), "user_id": str(key.user_id),
            "created_at": iso(key.created_at), "expires_at": iso(key.expires_at),
            "last_used_at": iso(key.last_used_at), "revoked_at": iso(key.revoked_at)}


KEY_NOT_REPLAYED = ("The key is shown only in the answer that created it, never in a replay. If it was lost, "
                    "revoke this key and create another.")
API_KEYS = ResourceType("api_keys", _attributes, ApiKeyAttributes, path="/organization/api-keys")
OLD_PATH = "/organization/api_keys"  # kept as an alias of seed 001's hyphenated path
TAG_DESCRIPTIONS["Organization"] = (
    f"The API key operations also answer at the older `{OLD_PATH}` in place of `/organization/api-keys` (seed 001's "
    "spelling); the alias is left out of this document, so that a generated client has each operation once.")


API_KEY_LIST = ListSpec(sorts={"created_at": ApiKey.created_at, "name": ApiKey.name,
                               "last_used_at": ApiKey.last_used_at, "expires_at": ApiKey.expires_at},
                        id_column=ApiKey.id)


@api_route("/organization/api-keys", "GET", summary="List API keys", tags=["Organization"], aliases=(OLD_PATH,),
           scope="organization:read", role="admin", list_spec=API_KEY_LIST, response=API_KEYS, many=True,
           description="Every key of the organization, the revoked ones too (with revoked_at).")
def list_api_keys(params):
    return documents.list_response(API_KEYS, api_keys_query(current_credential().organization_id), API_KEY_LIST,
                                   params)


@api_route("/organization/api-keys", "POST", summary="Create an API key", tags=["Organization"], aliases=(OLD_PATH,),
           scope="organization:write", role="admin", body=ApiKeyIn, response=API_KEYS, status=201,
           description="The answer holds the whole key in `attributes.key`; it is never shown again (a replay "
                       "of the request with its Idempotency-Key answers without it). An owner or admin makes "
                       "keys with an API key or a login token (JWT), not through an OAuth app, and a new key's "
                       "scopes are at most those of the credential that makes it.")
def create_key(body):
    credential = current_credential()
    try:
        key, secret = create_api_key(credential.membership, body.name, body.scopes, body.expires_at,
                                     made_with=credential)
    except ApiKeyRefused as refused:
        raise ApiError(403, str(refused), "ERR_PERMISSION_DENIED", "Permission denied",
                       pointer=attribute_pointer(refused.field) if refused.field else None) from None
    location = {"Location": f"{documents.api_root()}{API_KEYS.path}/{key.id}"}
    replay = documents.single(API_KEYS, key, status=201, meta={"key": KEY_NOT_REPLAYED})
    answer = documents.single(API_KEYS, key, status=201, headers=location, extra_attributes={"key": secret})
    return replay_instead(answer, replay.get_data())


@api_route("/organization/api-keys/<key_id>", "DELETE", summary="Revoke an API key", tags=["Organization"],
           aliases=(f"{OLD_PATH}/<key_id>",), scope="organization:write", role="admin", status=204)
def delete_key(key_id):
    revoke_api_key(get_or_404(ApiKey, key_id))
    return None
