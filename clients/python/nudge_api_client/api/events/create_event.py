from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_document import ErrorDocument
from ...models.event_in import EventIn
from ...models.event_in_document import EventInDocument
from ...models.events_document import EventsDocument
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: EventIn | EventInDocument | Unset = UNSET,
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
        "url": "/api/v1/events",
        "params": params,
    }

    if isinstance(body, EventIn):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, EventInDocument):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/vnd.api+json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDocument | EventsDocument | None:
    if response.status_code == 201:
        response_201 = EventsDocument.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ErrorDocument.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorDocument.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorDocument.from_dict(response.json())

        return response_403

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
) -> Response[ErrorDocument | EventsDocument]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: EventIn | EventInDocument | Unset = UNSET,
    fieldsevents: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorDocument | EventsDocument]:
    """Record an event

     Records what a contact did. The contact is given by contact_id, or found by email/phone and created
    when new. The event goes on the contact's timeline and into the analytics.

    Scope: `events:write`; role: editor or above.

    Args:
        fieldsevents (str | Unset):
        idempotency_key (str | Unset):
        body (EventIn): One event: whose (``contact_id``, or ``email``/``phone`` to find or create
            the contact), what, when.
        body (EventInDocument):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDocument | EventsDocument]
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
    body: EventIn | EventInDocument | Unset = UNSET,
    fieldsevents: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ErrorDocument | EventsDocument | None:
    """Record an event

     Records what a contact did. The contact is given by contact_id, or found by email/phone and created
    when new. The event goes on the contact's timeline and into the analytics.

    Scope: `events:write`; role: editor or above.

    Args:
        fieldsevents (str | Unset):
        idempotency_key (str | Unset):
        body (EventIn): One event: whose (``contact_id``, or ``email``/``phone`` to find or create
            the contact), what, when.
        body (EventInDocument):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDocument | EventsDocument
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
    body: EventIn | EventInDocument | Unset = UNSET,
    fieldsevents: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorDocument | EventsDocument]:
    """Record an event

     Records what a contact did. The contact is given by contact_id, or found by email/phone and created
    when new. The event goes on the contact's timeline and into the analytics.

    Scope: `events:write`; role: editor or above.

    Args:
        fieldsevents (str | Unset):
        idempotency_key (str | Unset):
        body (EventIn): One event: whose (``contact_id``, or ``email``/``phone`` to find or create
            the contact), what, when.
        body (EventInDocument):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDocument | EventsDocument]
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
    body: EventIn | EventInDocument | Unset = UNSET,
    fieldsevents: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ErrorDocument | EventsDocument | None:
    """Record an event

     Records what a contact did. The contact is given by contact_id, or found by email/phone and created
    when new. The event goes on the contact's timeline and into the analytics.

    Scope: `events:write`; role: editor or above.

    Args:
        fieldsevents (str | Unset):
        idempotency_key (str | Unset):
        body (EventIn): One event: whose (``contact_id``, or ``email``/``phone`` to find or create
            the contact), what, when.
        body (EventInDocument):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDocument | EventsDocument
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            fieldsevents=fieldsevents,
            idempotency_key=idempotency_key,
        )
    ).parsed
