from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.messages_list_document import MessagesListDocument
from ...models.v2_error import V2Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    filterstatus: str | Unset = UNSET,
    filterchannel: str | Unset = UNSET,
    filtercontact_id: str | Unset = UNSET,
    filterpurpose: str | Unset = UNSET,
    filtercreated_after: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldsmessages: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["filter[status]"] = filterstatus

    params["filter[channel]"] = filterchannel

    params["filter[contact_id]"] = filtercontact_id

    params["filter[purpose]"] = filterpurpose

    params["filter[created_after]"] = filtercreated_after

    params["sort"] = sort

    params["page[number]"] = pagenumber

    params["page[size]"] = pagesize

    params["page[cursor]"] = pagecursor

    params["fields[messages]"] = fieldsmessages

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v2/messages",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> MessagesListDocument | V2Error | None:
    if response.status_code == 200:
        response_200 = MessagesListDocument.from_dict(response.json())

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
) -> Response[MessagesListDocument | V2Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    filterstatus: str | Unset = UNSET,
    filterchannel: str | Unset = UNSET,
    filtercontact_id: str | Unset = UNSET,
    filterpurpose: str | Unset = UNSET,
    filtercreated_after: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldsmessages: str | Unset = UNSET,
) -> Response[MessagesListDocument | V2Error]:
    """List messages

     For owners and admins, as the Outbox. Links that are credentials (an invitation to join the team)
    are never in a stored body: `text` shows a placeholder where the email had the link.

    Scope: `messages:read`; role: admin or above.

    Args:
        filterstatus (str | Unset):
        filterchannel (str | Unset):
        filtercontact_id (str | Unset):
        filterpurpose (str | Unset):
        filtercreated_after (str | Unset):
        sort (str | Unset):
        pagenumber (int | Unset):
        pagesize (int | Unset):  Default: 25.
        pagecursor (str | Unset):
        fieldsmessages (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MessagesListDocument | V2Error]
    """

    kwargs = _get_kwargs(
        filterstatus=filterstatus,
        filterchannel=filterchannel,
        filtercontact_id=filtercontact_id,
        filterpurpose=filterpurpose,
        filtercreated_after=filtercreated_after,
        sort=sort,
        pagenumber=pagenumber,
        pagesize=pagesize,
        pagecursor=pagecursor,
        fieldsmessages=fieldsmessages,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    filterstatus: str | Unset = UNSET,
    filterchannel: str | Unset = UNSET,
    filtercontact_id: str | Unset = UNSET,
    filterpurpose: str | Unset = UNSET,
    filtercreated_after: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldsmessages: str | Unset = UNSET,
) -> MessagesListDocument | V2Error | None:
    """List messages

     For owners and admins, as the Outbox. Links that are credentials (an invitation to join the team)
    are never in a stored body: `text` shows a placeholder where the email had the link.

    Scope: `messages:read`; role: admin or above.

    Args:
        filterstatus (str | Unset):
        filterchannel (str | Unset):
        filtercontact_id (str | Unset):
        filterpurpose (str | Unset):
        filtercreated_after (str | Unset):
        sort (str | Unset):
        pagenumber (int | Unset):
        pagesize (int | Unset):  Default: 25.
        pagecursor (str | Unset):
        fieldsmessages (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MessagesListDocument | V2Error
    """

    return sync_detailed(
        client=client,
        filterstatus=filterstatus,
        filterchannel=filterchannel,
        filtercontact_id=filtercontact_id,
        filterpurpose=filterpurpose,
        filtercreated_after=filtercreated_after,
        sort=sort,
        pagenumber=pagenumber,
        pagesize=pagesize,
        pagecursor=pagecursor,
        fieldsmessages=fieldsmessages,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    filterstatus: str | Unset = UNSET,
    filterchannel: str | Unset = UNSET,
    filtercontact_id: str | Unset = UNSET,
    filterpurpose: str | Unset = UNSET,
    filtercreated_after: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldsmessages: str | Unset = UNSET,
) -> Response[MessagesListDocument | V2Error]:
    """List messages

     For owners and admins, as the Outbox. Links that are credentials (an invitation to join the team)
    are never in a stored body: `text` shows a placeholder where the email had the link.

    Scope: `messages:read`; role: admin or above.

    Args:
        filterstatus (str | Unset):
        filterchannel (str | Unset):
        filtercontact_id (str | Unset):
        filterpurpose (str | Unset):
        filtercreated_after (str | Unset):
        sort (str | Unset):
        pagenumber (int | Unset):
        pagesize (int | Unset):  Default: 25.
        pagecursor (str | Unset):
        fieldsmessages (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MessagesListDocument | V2Error]
    """

    kwargs = _get_kwargs(
        filterstatus=filterstatus,
        filterchannel=filterchannel,
        filtercontact_id=filtercontact_id,
        filterpurpose=filterpurpose,
        filtercreated_after=filtercreated_after,
        sort=sort,
        pagenumber=pagenumber,
        pagesize=pagesize,
        pagecursor=pagecursor,
        fieldsmessages=fieldsmessages,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    filterstatus: str | Unset = UNSET,
    filterchannel: str | Unset = UNSET,
    filtercontact_id: str | Unset = UNSET,
    filterpurpose: str | Unset = UNSET,
    filtercreated_after: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    pagenumber: int | Unset = UNSET,
    pagesize: int | Unset = 25,
    pagecursor: str | Unset = UNSET,
    fieldsmessages: str | Unset = UNSET,
) -> MessagesListDocument | V2Error | None:
    """List messages

     For owners and admins, as the Outbox. Links that are credentials (an invitation to join the team)
    are never in a stored body: `text` shows a placeholder where the email had the link.

    Scope: `messages:read`; role: admin or above.

    Args:
        filterstatus (str | Unset):
        filterchannel (str | Unset):
        filtercontact_id (str | Unset):
        filterpurpose (str | Unset):
        filtercreated_after (str | Unset):
        sort (str | Unset):
        pagenumber (int | Unset):
        pagesize (int | Unset):  Default: 25.
        pagecursor (str | Unset):
        fieldsmessages (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MessagesListDocument | V2Error
    """

    return (
        await asyncio_detailed(
            client=client,
            filterstatus=filterstatus,
            filterchannel=filterchannel,
            filtercontact_id=filtercontact_id,
            filterpurpose=filterpurpose,
            filtercreated_after=filtercreated_after,
            sort=sort,
            pagenumber=pagenumber,
            pagesize=pagesize,
            pagecursor=pagecursor,
            fieldsmessages=fieldsmessages,
        )
    ).parsed
