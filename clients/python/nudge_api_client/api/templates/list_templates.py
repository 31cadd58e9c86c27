from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_document import ErrorDocument
from ...models.templates_list_document import TemplatesListDocument
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    filterchannel: str | Unset = UNSET,
    filtercategory: str | Unset = UNSET,
    filtersearch: str | Unset = UNSET,
    filteris_public: str | Unset = UNSET,
    search: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldstemplates: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["filter[channel]"] = filterchannel

    params["filter[category]"] = filtercategory

    params["filter[search]"] = filtersearch

    params["filter[is_public]"] = filteris_public

    params["search"] = search

    params["sort"] = sort

    params["page[number]"] = pagenumber

    params["page[size]"] = pagesize

    params["page[cursor]"] = pagecursor

    params["fields[templates]"] = fieldstemplates

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/templates",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDocument | TemplatesListDocument | None:
    if response.status_code == 200:
        response_200 = TemplatesListDocument.from_dict(response.json())

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
) -> Response[ErrorDocument | TemplatesListDocument]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    filterchannel: str | Unset = UNSET,
    filtercategory: str | Unset = UNSET,
    filtersearch: str | Unset = UNSET,
    filteris_public: str | Unset = UNSET,
    search: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldstemplates: str | Unset = UNSET,
) -> Response[ErrorDocument | TemplatesListDocument]:
    """List templates

     Scope: `templates:read`; role: viewer or above.

    Args:
        filterchannel (str | Unset):
        filtercategory (str | Unset):
        filtersearch (str | Unset):
        filteris_public (str | Unset):
        search (str | Unset):
        sort (str | Unset):
        pagenumber (int | Unset):
        pagesize (int | Unset):  Default: 25.
        pagecursor (str | Unset):
        fieldstemplates (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDocument | TemplatesListDocument]
    """

    kwargs = _get_kwargs(
        filterchannel=filterchannel,
        filtercategory=filtercategory,
        filtersearch=filtersearch,
        filteris_public=filteris_public,
        search=search,
        sort=sort,
        pagenumber=pagenumber,
        pagesize=pagesize,
        pagecursor=pagecursor,
        fieldstemplates=fieldstemplates,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    filterchannel: str | Unset = UNSET,
    filtercategory: str | Unset = UNSET,
    filtersearch: str | Unset = UNSET,
    filteris_public: str | Unset = UNSET,
    search: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldstemplates: str | Unset = UNSET,
) -> ErrorDocument | TemplatesListDocument | None:
    """List templates

     Scope: `templates:read`; role: viewer or above.

    Args:
        filterchannel (str | Unset):
        filtercategory (str | Unset):
        filtersearch (str | Unset):
        filteris_public (str | Unset):
        search (str | Unset):
        sort (str | Unset):
        pagenumber (int | Unset):
        pagesize (int | Unset):  Default: 25.
        pagecursor (str | Unset):
        fieldstemplates (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDocument | TemplatesListDocument
    """

    return sync_detailed(
        client=client,
        filterchannel=filterchannel,
        filtercategory=filtercategory,
        filtersearch=filtersearch,
        filteris_public=filteris_public,
        search=search,
        sort=sort,
        pagenumber=pagenumber,
        pagesize=pagesize,
        pagecursor=pagecursor,
        fieldstemplates=fieldstemplates,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    filterchannel: str | Unset = UNSET,
    filtercategory: str | Unset = UNSET,
    filtersearch: str | Unset = UNSET,
    filteris_public: str | Unset = UNSET,
    search: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldstemplates: str | Unset = UNSET,
) -> Response[ErrorDocument | TemplatesListDocument]:
    """List templates

     Scope: `templates:read`; role: viewer or above.

    Args:
        filterchannel (str | Unset):
        filtercategory (str | Unset):
        filtersearch (str | Unset):
        filteris_public (str | Unset):
        search (str | Unset):
        sort (str | Unset):
        pagenumber (int | Unset):
        pagesize (int | Unset):  Default: 25.
        pagecursor (str | Unset):
        fieldstemplates (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDocument | TemplatesListDocument]
    """

    kwargs = _get_kwargs(
        filterchannel=filterchannel,
        filtercategory=filtercategory,
        filtersearch=filtersearch,
        filteris_public=filteris_public,
        search=search,
        sort=sort,
        pagenumber=pagenumber,
        pagesize=pagesize,
        pagecursor=pagecursor,
        fieldstemplates=fieldstemplates,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    filterchannel: str | Unset = UNSET,
    filtercategory: str | Unset = UNSET,
    filtersearch: str | Unset = UNSET,
    filteris_public: str | Unset = UNSET,
    search: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldstemplates: str | Unset = UNSET,
) -> ErrorDocument | TemplatesListDocument | None:
    """List templates

     Scope: `templates:read`; role: viewer or above.

    Args:
        filterchannel (str | Unset):
        filtercategory (str | Unset):
        filtersearch (str | Unset):
        filteris_public (str | Unset):
        search (str | Unset):
        sort (str | Unset):
        pagenumber (int | Unset):
        pagesize (int | Unset):  Default: 25.
        pagecursor (str | Unset):
        fieldstemplates (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDocument | TemplatesListDocument
    """

    return (
        await asyncio_detailed(
            client=client,
            filterchannel=filterchannel,
            filtercategory=filtercategory,
            filtersearch=filtersearch,
            filteris_public=filteris_public,
            search=search,
            sort=sort,
            pagenumber=pagenumber,
            pagesize=pagesize,
            pagecursor=pagecursor,
            fieldstemplates=fieldstemplates,
        )
    ).parsed
