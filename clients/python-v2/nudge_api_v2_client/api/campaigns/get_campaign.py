from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.campaigns_document import CampaignsDocument
from ...models.v2_error import V2Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    campaign_id: str,
    *,
    fieldscampaigns: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["fields[campaigns]"] = fieldscampaigns

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v2/campaigns/{campaign_id}".format(
            campaign_id=quote(str(campaign_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CampaignsDocument | V2Error | None:
    if response.status_code == 200:
        response_200 = CampaignsDocument.from_dict(response.json())

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

    if response.status_code == 429:
        response_429 = V2Error.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CampaignsDocument | V2Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    campaign_id: str,
    *,
    client: AuthenticatedClient,
    fieldscampaigns: str | Unset = UNSET,
) -> Response[CampaignsDocument | V2Error]:
    """Get a campaign

     Always with its stats; include=templates,recipients adds those.

    Scope: `campaigns:read`; role: viewer or above.

    Args:
        campaign_id (str):
        fieldscampaigns (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CampaignsDocument | V2Error]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        fieldscampaigns=fieldscampaigns,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    campaign_id: str,
    *,
    client: AuthenticatedClient,
    fieldscampaigns: str | Unset = UNSET,
) -> CampaignsDocument | V2Error | None:
    """Get a campaign

     Always with its stats; include=templates,recipients adds those.

    Scope: `campaigns:read`; role: viewer or above.

    Args:
        campaign_id (str):
        fieldscampaigns (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CampaignsDocument | V2Error
    """

    return sync_detailed(
        campaign_id=campaign_id,
        client=client,
        fieldscampaigns=fieldscampaigns,
    ).parsed


async def asyncio_detailed(
    campaign_id: str,
    *,
    client: AuthenticatedClient,
    fieldscampaigns: str | Unset = UNSET,
) -> Response[CampaignsDocument | V2Error]:
    """Get a campaign

     Always with its stats; include=templates,recipients adds those.

    Scope: `campaigns:read`; role: viewer or above.

    Args:
        campaign_id (str):
        fieldscampaigns (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CampaignsDocument | V2Error]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        fieldscampaigns=fieldscampaigns,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    campaign_id: str,
    *,
    client: AuthenticatedClient,
    fieldscampaigns: str | Unset = UNSET,
) -> CampaignsDocument | V2Error | None:
    """Get a campaign

     Always with its stats; include=templates,recipients adds those.

    Scope: `campaigns:read`; role: viewer or above.

    Args:
        campaign_id (str):
        fieldscampaigns (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CampaignsDocument | V2Error
    """

    return (
        await asyncio_detailed(
            campaign_id=campaign_id,
            client=client,
            fieldscampaigns=fieldscampaigns,
        )
    ).parsed
