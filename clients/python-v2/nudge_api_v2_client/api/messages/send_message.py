from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.message_in import MessageIn
from ...models.message_in_document import MessageInDocument
from ...models.messages_document import MessagesDocument
from ...models.v2_error import V2Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: MessageIn | MessageInDocument | Unset = UNSET,
    fieldsmessages: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    params: dict[str, Any] = {}

    params["fields[messages]"] = fieldsmessages

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v2/messages",
        "params": params,
    }

    if isinstance(body, MessageIn):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, MessageInDocument):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/vnd.api+json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> MessagesDocument | V2Error | None:
    if response.status_code == 201:
        response_201 = MessagesDocument.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = V2Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = V2Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = V2Error.from_dict(response.json())

        return response_403

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
) -> Response[MessagesDocument | V2Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: MessageIn | MessageInDocument | Unset = UNSET,
    fieldsmessages: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[MessagesDocument | V2Error]:
    """Send a message

     Renders the template for the contact and queues the message; the answer has its status (`queued`, or
    `failed` with the reason when the contact may not be messaged).

    Scope: `messages:write`; role: editor or above.

    Args:
        fieldsmessages (str | Unset):
        idempotency_key (str | Unset):
        body (MessageIn):
        body (MessageInDocument):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MessagesDocument | V2Error]
    """

    kwargs = _get_kwargs(
        body=body,
        fieldsmessages=fieldsmessages,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: MessageIn | MessageInDocument | Unset = UNSET,
    fieldsmessages: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> MessagesDocument | V2Error | None:
    """Send a message

     Renders the template for the contact and queues the message; the answer has its status (`queued`, or
    `failed` with the reason when the contact may not be messaged).

    Scope: `messages:write`; role: editor or above.

    Args:
        fieldsmessages (str | Unset):
        idempotency_key (str | Unset):
        body (MessageIn):
        body (MessageInDocument):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MessagesDocument | V2Error
    """

    return sync_detailed(
        client=client,
        body=body,
        fieldsmessages=fieldsmessages,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: MessageIn | MessageInDocument | Unset = UNSET,
    fieldsmessages: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[MessagesDocument | V2Error]:
    """Send a message

     Renders the template for the contact and queues the message; the answer has its status (`queued`, or
    `failed` with the reason when the contact may not be messaged).

    Scope: `messages:write`; role: editor or above.

    Args:
        fieldsmessages (str | Unset):
        idempotency_key (str | Unset):
        body (MessageIn):
        body (MessageInDocument):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MessagesDocument | V2Error]
    """

    kwargs = _get_kwargs(
        body=body,
        fieldsmessages=fieldsmessages,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: MessageIn | MessageInDocument | Unset = UNSET,
    fieldsmessages: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> MessagesDocument | V2Error | None:
    """Send a message

     Renders the template for the contact and queues the message; the answer has its status (`queued`, or
    `failed` with the reason when the contact may not be messaged).

    Scope: `messages:write`; role: editor or above.

    Args:
        fieldsmessages (str | Unset):
        idempotency_key (str | Unset):
        body (MessageIn):
        body (MessageInDocument):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MessagesDocument | V2Error
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            fieldsmessages=fieldsmessages,
            idempotency_key=idempotency_key,
        )
    ).parsed
