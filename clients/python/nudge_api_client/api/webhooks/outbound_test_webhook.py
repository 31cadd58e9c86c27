from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_document import ErrorDocument
from ...models.webhook_logs_document import WebhookLogsDocument
from ...models.webhook_test_in import WebhookTestIn
from ...models.webhook_test_in_document import WebhookTestInDocument
from ...types import UNSET, Response, Unset


def _get_kwargs(
    webhook_id: str,
    *,
    body: WebhookTestIn | WebhookTestInDocument | Unset = UNSET,
    fieldswebhook_logs: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    params: dict[str, Any] = {}

    params["fields[webhook_logs]"] = fieldswebhook_logs

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/outbound-webhooks/{webhook_id}/test".format(
            webhook_id=quote(str(webhook_id), safe=""),
        ),
        "params": params,
    }

    if isinstance(body, WebhookTestIn):
        if not isinstance(body, Unset):
            _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, WebhookTestInDocument):
        if not isinstance(body, Unset):
            _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/vnd.api+json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDocument | WebhookLogsDocument | None:
    if response.status_code == 200:
        response_200 = WebhookLogsDocument.from_dict(response.json())

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
) -> Response[ErrorDocument | WebhookLogsDocument]:
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
    body: WebhookTestIn | WebhookTestInDocument | Unset = UNSET,
    fieldswebhook_logs: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorDocument | WebhookLogsDocument]:
    """Send a test event

     POSTs a sample event of the type given (its `data.test` is true) now, once, and answers what
    happened as a log entry.

    Scope: `webhooks:write`; role: admin or above.

    Args:
        webhook_id (str):
        fieldswebhook_logs (str | Unset):
        idempotency_key (str | Unset):
        body (WebhookTestIn | Unset):
        body (WebhookTestInDocument | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDocument | WebhookLogsDocument]
    """

    kwargs = _get_kwargs(
        webhook_id=webhook_id,
        body=body,
        fieldswebhook_logs=fieldswebhook_logs,
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
    body: WebhookTestIn | WebhookTestInDocument | Unset = UNSET,
    fieldswebhook_logs: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ErrorDocument | WebhookLogsDocument | None:
    """Send a test event

     POSTs a sample event of the type given (its `data.test` is true) now, once, and answers what
    happened as a log entry.

    Scope: `webhooks:write`; role: admin or above.

    Args:
        webhook_id (str):
        fieldswebhook_logs (str | Unset):
        idempotency_key (str | Unset):
        body (WebhookTestIn | Unset):
        body (WebhookTestInDocument | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDocument | WebhookLogsDocument
    """

    return sync_detailed(
        webhook_id=webhook_id,
        client=client,
        body=body,
        fieldswebhook_logs=fieldswebhook_logs,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    webhook_id: str,
    *,
    client: AuthenticatedClient,
    body: WebhookTestIn | WebhookTestInDocument | Unset = UNSET,
    fieldswebhook_logs: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorDocument | WebhookLogsDocument]:
    """Send a test event

     POSTs a sample event of the type given (its `data.test` is true) now, once, and answers what
    happened as a log entry.

    Scope: `webhooks:write`; role: admin or above.

    Args:
        webhook_id (str):
        fieldswebhook_logs (str | Unset):
        idempotency_key (str | Unset):
        body (WebhookTestIn | Unset):
        body (WebhookTestInDocument | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDocument | WebhookLogsDocument]
    """

    kwargs = _get_kwargs(
        webhook_id=webhook_id,
        body=body,
        fieldswebhook_logs=fieldswebhook_logs,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    webhook_id: str,
    *,
    client: AuthenticatedClient,
    body: WebhookTestIn | WebhookTestInDocument | Unset = UNSET,
    fieldswebhook_logs: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ErrorDocument | WebhookLogsDocument | None:
    """Send a test event

     POSTs a sample event of the type given (its `data.test` is true) now, once, and answers what
    happened as a log entry.

    Scope: `webhooks:write`; role: admin or above.

    Args:
        webhook_id (str):
        fieldswebhook_logs (str | Unset):
        idempotency_key (str | Unset):
        body (WebhookTestIn | Unset):
        body (WebhookTestInDocument | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDocument | WebhookLogsDocument
    """

    return (
        await asyncio_detailed(
            webhook_id=webhook_id,
            client=client,
            body=body,
            fieldswebhook_logs=fieldswebhook_logs,
            idempotency_key=idempotency_key,
        )
    ).parsed
