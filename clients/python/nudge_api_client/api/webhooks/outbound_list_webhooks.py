from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_document import ErrorDocument
from ...models.webhooks_list_document import WebhooksListDocument
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldswebhooks: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["sort"] = sort

    params["page[number]"] = pagenumber

    params["page[size]"] = pagesize

    params["page[cursor]"] = pagecursor

    params["fields[webhooks]"] = fieldswebhooks

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/outbound-webhooks",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDocument | WebhooksListDocument | None:
    if response.status_code == 200:
        response_200 = WebhooksListDocument.from_dict(response.json())

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
) -> Response[ErrorDocument | WebhooksListDocument]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldswebhooks: str | Unset = UNSET,
) -> Response[ErrorDocument | WebhooksListDocument]:
    """List webhooks

     Scope: `webhooks:read`; role: admin or above.

    Args:
        sort (str | Unset):
        pagenumber (int | Unset):
        pagesize (int | Unset):  Default: 25.
        pagecursor (str | Unset):
        fieldswebhooks (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDocument | WebhooksListDocument]
    """

    kwargs = _get_kwargs(
        sort=sort,
        pagenumber=pagenumber,
        pagesize=pagesize,
        pagecursor=pagecursor,
        fieldswebhooks=fieldswebhooks,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldswebhooks: str | Unset = UNSET,
) -> ErrorDocument | WebhooksListDocument | None:
    """List webhooks

     Scope: `webhooks:read`; role: admin or above.

    Args:
        sort (str | Unset):
        pagenumber (int | Unset):
        pagesize (int | Unset):  Default: 25.
        pagecursor (str | Unset):
        fieldswebhooks (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDocument | WebhooksListDocument
    """

    return sync_detailed(
        client=client,
        sort=sort,
        pagenumber=pagenumber,
        pagesize=pagesize,
        pagecursor=pagecursor,
        fieldswebhooks=fieldswebhooks,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldswebhooks: str | Unset = UNSET,
) -> Response[ErrorDocument | WebhooksListDocument]:
    """List webhooks

     Scope: `webhooks:read`; role: admin or above.

    Args:
        sort (str | Unset):
        pagenumber (int | Unset):
        pagesize (int | Unset):  Default: 25.
        pagecursor (str | Unset):
        fieldswebhooks (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDocument | WebhooksListDocument]
    """

    kwargs = _get_kwargs(
        sort=sort,
        pagenumber=pagenumber,
        pagesize=pagesize,
        pagecursor=pagecursor,
        fieldswebhooks=fieldswebhooks,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldswebhooks: str | Unset = UNSET,
) -> ErrorDocument | WebhooksListDocument | None:
    """List webhooks

     Scope: `webhooks:read`; role: admin or above.

    Args:
        sort (str | Unset):
        pagenumber (int | Unset):
        pagesize (int | Unset):  Default: 25.
        pagecursor (str | Unset):
        fieldswebhooks (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDocument | WebhooksListDocument
    """

    return (
        await asyncio_detailed(
            client=client,
            sort=sort,
            pagenumber=pagenumber,
            pagesize=pagesize,
            pagecursor=pagecursor,
            fieldswebhooks=fieldswebhooks,
        )
    ).parsed
