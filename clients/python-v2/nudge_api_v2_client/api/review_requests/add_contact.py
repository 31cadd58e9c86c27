from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.add_contact_in import AddContactIn
from ...models.add_contact_out import AddContactOut
from ...models.v2_error import V2Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: AddContactIn | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v2/review_requests",
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AddContactOut | V2Error | None:
    if response.status_code == 200:
        response_200 = AddContactOut.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = AddContactOut.from_dict(response.json())

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
) -> Response[AddContactOut | V2Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: AddContactIn | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[AddContactOut | V2Error]:
    """Add Contact (send review request)

     Creates (or updates) a contact and schedules a review request `delay_hours` from now (seed 000).
    Until the business has added its review link (Settings → Reviews) nothing is scheduled: the answer
    is 409 `ERR_REVIEW_LINK_MISSING`. Give an email or a mobile phone number; fields it does not know
    are ignored. Idempotent with an Idempotency-Key. A contact already asked within the organization's
    ask-again period is not asked again: the answer is 200 with the request that exists and a `message`
    saying it was not sent again (so a retried call neither fails nor sends twice); `"force": true`
    sends a new one all the same. `employee_id` (one of your employees) credits the request to them.

    Scope: `review_requests:write`; role: editor or above.

    Args:
        idempotency_key (str | Unset):
        body (AddContactIn | Unset): Seed 000's body. Types are checked by the view so that every
            bad field is reported at once.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AddContactOut | V2Error]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: AddContactIn | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> AddContactOut | V2Error | None:
    """Add Contact (send review request)

     Creates (or updates) a contact and schedules a review request `delay_hours` from now (seed 000).
    Until the business has added its review link (Settings → Reviews) nothing is scheduled: the answer
    is 409 `ERR_REVIEW_LINK_MISSING`. Give an email or a mobile phone number; fields it does not know
    are ignored. Idempotent with an Idempotency-Key. A contact already asked within the organization's
    ask-again period is not asked again: the answer is 200 with the request that exists and a `message`
    saying it was not sent again (so a retried call neither fails nor sends twice); `"force": true`
    sends a new one all the same. `employee_id` (one of your employees) credits the request to them.

    Scope: `review_requests:write`; role: editor or above.

    Args:
        idempotency_key (str | Unset):
        body (AddContactIn | Unset): Seed 000's body. Types are checked by the view so that every
            bad field is reported at once.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AddContactOut | V2Error
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: AddContactIn | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[AddContactOut | V2Error]:
    """Add Contact (send review request)

     Creates (or updates) a contact and schedules a review request `delay_hours` from now (seed 000).
    Until the business has added its review link (Settings → Reviews) nothing is scheduled: the answer
    is 409 `ERR_REVIEW_LINK_MISSING`. Give an email or a mobile phone number; fields it does not know
    are ignored. Idempotent with an Idempotency-Key. A contact already asked within the organization's
    ask-again period is not asked again: the answer is 200 with the request that exists and a `message`
    saying it was not sent again (so a retried call neither fails nor sends twice); `"force": true`
    sends a new one all the same. `employee_id` (one of your employees) credits the request to them.

    Scope: `review_requests:write`; role: editor or above.

    Args:
        idempotency_key (str | Unset):
        body (AddContactIn | Unset): Seed 000's body. Types are checked by the view so that every
            bad field is reported at once.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AddContactOut | V2Error]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: AddContactIn | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> AddContactOut | V2Error | None:
    """Add Contact (send review request)

     Creates (or updates) a contact and schedules a review request `delay_hours` from now (seed 000).
    Until the business has added its review link (Settings → Reviews) nothing is scheduled: the answer
    is 409 `ERR_REVIEW_LINK_MISSING`. Give an email or a mobile phone number; fields it does not know
    are ignored. Idempotent with an Idempotency-Key. A contact already asked within the organization's
    ask-again period is not asked again: the answer is 200 with the request that exists and a `message`
    saying it was not sent again (so a retried call neither fails nor sends twice); `"force": true`
    sends a new one all the same. `employee_id` (one of your employees) credits the request to them.

    Scope: `review_requests:write`; role: editor or above.

    Args:
        idempotency_key (str | Unset):
        body (AddContactIn | Unset): Seed 000's body. Types are checked by the view so that every
            bad field is reported at once.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AddContactOut | V2Error
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
