from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.v2_error import V2Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    campaign_id: str,
    *,
    granularity: None | str | Unset = UNSET,
    metrics: None | str | Unset = UNSET,
    start_date: None | str | Unset = UNSET,
    end_date: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_granularity: None | str | Unset
    if isinstance(granularity, Unset):
        json_granularity = UNSET
    else:
        json_granularity = granularity
    params["granularity"] = json_granularity

    json_metrics: None | str | Unset
    if isinstance(metrics, Unset):
        json_metrics = UNSET
    else:
        json_metrics = metrics
    params["metrics"] = json_metrics

    json_start_date: None | str | Unset
    if isinstance(start_date, Unset):
        json_start_date = UNSET
    else:
        json_start_date = start_date
    params["start_date"] = json_start_date

    json_end_date: None | str | Unset
    if isinstance(end_date, Unset):
        json_end_date = UNSET
    else:
        json_end_date = end_date
    params["end_date"] = json_end_date

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v2/campaigns/{campaign_id}/analytics".format(
            campaign_id=quote(str(campaign_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | V2Error | None:
    if response.status_code == 200:
        response_200 = cast(Any, None)
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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | V2Error]:
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
    granularity: None | str | Unset = UNSET,
    metrics: None | str | Unset = UNSET,
    start_date: None | str | Unset = UNSET,
    end_date: None | str | Unset = UNSET,
) -> Response[Any | V2Error]:
    """A campaign's analytics

     Scope: `campaigns:read`; role: viewer or above.

    Args:
        campaign_id (str):
        granularity (None | str | Unset): hour, day, week or month (default: hours for the first
            two days, then days)
        metrics (None | str | Unset): Comma-separated names of metrics to answer (default: all).
        start_date (None | str | Unset): ISO 8601 date or time (the timeline from then).
        end_date (None | str | Unset): ISO 8601 date or time (the timeline until then).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | V2Error]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        granularity=granularity,
        metrics=metrics,
        start_date=start_date,
        end_date=end_date,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    campaign_id: str,
    *,
    client: AuthenticatedClient,
    granularity: None | str | Unset = UNSET,
    metrics: None | str | Unset = UNSET,
    start_date: None | str | Unset = UNSET,
    end_date: None | str | Unset = UNSET,
) -> Any | V2Error | None:
    """A campaign's analytics

     Scope: `campaigns:read`; role: viewer or above.

    Args:
        campaign_id (str):
        granularity (None | str | Unset): hour, day, week or month (default: hours for the first
            two days, then days)
        metrics (None | str | Unset): Comma-separated names of metrics to answer (default: all).
        start_date (None | str | Unset): ISO 8601 date or time (the timeline from then).
        end_date (None | str | Unset): ISO 8601 date or time (the timeline until then).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | V2Error
    """

    return sync_detailed(
        campaign_id=campaign_id,
        client=client,
        granularity=granularity,
        metrics=metrics,
        start_date=start_date,
        end_date=end_date,
    ).parsed


async def asyncio_detailed(
    campaign_id: str,
    *,
    client: AuthenticatedClient,
    granularity: None | str | Unset = UNSET,
    metrics: None | str | Unset = UNSET,
    start_date: None | str | Unset = UNSET,
    end_date: None | str | Unset = UNSET,
) -> Response[Any | V2Error]:
    """A campaign's analytics

     Scope: `campaigns:read`; role: viewer or above.

    Args:
        campaign_id (str):
        granularity (None | str | Unset): hour, day, week or month (default: hours for the first
            two days, then days)
        metrics (None | str | Unset): Comma-separated names of metrics to answer (default: all).
        start_date (None | str | Unset): ISO 8601 date or time (the timeline from then).
        end_date (None | str | Unset): ISO 8601 date or time (the timeline until then).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | V2Error]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        granularity=granularity,
        metrics=metrics,
        start_date=start_date,
        end_date=end_date,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    campaign_id: str,
    *,
    client: AuthenticatedClient,
    granularity: None | str | Unset = UNSET,
    metrics: None | str | Unset = UNSET,
    start_date: None | str | Unset = UNSET,
    end_date: None | str | Unset = UNSET,
) -> Any | V2Error | None:
    """A campaign's analytics

     Scope: `campaigns:read`; role: viewer or above.

    Args:
        campaign_id (str):
        granularity (None | str | Unset): hour, day, week or month (default: hours for the first
            two days, then days)
        metrics (None | str | Unset): Comma-separated names of metrics to answer (default: all).
        start_date (None | str | Unset): ISO 8601 date or time (the timeline from then).
        end_date (None | str | Unset): ISO 8601 date or time (the timeline until then).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | V2Error
    """

    return (
        await asyncio_detailed(
            campaign_id=campaign_id,
            client=client,
            granularity=granularity,
            metrics=metrics,
            start_date=start_date,
            end_date=end_date,
        )
    ).parsed
