from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.role_in import RoleIn
from ...models.role_in_document import RoleInDocument
from ...models.users_document import UsersDocument
from ...models.v2_error import V2Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    user_id: str,
    *,
    body: RoleIn | RoleInDocument | Unset = UNSET,
    fieldsusers: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    params: dict[str, Any] = {}

    params["fields[users]"] = fieldsusers

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v2/organization/users/{user_id}".format(
            user_id=quote(str(user_id), safe=""),
        ),
        "params": params,
    }

    if isinstance(body, RoleIn):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, RoleInDocument):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/vnd.api+json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> UsersDocument | V2Error | None:
    if response.status_code == 200:
        response_200 = UsersDocument.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = V2Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = V2Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = V2Error.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = V2Error.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = V2Error.from_dict(response.json())

        return response_409

    if response.status_code == 415:
        response_415 = V2Error.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = V2Error.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = V2Error.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[UsersDocument | V2Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    user_id: str,
    *,
    client: AuthenticatedClient,
    body: RoleIn | RoleInDocument | Unset = UNSET,
    fieldsusers: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[UsersDocument | V2Error]:
    """Change a user's role

     Owners may change anyone; admins may not touch owners or make one; a business keeps at least one
    owner.

    Scope: `organization:write`; role: admin or above.

    Args:
        user_id (str):
        fieldsusers (str | Unset):
        idempotency_key (str | Unset):
        body (RoleIn):
        body (RoleInDocument):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[UsersDocument | V2Error]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        body=body,
        fieldsusers=fieldsusers,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    user_id: str,
    *,
    client: AuthenticatedClient,
    body: RoleIn | RoleInDocument | Unset = UNSET,
    fieldsusers: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> UsersDocument | V2Error | None:
    """Change a user's role

     Owners may change anyone; admins may not touch owners or make one; a business keeps at least one
    owner.

    Scope: `organization:write`; role: admin or above.

    Args:
        user_id (str):
        fieldsusers (str | Unset):
        idempotency_key (str | Unset):
        body (RoleIn):
        body (RoleInDocument):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UsersDocument | V2Error
    """

    return sync_detailed(
        user_id=user_id,
        client=client,
        body=body,
        fieldsusers=fieldsusers,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    user_id: str,
    *,
    client: AuthenticatedClient,
    body: RoleIn | RoleInDocument | Unset = UNSET,
    fieldsusers: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[UsersDocument | V2Error]:
    """Change a user's role

     Owners may change anyone; admins may not touch owners or make one; a business keeps at least one
    owner.

    Scope: `organization:write`; role: admin or above.

    Args:
        user_id (str):
        fieldsusers (str | Unset):
        idempotency_key (str | Unset):
        body (RoleIn):
        body (RoleInDocument):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[UsersDocument | V2Error]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        body=body,
        fieldsusers=fieldsusers,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    user_id: str,
    *,
    client: AuthenticatedClient,
    body: RoleIn | RoleInDocument | Unset = UNSET,
    fieldsusers: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> UsersDocument | V2Error | None:
    """Change a user's role

     Owners may change anyone; admins may not touch owners or make one; a business keeps at least one
    owner.

    Scope: `organization:write`; role: admin or above.

    Args:
        user_id (str):
        fieldsusers (str | Unset):
        idempotency_key (str | Unset):
        body (RoleIn):
        body (RoleInDocument):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UsersDocument | V2Error
    """

    return (
        await asyncio_detailed(
            user_id=user_id,
            client=client,
            body=body,
            fieldsusers=fieldsusers,
            idempotency_key=idempotency_key,
        )
    ).parsed
