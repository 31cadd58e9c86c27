from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_document import ErrorDocument
from ...models.lists_document import ListsDocument
from ...models.members_in import MembersIn
from ...models.members_in_document import MembersInDocument
from ...types import UNSET, Response, Unset


def _get_kwargs(
    list_id: str,
    *,
    body: MembersIn | MembersInDocument | Unset = UNSET,
    fieldslists: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    params: dict[str, Any] = {}

    params["fields[lists]"] = fieldslists

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/lists/{list_id}/members".format(
            list_id=quote(str(list_id), safe=""),
        ),
        "params": params,
    }

    if isinstance(body, MembersIn):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, MembersInDocument):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/vnd.api+json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDocument | ListsDocument | None:
    if response.status_code == 200:
        response_200 = ListsDocument.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorDocument.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorDocument.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorDocument.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorDocument.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ErrorDocument.from_dict(response.json())

        return response_409

    if response.status_code == 415:
        response_415 = ErrorDocument.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = ErrorDocument.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ErrorDocument.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorDocument | ListsDocument]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    list_id: str,
    *,
    client: AuthenticatedClient,
    body: MembersIn | MembersInDocument | Unset = UNSET,
    fieldslists: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorDocument | ListsDocument]:
    """Add contacts to a list

     Contacts already in the list stay as they are; on a double opt-in list the new ones get a
    confirmation email and join once they confirm.

    Scope: `contacts:write`; role: editor or above.

    Args:
        list_id (str):
        fieldslists (str | Unset):
        idempotency_key (str | Unset):
        body (MembersIn):
        body (MembersInDocument):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDocument | ListsDocument]
    """

    kwargs = _get_kwargs(
        list_id=list_id,
        body=body,
        fieldslists=fieldslists,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    list_id: str,
    *,
    client: AuthenticatedClient,
    body: MembersIn | MembersInDocument | Unset = UNSET,
    fieldslists: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ErrorDocument | ListsDocument | None:
    """Add contacts to a list

     Contacts already in the list stay as they are; on a double opt-in list the new ones get a
    confirmation email and join once they confirm.

    Scope: `contacts:write`; role: editor or above.

    Args:
        list_id (str):
        fieldslists (str | Unset):
        idempotency_key (str | Unset):
        body (MembersIn):
        body (MembersInDocument):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDocument | ListsDocument
    """

    return sync_detailed(
        list_id=list_id,
        client=client,
        body=body,
        fieldslists=fieldslists,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    list_id: str,
    *,
    client: AuthenticatedClient,
    body: MembersIn | MembersInDocument | Unset = UNSET,
    fieldslists: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorDocument | ListsDocument]:
    """Add contacts to a list

     Contacts already in the list stay as they are; on a double opt-in list the new ones get a
    confirmation email and join once they confirm.

    Scope: `contacts:write`; role: editor or above.

    Args:
        list_id (str):
        fieldslists (str | Unset):
        idempotency_key (str | Unset):
        body (MembersIn):
        body (MembersInDocument):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDocument | ListsDocument]
    """

    kwargs = _get_kwargs(
        list_id=list_id,
        body=body,
        fieldslists=fieldslists,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    list_id: str,
    *,
    client: AuthenticatedClient,
    body: MembersIn | MembersInDocument | Unset = UNSET,
    fieldslists: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ErrorDocument | ListsDocument | None:
    """Add contacts to a list

     Contacts already in the list stay as they are; on a double opt-in list the new ones get a
    confirmation email and join once they confirm.

    Scope: `contacts:write`; role: editor or above.

    Args:
        list_id (str):
        fieldslists (str | Unset):
        idempotency_key (str | Unset):
        body (MembersIn):
        body (MembersInDocument):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDocument | ListsDocument
    """

    return (
        await asyncio_detailed(
            list_id=list_id,
            client=client,
            body=body,
            fieldslists=fieldslists,
            idempotency_key=idempotency_key,
        )
    ).parsed
