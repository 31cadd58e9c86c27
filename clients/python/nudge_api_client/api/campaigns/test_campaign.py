from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.campaign_test_in import CampaignTestIn
from ...models.campaign_test_in_document import CampaignTestInDocument
from ...models.campaigns_document import CampaignsDocument
from ...models.error_document import ErrorDocument
from ...types import UNSET, Response, Unset


def _get_kwargs(
    campaign_id: str,
    *,
    body: CampaignTestIn | CampaignTestInDocument | Unset = UNSET,
    fieldscampaigns: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    params: dict[str, Any] = {}

    params["fields[campaigns]"] = fieldscampaigns

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/campaigns/{campaign_id}/test".format(
            campaign_id=quote(str(campaign_id), safe=""),
        ),
        "params": params,
    }

    if isinstance(body, CampaignTestIn):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, CampaignTestInDocument):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/vnd.api+json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CampaignsDocument | ErrorDocument | None:
    if response.status_code == 200:
        response_200 = CampaignsDocument.from_dict(response.json())

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
) -> Response[CampaignsDocument | ErrorDocument]:
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
    body: CampaignTestIn | CampaignTestInDocument | Unset = UNSET,
    fieldscampaigns: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[CampaignsDocument | ErrorDocument]:
    """Send a test

     The message as a contact with the personalization given would get it, to these addresses (email) or
    numbers (SMS); nothing is counted in the campaign's figures.

    Scope: `campaigns:write`; role: editor or above.

    Args:
        campaign_id (str):
        fieldscampaigns (str | Unset):
        idempotency_key (str | Unset):
        body (CampaignTestIn):
        body (CampaignTestInDocument):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CampaignsDocument | ErrorDocument]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        body=body,
        fieldscampaigns=fieldscampaigns,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    campaign_id: str,
    *,
    client: AuthenticatedClient,
    body: CampaignTestIn | CampaignTestInDocument | Unset = UNSET,
    fieldscampaigns: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> CampaignsDocument | ErrorDocument | None:
    """Send a test

     The message as a contact with the personalization given would get it, to these addresses (email) or
    numbers (SMS); nothing is counted in the campaign's figures.

    Scope: `campaigns:write`; role: editor or above.

    Args:
        campaign_id (str):
        fieldscampaigns (str | Unset):
        idempotency_key (str | Unset):
        body (CampaignTestIn):
        body (CampaignTestInDocument):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CampaignsDocument | ErrorDocument
    """

    return sync_detailed(
        campaign_id=campaign_id,
        client=client,
        body=body,
        fieldscampaigns=fieldscampaigns,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    campaign_id: str,
    *,
    client: AuthenticatedClient,
    body: CampaignTestIn | CampaignTestInDocument | Unset = UNSET,
    fieldscampaigns: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[CampaignsDocument | ErrorDocument]:
    """Send a test

     The message as a contact with the personalization given would get it, to these addresses (email) or
    numbers (SMS); nothing is counted in the campaign's figures.

    Scope: `campaigns:write`; role: editor or above.

    Args:
        campaign_id (str):
        fieldscampaigns (str | Unset):
        idempotency_key (str | Unset):
        body (CampaignTestIn):
        body (CampaignTestInDocument):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CampaignsDocument | ErrorDocument]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        body=body,
        fieldscampaigns=fieldscampaigns,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    campaign_id: str,
    *,
    client: AuthenticatedClient,
    body: CampaignTestIn | CampaignTestInDocument | Unset = UNSET,
    fieldscampaigns: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> CampaignsDocument | ErrorDocument | None:
    """Send a test

     The message as a contact with the personalization given would get it, to these addresses (email) or
    numbers (SMS); nothing is counted in the campaign's figures.

    Scope: `campaigns:write`; role: editor or above.

    Args:
        campaign_id (str):
        fieldscampaigns (str | Unset):
        idempotency_key (str | Unset):
        body (CampaignTestIn):
        body (CampaignTestInDocument):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CampaignsDocument | ErrorDocument
    """

    return (
        await asyncio_detailed(
            campaign_id=campaign_id,
            client=client,
            body=body,
            fieldscampaigns=fieldscampaigns,
            idempotency_key=idempotency_key,
        )
    ).parsed
