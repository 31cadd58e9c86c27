from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_document import ErrorDocument
from ...models.events_list_document import EventsListDocument
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    filtername: str | Unset = UNSET,
    filtercontact_id: str | Unset = UNSET,
    filteroccurred_after: str | Unset = UNSET,
    filteroccurred_before: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldsevents: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["filter[name]"] = filtername

    params["filter[contact_id]"] = filtercontact_id

    params["filter[occurred_after]"] = filteroccurred_after

    params["filter[occurred_before]"] = filteroccurred_before

    params["sort"] = sort

    params["page[number]"] = pagenumber

    params["page[size]"] = pagesize

    params["page[cursor]"] = pagecursor

    params["fields[events]"] = fieldsevents

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/events",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDocument | EventsListDocument | None:
    if response.status_code == 200:
        response_200 = EventsListDocument.from_dict(response.json())

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
) -> Response[ErrorDocument | EventsListDocument]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    filtername: str | Unset = UNSET,
    filtercontact_id: str | Unset = UNSET,
    filteroccurred_after: str | Unset = UNSET,
    filteroccurred_before: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldsevents: str | Unset = UNSET,
) -> Response[ErrorDocument | EventsListDocument]:
    """List events

     Scope: `events:read`; role: viewer or above.

    Args:
        filtername (str | Unset):
        filtercontact_id (str | Unset):
        filteroccurred_after (str | Unset):
        filteroccurred_before (str | Unset):
        sort (str | Unset):
        pagenumber (int | Unset):
        pagesize (int | Unset):  Default: 25.
        pagecursor (str | Unset):
        fieldsevents (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDocument | EventsListDocument]
    """

    kwargs = _get_kwargs(
        filtername=filtername,
        filtercontact_id=filtercontact_id,
        filteroccurred_after=filteroccurred_after,
        filteroccurred_before=filteroccurred_before,
        sort=sort,
        pagenumber=pagenumber,
        pagesize=pagesize,
        pagecursor=pagecursor,
        fieldsevents=fieldsevents,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    filtername: str | Unset = UNSET,
    filtercontact_id: str | Unset = UNSET,
    filteroccurred_after: str | Unset = UNSET,
    filteroccurred_before: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldsevents: str | Unset = UNSET,
) -> ErrorDocument | EventsListDocument | None:
    """List events

     Scope: `events:read`; role: viewer or above.

    Args:
        filtername (str | Unset):
        filtercontact_id (str | Unset):
        filteroccurred_after (str | Unset):
        filteroccurred_before (str | Unset):
        sort (str | Unset):
        pagenumber (int | Unset):
        pagesize (int | Unset):  Default: 25.
        pagecursor (str | Unset):
        fieldsevents (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDocument | EventsListDocument
    """

    return sync_detailed(
        client=client,
        filtername=filtername,
        filtercontact_id=filtercontact_id,
        filteroccurred_after=filteroccurred_after,
        filteroccurred_before=filteroccurred_before,
        sort=sort,
        pagenumber=pagenumber,
        pagesize=pagesize,
        pagecursor=pagecursor,
        fieldsevents=fieldsevents,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    filtername: str | Unset = UNSET,
    filtercontact_id: str | Unset = UNSET,
    filteroccurred_after: str | Unset = UNSET,
    filteroccurred_before: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldsevents: str | Unset = UNSET,
) -> Response[ErrorDocument | EventsListDocument]:
    """List events

     Scope: `events:read`; role: viewer or above.

    Args:
        filtername (str | Unset):
        filtercontact_id (str | Unset):
        filteroccurred_after (str | Unset):
        filteroccurred_before (str | Unset):
        sort (str | Unset):
        pagenumber (int | Unset):
        pagesize (int | Unset):  Default: 25.
        pagecursor (str | Unset):
        fieldsevents (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDocument | EventsListDocument]
    """

    kwargs = _get_kwargs(
        filtername=filtername,
        filtercontact_id=filtercontact_id,
        filteroccurred_after=filteroccurred_after,
        filteroccurred_before=filteroccurred_before,
        sort=sort,
        pagenumber=pagenumber,
        pagesize=pagesize,
        pagecursor=pagecursor,
        fieldsevents=fieldsevents,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    filtername: str | Unset = UNSET,
    filtercontact_id: str | Unset = UNSET,
    filteroccurred_after: str | Unset = UNSET,
    filteroccurred_before: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldsevents: str | Unset = UNSET,
) -> ErrorDocument | EventsListDocument | None:
    """List events

     Scope: `events:read`; role: viewer or above.

    Args:
        filtername (str | Unset):
        filtercontact_id (str | Unset):
        filteroccurred_after (str | Unset):
        filteroccurred_before (str | Unset):
        sort (str | Unset):
        pagenumber (int | Unset):
        pagesize (int | Unset):  Default: 25.
        pagecursor (str | Unset):
        fieldsevents (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDocument | EventsListDocument
    """

    return (
        await asyncio_detailed(
            client=client,
            filtername=filtername,
            filtercontact_id=filtercontact_id,
            filteroccurred_after=filteroccurred_after,
            filteroccurred_before=filteroccurred_before,
            sort=sort,
            pagenumber=pagenumber,
            pagesize=pagesize,
            pagecursor=pagecursor,
            fieldsevents=fieldsevents,
        )
    ).parsed
