from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.event_batch_in import EventBatchIn
from ...models.event_batch_in_document import EventBatchInDocument
from ...models.events_list_document import EventsListDocument
from ...models.v2_error import V2Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: EventBatchIn | EventBatchInDocument | Unset = UNSET,
    fieldsevents: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    params: dict[str, Any] = {}

    params["fields[events]"] = fieldsevents

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v2/events/batch",
        "params": params,
    }

    if isinstance(body, EventBatchIn):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, EventBatchInDocument):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/vnd.api+json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EventsListDocument | V2Error | None:
    if response.status_code == 201:
        response_201 = EventsListDocument.from_dict(response.json())

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
) -> Response[EventsListDocument | V2Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: EventBatchIn | EventBatchInDocument | Unset = UNSET,
    fieldsevents: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[EventsListDocument | V2Error]:
    """Record up to 1,000 events

     All or nothing: one bad event is a 422 naming it (events.3.name) and none is stored.

    Scope: `events:write`; role: editor or above.

    Args:
        fieldsevents (str | Unset):
        idempotency_key (str | Unset):
        body (EventBatchIn):
        body (EventBatchInDocument):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventsListDocument | V2Error]
    """

    kwargs = _get_kwargs(
        body=body,
        fieldsevents=fieldsevents,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: EventBatchIn | EventBatchInDocument | Unset = UNSET,
    fieldsevents: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> EventsListDocument | V2Error | None:
    """Record up to 1,000 events

     All or nothing: one bad event is a 422 naming it (events.3.name) and none is stored.

    Scope: `events:write`; role: editor or above.

    Args:
        fieldsevents (str | Unset):
        idempotency_key (str | Unset):
        body (EventBatchIn):
        body (EventBatchInDocument):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventsListDocument | V2Error
    """

    return sync_detailed(
        client=client,
        body=body,
        fieldsevents=fieldsevents,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: EventBatchIn | EventBatchInDocument | Unset = UNSET,
    fieldsevents: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[EventsListDocument | V2Error]:
    """Record up to 1,000 events

     All or nothing: one bad event is a 422 naming it (events.3.name) and none is stored.

    Scope: `events:write`; role: editor or above.

    Args:
        fieldsevents (str | Unset):
        idempotency_key (str | Unset):
        body (EventBatchIn):
        body (EventBatchInDocument):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventsListDocument | V2Error]
    """

    kwargs = _get_kwargs(
        body=body,
        fieldsevents=fieldsevents,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: EventBatchIn | EventBatchInDocument | Unset = UNSET,
    fieldsevents: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> EventsListDocument | V2Error | None:
    """Record up to 1,000 events

     All or nothing: one bad event is a 422 naming it (events.3.name) and none is stored.

    Scope: `events:write`; role: editor or above.

    Args:
        fieldsevents (str | Unset):
        idempotency_key (str | Unset):
        body (EventBatchIn):
        body (EventBatchInDocument):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventsListDocument | V2Error
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            fieldsevents=fieldsevents,
            idempotency_key=idempotency_key,
        )
    ).parsed
