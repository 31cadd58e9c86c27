from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.contacts_list_document import ContactsListDocument
from ...models.v2_error import V2Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    segment_id: str,
    *,
    filtersearch: str | Unset = UNSET,
    filterstatus: str | Unset = UNSET,
    filtertag: str | Unset = UNSET,
    filtersource: str | Unset = UNSET,
    filteremail: str | Unset = UNSET,
    filterphone: str | Unset = UNSET,
    filtercreated_after: str | Unset = UNSET,
    filtercreated_before: str | Unset = UNSET,
    filtersegment_id: str | Unset = UNSET,
    filterlist_id: str | Unset = UNSET,
    search: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldscontacts: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["filter[search]"] = filtersearch

    params["filter[status]"] = filterstatus

    params["filter[tag]"] = filtertag

    params["filter[source]"] = filtersource

    params["filter[email]"] = filteremail

    params["filter[phone]"] = filterphone

    params["filter[created_after]"] = filtercreated_after

    params["filter[created_before]"] = filtercreated_before

    params["filter[segment_id]"] = filtersegment_id

    params["filter[list_id]"] = filterlist_id

    params["search"] = search

    params["sort"] = sort

    params["page[number]"] = pagenumber

    params["page[size]"] = pagesize

    params["page[cursor]"] = pagecursor

    params["fields[contacts]"] = fieldscontacts

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v2/segments/{segment_id}/contacts".format(
            segment_id=quote(str(segment_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ContactsListDocument | V2Error | None:
    if response.status_code == 200:
        response_200 = ContactsListDocument.from_dict(response.json())

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
) -> Response[ContactsListDocument | V2Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    segment_id: str,
    *,
    client: AuthenticatedClient,
    filtersearch: str | Unset = UNSET,
    filterstatus: str | Unset = UNSET,
    filtertag: str | Unset = UNSET,
    filtersource: str | Unset = UNSET,
    filteremail: str | Unset = UNSET,
    filterphone: str | Unset = UNSET,
    filtercreated_after: str | Unset = UNSET,
    filtercreated_before: str | Unset = UNSET,
    filtersegment_id: str | Unset = UNSET,
    filterlist_id: str | Unset = UNSET,
    search: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldscontacts: str | Unset = UNSET,
) -> Response[ContactsListDocument | V2Error]:
    """The contacts of a segment

     Scope: `contacts:read`; role: viewer or above.

    Args:
        segment_id (str):
        filtersearch (str | Unset):
        filterstatus (str | Unset):
        filtertag (str | Unset):
        filtersource (str | Unset):
        filteremail (str | Unset):
        filterphone (str | Unset):
        filtercreated_after (str | Unset):
        filtercreated_before (str | Unset):
        filtersegment_id (str | Unset):
        filterlist_id (str | Unset):
        search (str | Unset):
        sort (str | Unset):
        pagenumber (int | Unset):
        pagesize (int | Unset):  Default: 25.
        pagecursor (str | Unset):
        fieldscontacts (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ContactsListDocument | V2Error]
    """

    kwargs = _get_kwargs(
        segment_id=segment_id,
        filtersearch=filtersearch,
        filterstatus=filterstatus,
        filtertag=filtertag,
        filtersource=filtersource,
        filteremail=filteremail,
        filterphone=filterphone,
        filtercreated_after=filtercreated_after,
        filtercreated_before=filtercreated_before,
        filtersegment_id=filtersegment_id,
        filterlist_id=filterlist_id,
        search=search,
        sort=sort,
        pagenumber=pagenumber,
        pagesize=pagesize,
        pagecursor=pagecursor,
        fieldscontacts=fieldscontacts,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    segment_id: str,
    *,
    client: AuthenticatedClient,
    filtersearch: str | Unset = UNSET,
    filterstatus: str | Unset = UNSET,
    filtertag: str | Unset = UNSET,
    filtersource: str | Unset = UNSET,
    filteremail: str | Unset = UNSET,
    filterphone: str | Unset = UNSET,
    filtercreated_after: str | Unset = UNSET,
    filtercreated_before: str | Unset = UNSET,
    filtersegment_id: str | Unset = UNSET,
    filterlist_id: str | Unset = UNSET,
    search: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldscontacts: str | Unset = UNSET,
) -> ContactsListDocument | V2Error | None:
    """The contacts of a segment

     Scope: `contacts:read`; role: viewer or above.

    Args:
        segment_id (str):
        filtersearch (str | Unset):
        filterstatus (str | Unset):
        filtertag (str | Unset):
        filtersource (str | Unset):
        filteremail (str | Unset):
        filterphone (str | Unset):
        filtercreated_after (str | Unset):
        filtercreated_before (str | Unset):
        filtersegment_id (str | Unset):
        filterlist_id (str | Unset):
        search (str | Unset):
        sort (str | Unset):
        pagenumber (int | Unset):
        pagesize (int | Unset):  Default: 25.
        pagecursor (str | Unset):
        fieldscontacts (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ContactsListDocument | V2Error
    """

    return sync_detailed(
        segment_id=segment_id,
        client=client,
        filtersearch=filtersearch,
        filterstatus=filterstatus,
        filtertag=filtertag,
        filtersource=filtersource,
        filteremail=filteremail,
        filterphone=filterphone,
        filtercreated_after=filtercreated_after,
        filtercreated_before=filtercreated_before,
        filtersegment_id=filtersegment_id,
        filterlist_id=filterlist_id,
        search=search,
        sort=sort,
        pagenumber=pagenumber,
        pagesize=pagesize,
        pagecursor=pagecursor,
        fieldscontacts=fieldscontacts,
    ).parsed


async def asyncio_detailed(
    segment_id: str,
    *,
    client: AuthenticatedClient,
    filtersearch: str | Unset = UNSET,
    filterstatus: str | Unset = UNSET,
    filtertag: str | Unset = UNSET,
    filtersource: str | Unset = UNSET,
    filteremail: str | Unset = UNSET,
    filterphone: str | Unset = UNSET,
    filtercreated_after: str | Unset = UNSET,
    filtercreated_before: str | Unset = UNSET,
    filtersegment_id: str | Unset = UNSET,
    filterlist_id: str | Unset = UNSET,
    search: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldscontacts: str | Unset = UNSET,
) -> Response[ContactsListDocument | V2Error]:
    """The contacts of a segment

     Scope: `contacts:read`; role: viewer or above.

    Args:
        segment_id (str):
        filtersearch (str | Unset):
        filterstatus (str | Unset):
        filtertag (str | Unset):
        filtersource (str | Unset):
        filteremail (str | Unset):
        filterphone (str | Unset):
        filtercreated_after (str | Unset):
        filtercreated_before (str | Unset):
        filtersegment_id (str | Unset):
        filterlist_id (str | Unset):
        search (str | Unset):
        sort (str | Unset):
        pagenumber (int | Unset):
        pagesize (int | Unset):  Default: 25.
        pagecursor (str | Unset):
        fieldscontacts (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ContactsListDocument | V2Error]
    """

    kwargs = _get_kwargs(
        segment_id=segment_id,
        filtersearch=filtersearch,
        filterstatus=filterstatus,
        filtertag=filtertag,
        filtersource=filtersource,
        filteremail=filteremail,
        filterphone=filterphone,
        filtercreated_after=filtercreated_after,
        filtercreated_before=filtercreated_before,
        filtersegment_id=filtersegment_id,
        filterlist_id=filterlist_id,
        search=search,
        sort=sort,
        pagenumber=pagenumber,
        pagesize=pagesize,
        pagecursor=pagecursor,
        fieldscontacts=fieldscontacts,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    segment_id: str,
    *,
    client: AuthenticatedClient,
    filtersearch: str | Unset = UNSET,
    filterstatus: str | Unset = UNSET,
    filtertag: str | Unset = UNSET,
    filtersource: str | Unset = UNSET,
    filteremail: str | Unset = UNSET,
    filterphone: str | Unset = UNSET,
    filtercreated_after: str | Unset = UNSET,
    filtercreated_before: str | Unset = UNSET,
    filtersegment_id: str | Unset = UNSET,
    filterlist_id: str | Unset = UNSET,
    search: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldscontacts: str | Unset = UNSET,
) -> ContactsListDocument | V2Error | None:
    """The contacts of a segment

     Scope: `contacts:read`; role: viewer or above.

    Args:
        segment_id (str):
        filtersearch (str | Unset):
        filterstatus (str | Unset):
        filtertag (str | Unset):
        filtersource (str | Unset):
        filteremail (str | Unset):
        filterphone (str | Unset):
        filtercreated_after (str | Unset):
        filtercreated_before (str | Unset):
        filtersegment_id (str | Unset):
        filterlist_id (str | Unset):
        search (str | Unset):
        sort (str | Unset):
        pagenumber (int | Unset):
        pagesize (int | Unset):  Default: 25.
        pagecursor (str | Unset):
        fieldscontacts (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ContactsListDocument | V2Error
    """

    return (
        await asyncio_detailed(
            segment_id=segment_id,
            client=client,
            filtersearch=filtersearch,
            filterstatus=filterstatus,
            filtertag=filtertag,
            filtersource=filtersource,
            filteremail=filteremail,
            filterphone=filterphone,
            filtercreated_after=filtercreated_after,
            filtercreated_before=filtercreated_before,
            filtersegment_id=filtersegment_id,
            filterlist_id=filterlist_id,
            search=search,
            sort=sort,
            pagenumber=pagenumber,
            pagesize=pagesize,
            pagecursor=pagecursor,
            fieldscontacts=fieldscontacts,
        )
    ).parsed
