from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_document import ErrorDocument
from ...models.segments_list_document import SegmentsListDocument
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldssegments: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["sort"] = sort

    params["page[number]"] = pagenumber

    params["page[size]"] = pagesize

    params["page[cursor]"] = pagecursor

    params["fields[segments]"] = fieldssegments

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/segments",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDocument | SegmentsListDocument | None:
    if response.status_code == 200:
        response_200 = SegmentsListDocument.from_dict(response.json())

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
) -> Response[ErrorDocument | SegmentsListDocument]:
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
    fieldssegments: str | Unset = UNSET,
) -> Response[ErrorDocument | SegmentsListDocument]:
    """List segments

     Scope: `contacts:read`; role: viewer or above.

    Args:
        sort (str | Unset):
        pagenumber (int | Unset):
        pagesize (int | Unset):  Default: 25.
        pagecursor (str | Unset):
        fieldssegments (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDocument | SegmentsListDocument]
    """

    kwargs = _get_kwargs(
        sort=sort,
        pagenumber=pagenumber,
        pagesize=pagesize,
        pagecursor=pagecursor,
        fieldssegments=fieldssegments,
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
    fieldssegments: str | Unset = UNSET,
) -> ErrorDocument | SegmentsListDocument | None:
    """List segments

     Scope: `contacts:read`; role: viewer or above.

    Args:
        sort (str | Unset):
        pagenumber (int | Unset):
        pagesize (int | Unset):  Default: 25.
        pagecursor (str | Unset):
        fieldssegments (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDocument | SegmentsListDocument
    """

    return sync_detailed(
        client=client,
        sort=sort,
        pagenumber=pagenumber,
        pagesize=pagesize,
        pagecursor=pagecursor,
        fieldssegments=fieldssegments,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldssegments: str | Unset = UNSET,
) -> Response[ErrorDocument | SegmentsListDocument]:
    """List segments

     Scope: `contacts:read`; role: viewer or above.

    Args:
        sort (str | Unset):
        pagenumber (int | Unset):
        pagesize (int | Unset):  Default: 25.
        pagecursor (str | Unset):
        fieldssegments (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDocument | SegmentsListDocument]
    """

    kwargs = _get_kwargs(
        sort=sort,
        pagenumber=pagenumber,
        pagesize=pagesize,
        pagecursor=pagecursor,
        fieldssegments=fieldssegments,
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
    fieldssegments: str | Unset = UNSET,
) -> ErrorDocument | SegmentsListDocument | None:
    """List segments

     Scope: `contacts:read`; role: viewer or above.

    Args:
        sort (str | Unset):
        pagenumber (int | Unset):
        pagesize (int | Unset):  Default: 25.
        pagecursor (str | Unset):
        fieldssegments (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDocument | SegmentsListDocument
    """

    return (
        await asyncio_detailed(
            client=client,
            sort=sort,
            pagenumber=pagenumber,
            pagesize=pagesize,
            pagecursor=pagecursor,
            fieldssegments=fieldssegments,
        )
    ).parsed
