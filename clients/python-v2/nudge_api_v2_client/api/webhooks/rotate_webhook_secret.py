from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.v2_error import V2Error
from ...models.webhooks_document import WebhooksDocument
from ...types import UNSET, Response, Unset


def _get_kwargs(
    webhook_id: str,
    *,
    fieldswebhooks: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    params: dict[str, Any] = {}

    params["fields[webhooks]"] = fieldswebhooks

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v2/webhooks/{webhook_id}/rotate-secret".format(
            webhook_id=quote(str(webhook_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> V2Error | WebhooksDocument | None:
    if response.status_code == 200:
        response_200 = WebhooksDocument.from_dict(response.json())

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
) -> Response[V2Error | WebhooksDocument]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    webhook_id: str,
    *,
    client: AuthenticatedClient,
    fieldswebhooks: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[V2Error | WebhooksDocument]:
    """Rotate a webhook's signing secret

     A new secret, in force at once, in `attributes.secret` (shown this once).

    Scope: `webhooks:write`; role: admin or above.

    Args:
        webhook_id (str):
        fieldswebhooks (str | Unset):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[V2Error | WebhooksDocument]
    """

    kwargs = _get_kwargs(
        webhook_id=webhook_id,
        fieldswebhooks=fieldswebhooks,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    webhook_id: str,
    *,
    client: AuthenticatedClient,
    fieldswebhooks: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> V2Error | WebhooksDocument | None:
    """Rotate a webhook's signing secret

     A new secret, in force at once, in `attributes.secret` (shown this once).

    Scope: `webhooks:write`; role: admin or above.

    Args:
        webhook_id (str):
        fieldswebhooks (str | Unset):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        V2Error | WebhooksDocument
    """

    return sync_detailed(
        webhook_id=webhook_id,
        client=client,
        fieldswebhooks=fieldswebhooks,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    webhook_id: str,
    *,
    client: AuthenticatedClient,
    fieldswebhooks: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[V2Error | WebhooksDocument]:
    """Rotate a webhook's signing secret

     A new secret, in force at once, in `attributes.secret` (shown this once).

    Scope: `webhooks:write`; role: admin or above.

    Args:
        webhook_id (str):
        fieldswebhooks (str | Unset):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[V2Error | WebhooksDocument]
    """

    kwargs = _get_kwargs(
        webhook_id=webhook_id,
        fieldswebhooks=fieldswebhooks,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    webhook_id: str,
    *,
    client: AuthenticatedClient,
    fieldswebhooks: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> V2Error | WebhooksDocument | None:
    """Rotate a webhook's signing secret

     A new secret, in force at once, in `attributes.secret` (shown this once).

    Scope: `webhooks:write`; role: admin or above.

    Args:
        webhook_id (str):
        fieldswebhooks (str | Unset):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        V2Error | WebhooksDocument
    """

    return (
        await asyncio_detailed(
            webhook_id=webhook_id,
            client=client,
            fieldswebhooks=fieldswebhooks,
            idempotency_key=idempotency_key,
        )
    ).parsed
