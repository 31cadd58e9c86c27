from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.nudges_list_document import NudgesListDocument
from ...models.v2_error import V2Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    filterid: str | Unset = UNSET,
    filtercampaign_period_id: str | Unset = UNSET,
    filteremployee_id: str | Unset = UNSET,
    filterchannel: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldsnudges: str | Unset = UNSET,
    include: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["filter[id]"] = filterid

    params["filter[campaign_period_id]"] = filtercampaign_period_id

    params["filter[employee_id]"] = filteremployee_id

    params["filter[channel]"] = filterchannel

    params["sort"] = sort

    params["page[number]"] = pagenumber

    params["page[size]"] = pagesize

    params["page[cursor]"] = pagecursor

    params["fields[nudges]"] = fieldsnudges

    params["include"] = include

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v2/nudges",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> NudgesListDocument | V2Error | None:
    if response.status_code == 200:
        response_200 = NudgesListDocument.from_dict(response.json())

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
) -> Response[NudgesListDocument | V2Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    filterid: str | Unset = UNSET,
    filtercampaign_period_id: str | Unset = UNSET,
    filteremployee_id: str | Unset = UNSET,
    filterchannel: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldsnudges: str | Unset = UNSET,
    include: str | Unset = UNSET,
) -> Response[NudgesListDocument | V2Error]:
    """List nudges

     Reminders sent to employees during campaign periods (seed 004). Read-only.

    Scope: `nudges:read`; role: viewer or above.

    Args:
        filterid (str | Unset):
        filtercampaign_period_id (str | Unset):
        filteremployee_id (str | Unset):
        filterchannel (str | Unset):
        sort (str | Unset):
        pagenumber (int | Unset):
        pagesize (int | Unset):  Default: 25.
        pagecursor (str | Unset):
        fieldsnudges (str | Unset):
        include (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NudgesListDocument | V2Error]
    """

    kwargs = _get_kwargs(
        filterid=filterid,
        filtercampaign_period_id=filtercampaign_period_id,
        filteremployee_id=filteremployee_id,
        filterchannel=filterchannel,
        sort=sort,
        pagenumber=pagenumber,
        pagesize=pagesize,
        pagecursor=pagecursor,
        fieldsnudges=fieldsnudges,
        include=include,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    filterid: str | Unset = UNSET,
    filtercampaign_period_id: str | Unset = UNSET,
    filteremployee_id: str | Unset = UNSET,
    filterchannel: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldsnudges: str | Unset = UNSET,
    include: str | Unset = UNSET,
) -> NudgesListDocument | V2Error | None:
    """List nudges

     Reminders sent to employees during campaign periods (seed 004). Read-only.

    Scope: `nudges:read`; role: viewer or above.

    Args:
        filterid (str | Unset):
        filtercampaign_period_id (str | Unset):
        filteremployee_id (str | Unset):
        filterchannel (str | Unset):
        sort (str | Unset):
        pagenumber (int | Unset):
        pagesize (int | Unset):  Default: 25.
        pagecursor (str | Unset):
        fieldsnudges (str | Unset):
        include (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NudgesListDocument | V2Error
    """

    return sync_detailed(
        client=client,
        filterid=filterid,
        filtercampaign_period_id=filtercampaign_period_id,
        filteremployee_id=filteremployee_id,
        filterchannel=filterchannel,
        sort=sort,
        pagenumber=pagenumber,
        pagesize=pagesize,
        pagecursor=pagecursor,
        fieldsnudges=fieldsnudges,
        include=include,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    filterid: str | Unset = UNSET,
    filtercampaign_period_id: str | Unset = UNSET,
    filteremployee_id: str | Unset = UNSET,
    filterchannel: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldsnudges: str | Unset = UNSET,
    include: str | Unset = UNSET,
) -> Response[NudgesListDocument | V2Error]:
    """List nudges

     Reminders sent to employees during campaign periods (seed 004). Read-only.

    Scope: `nudges:read`; role: viewer or above.

    Args:
        filterid (str | Unset):
        filtercampaign_period_id (str | Unset):
        filteremployee_id (str | Unset):
        filterchannel (str | Unset):
        sort (str | Unset):
        pagenumber (int | Unset):
        pagesize (int | Unset):  Default: 25.
        pagecursor (str | Unset):
        fieldsnudges (str | Unset):
        include (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NudgesListDocument | V2Error]
    """

    kwargs = _get_kwargs(
        filterid=filterid,
        filtercampaign_period_id=filtercampaign_period_id,
        filteremployee_id=filteremployee_id,
        filterchannel=filterchannel,
        sort=sort,
        pagenumber=pagenumber,
        pagesize=pagesize,
        pagecursor=pagecursor,
        fieldsnudges=fieldsnudges,
        include=include,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    filterid: str | Unset = UNSET,
    filtercampaign_period_id: str | Unset = UNSET,
    filteremployee_id: str | Unset = UNSET,
    filterchannel: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldsnudges: str | Unset = UNSET,
    include: str | Unset = UNSET,
) -> NudgesListDocument | V2Error | None:
    """List nudges

     Reminders sent to employees during campaign periods (seed 004). Read-only.

    Scope: `nudges:read`; role: viewer or above.

    Args:
        filterid (str | Unset):
        filtercampaign_period_id (str | Unset):
        filteremployee_id (str | Unset):
        filterchannel (str | Unset):
        sort (str | Unset):
        pagenumber (int | Unset):
        pagesize (int | Unset):  Default: 25.
        pagecursor (str | Unset):
        fieldsnudges (str | Unset):
        include (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NudgesListDocument | V2Error
    """

    return (
        await asyncio_detailed(
            client=client,
            filterid=filterid,
            filtercampaign_period_id=filtercampaign_period_id,
            filteremployee_id=filteremployee_id,
            filterchannel=filterchannel,
            sort=sort,
            pagenumber=pagenumber,
            pagesize=pagesize,
            pagecursor=pagecursor,
            fieldsnudges=fieldsnudges,
            include=include,
        )
    ).parsed
