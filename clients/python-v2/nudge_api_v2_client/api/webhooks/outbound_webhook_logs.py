from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.v2_error import V2Error
from ...models.webhook_logs_list_document import WebhookLogsListDocument
from ...types import UNSET, Response, Unset


def _get_kwargs(
    webhook_id: str,
    *,
    filterstatus: str | Unset = UNSET,
    filterevent_type: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldswebhook_logs: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["filter[status]"] = filterstatus

    params["filter[event_type]"] = filterevent_type

    params["sort"] = sort

    params["page[number]"] = pagenumber

    params["page[size]"] = pagesize

    params["page[cursor]"] = pagecursor

    params["fields[webhook_logs]"] = fieldswebhook_logs

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v2/outbound-webhooks/{webhook_id}/logs".format(
            webhook_id=quote(str(webhook_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> V2Error | WebhookLogsListDocument | None:
    if response.status_code == 200:
        response_200 = WebhookLogsListDocument.from_dict(response.json())

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
) -> Response[V2Error | WebhookLogsListDocument]:
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
    filterstatus: str | Unset = UNSET,
    filterevent_type: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldswebhook_logs: str | Unset = UNSET,
) -> Response[V2Error | WebhookLogsListDocument]:
    """Webhook logs

     Every attempt to deliver to this endpoint, newest first: what was sent and what came back.

    Scope: `webhooks:read`; role: admin or above.

    Args:
        webhook_id (str):
        filterstatus (str | Unset):
        filterevent_type (str | Unset):
        sort (str | Unset):
        pagenumber (int | Unset):
        pagesize (int | Unset):  Default: 25.
        pagecursor (str | Unset):
        fieldswebhook_logs (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[V2Error | WebhookLogsListDocument]
    """

    kwargs = _get_kwargs(
        webhook_id=webhook_id,
        filterstatus=filterstatus,
        filterevent_type=filterevent_type,
        sort=sort,
        pagenumber=pagenumber,
        pagesize=pagesize,
        pagecursor=pagecursor,
        fieldswebhook_logs=fieldswebhook_logs,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    webhook_id: str,
    *,
    client: AuthenticatedClient,
    filterstatus: str | Unset = UNSET,
    filterevent_type: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldswebhook_logs: str | Unset = UNSET,
) -> V2Error | WebhookLogsListDocument | None:
    """Webhook logs

     Every attempt to deliver to this endpoint, newest first: what was sent and what came back.

    Scope: `webhooks:read`; role: admin or above.

    Args:
        webhook_id (str):
        filterstatus (str | Unset):
        filterevent_type (str | Unset):
        sort (str | Unset):
        pagenumber (int | Unset):
        pagesize (int | Unset):  Default: 25.
        pagecursor (str | Unset):
        fieldswebhook_logs (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        V2Error | WebhookLogsListDocument
    """

    return sync_detailed(
        webhook_id=webhook_id,
        client=client,
        filterstatus=filterstatus,
        filterevent_type=filterevent_type,
        sort=sort,
        pagenumber=pagenumber,
        pagesize=pagesize,
        pagecursor=pagecursor,
        fieldswebhook_logs=fieldswebhook_logs,
    ).parsed


async def asyncio_detailed(
    webhook_id: str,
    *,
    client: AuthenticatedClient,
    filterstatus: str | Unset = UNSET,
    filterevent_type: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldswebhook_logs: str | Unset = UNSET,
) -> Response[V2Error | WebhookLogsListDocument]:
    """Webhook logs

     Every attempt to deliver to this endpoint, newest first: what was sent and what came back.

    Scope: `webhooks:read`; role: admin or above.

    Args:
        webhook_id (str):
        filterstatus (str | Unset):
        filterevent_type (str | Unset):
        sort (str | Unset):
        pagenumber (int | Unset):
        pagesize (int | Unset):  Default: 25.
        pagecursor (str | Unset):
        fieldswebhook_logs (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[V2Error | WebhookLogsListDocument]
    """

    kwargs = _get_kwargs(
        webhook_id=webhook_id,
        filterstatus=filterstatus,
        filterevent_type=filterevent_type,
        sort=sort,
        pagenumber=pagenumber,
        pagesize=pagesize,
        pagecursor=pagecursor,
        fieldswebhook_logs=fieldswebhook_logs,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    webhook_id: str,
    *,
    client: AuthenticatedClient,
    filterstatus: str | Unset = UNSET,
    filterevent_type: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldswebhook_logs: str | Unset = UNSET,
) -> V2Error | WebhookLogsListDocument | None:
    """Webhook logs

     Every attempt to deliver to this endpoint, newest first: what was sent and what came back.

    Scope: `webhooks:read`; role: admin or above.

    Args:
        webhook_id (str):
        filterstatus (str | Unset):
        filterevent_type (str | Unset):
        sort (str | Unset):
        pagenumber (int | Unset):
        pagesize (int | Unset):  Default: 25.
        pagecursor (str | Unset):
        fieldswebhook_logs (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        V2Error | WebhookLogsListDocument
    """

    return (
        await asyncio_detailed(
            webhook_id=webhook_id,
            client=client,
            filterstatus=filterstatus,
            filterevent_type=filterevent_type,
            sort=sort,
            pagenumber=pagenumber,
            pagesize=pagesize,
            pagecursor=pagecursor,
            fieldswebhook_logs=fieldswebhook_logs,
        )
    ).parsed
