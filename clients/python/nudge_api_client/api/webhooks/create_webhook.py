from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_document import ErrorDocument
from ...models.webhook_in import WebhookIn
from ...models.webhook_in_document import WebhookInDocument
from ...models.webhooks_document import WebhooksDocument
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: WebhookIn | WebhookInDocument | Unset = UNSET,
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
        "url": "/api/v1/webhooks",
        "params": params,
    }

    if isinstance(body, WebhookIn):
        if not isinstance(body, Unset):
            _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, WebhookInDocument):
        if not isinstance(body, Unset):
            _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/vnd.api+json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDocument | WebhooksDocument | None:
    if response.status_code == 201:
        response_201 = WebhooksDocument.from_dict(response.json())

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
) -> Response[ErrorDocument | WebhooksDocument]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: WebhookIn | WebhookInDocument | Unset = UNSET,
    fieldswebhooks: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorDocument | WebhooksDocument]:
    """Create a webhook

     The answer holds the signing secret in `attributes.secret`, never shown again. A URL that is not
    http(s), or whose host is (or resolves to) a private, loopback, link-local or metadata address, is a
    422 at `url`.

    Scope: `webhooks:write`; role: admin or above.

    Args:
        fieldswebhooks (str | Unset):
        idempotency_key (str | Unset):
        body (WebhookIn | Unset): An endpoint's attributes; on PUT and PATCH only those given
            change. ``url`` is required on create.
        body (WebhookInDocument | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDocument | WebhooksDocument]
    """

    kwargs = _get_kwargs(
        body=body,
        fieldswebhooks=fieldswebhooks,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: WebhookIn | WebhookInDocument | Unset = UNSET,
    fieldswebhooks: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ErrorDocument | WebhooksDocument | None:
    """Create a webhook

     The answer holds the signing secret in `attributes.secret`, never shown again. A URL that is not
    http(s), or whose host is (or resolves to) a private, loopback, link-local or metadata address, is a
    422 at `url`.

    Scope: `webhooks:write`; role: admin or above.

    Args:
        fieldswebhooks (str | Unset):
        idempotency_key (str | Unset):
        body (WebhookIn | Unset): An endpoint's attributes; on PUT and PATCH only those given
            change. ``url`` is required on create.
        body (WebhookInDocument | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDocument | WebhooksDocument
    """

    return sync_detailed(
        client=client,
        body=body,
        fieldswebhooks=fieldswebhooks,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: WebhookIn | WebhookInDocument | Unset = UNSET,
    fieldswebhooks: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorDocument | WebhooksDocument]:
    """Create a webhook

     The answer holds the signing secret in `attributes.secret`, never shown again. A URL that is not
    http(s), or whose host is (or resolves to) a private, loopback, link-local or metadata address, is a
    422 at `url`.

    Scope: `webhooks:write`; role: admin or above.

    Args:
        fieldswebhooks (str | Unset):
        idempotency_key (str | Unset):
        body (WebhookIn | Unset): An endpoint's attributes; on PUT and PATCH only those given
            change. ``url`` is required on create.
        body (WebhookInDocument | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDocument | WebhooksDocument]
    """

    kwargs = _get_kwargs(
        body=body,
        fieldswebhooks=fieldswebhooks,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: WebhookIn | WebhookInDocument | Unset = UNSET,
    fieldswebhooks: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ErrorDocument | WebhooksDocument | None:
    """Create a webhook

     The answer holds the signing secret in `attributes.secret`, never shown again. A URL that is not
    http(s), or whose host is (or resolves to) a private, loopback, link-local or metadata address, is a
    422 at `url`.

    Scope: `webhooks:write`; role: admin or above.

    Args:
        fieldswebhooks (str | Unset):
        idempotency_key (str | Unset):
        body (WebhookIn | Unset): An endpoint's attributes; on PUT and PATCH only those given
            change. ``url`` is required on create.
        body (WebhookInDocument | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDocument | WebhooksDocument
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            fieldswebhooks=fieldswebhooks,
            idempotency_key=idempotency_key,
        )
    ).parsed
