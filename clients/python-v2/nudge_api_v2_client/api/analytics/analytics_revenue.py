from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.analytics_out import AnalyticsOut
from ...models.v2_error import V2Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    period: None | str | Unset = UNSET,
    start_date: None | str | Unset = UNSET,
    end_date: None | str | Unset = UNSET,
    timezone: None | str | Unset = UNSET,
    currency: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_period: None | str | Unset
    if isinstance(period, Unset):
        json_period = UNSET
    else:
        json_period = period
    params["period"] = json_period

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

    json_timezone: None | str | Unset
    if isinstance(timezone, Unset):
        json_timezone = UNSET
    else:
        json_timezone = timezone
    params["timezone"] = json_timezone

    json_currency: None | str | Unset
    if isinstance(currency, Unset):
        json_currency = UNSET
    else:
        json_currency = currency
    params["currency"] = json_currency

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v2/analytics/revenue",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AnalyticsOut | V2Error | None:
    if response.status_code == 200:
        response_200 = AnalyticsOut.from_dict(response.json())

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
) -> Response[AnalyticsOut | V2Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    period: None | str | Unset = UNSET,
    start_date: None | str | Unset = UNSET,
    end_date: None | str | Unset = UNSET,
    timezone: None | str | Unset = UNSET,
    currency: None | str | Unset = UNSET,
) -> Response[AnalyticsOut | V2Error]:
    """Revenue

     From events with revenue, in one currency (the business's by default, from its country);
    revenue_by_campaign: each event's revenue credited to the last campaign its contact clicked within
    the five days before it (worked out when the event is recorded).

    Scope: `analytics:read`; role: viewer or above.

    Args:
        period (None | str | Unset): today, 7d, 30d, month, year, custom (week: 7d).
        start_date (None | str | Unset): For a custom period.
        end_date (None | str | Unset): For a custom period.
        timezone (None | str | Unset): The days' time zone (default: the business's). Counts are
            kept by the hours of the business's zone: another zone's days are exact when its offset
            differs from the business's by whole hours.
        currency (None | str | Unset): /revenue only: the currency to total.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AnalyticsOut | V2Error]
    """

    kwargs = _get_kwargs(
        period=period,
        start_date=start_date,
        end_date=end_date,
        timezone=timezone,
        currency=currency,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    period: None | str | Unset = UNSET,
    start_date: None | str | Unset = UNSET,
    end_date: None | str | Unset = UNSET,
    timezone: None | str | Unset = UNSET,
    currency: None | str | Unset = UNSET,
) -> AnalyticsOut | V2Error | None:
    """Revenue

     From events with revenue, in one currency (the business's by default, from its country);
    revenue_by_campaign: each event's revenue credited to the last campaign its contact clicked within
    the five days before it (worked out when the event is recorded).

    Scope: `analytics:read`; role: viewer or above.

    Args:
        period (None | str | Unset): today, 7d, 30d, month, year, custom (week: 7d).
        start_date (None | str | Unset): For a custom period.
        end_date (None | str | Unset): For a custom period.
        timezone (None | str | Unset): The days' time zone (default: the business's). Counts are
            kept by the hours of the business's zone: another zone's days are exact when its offset
            differs from the business's by whole hours.
        currency (None | str | Unset): /revenue only: the currency to total.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AnalyticsOut | V2Error
    """

    return sync_detailed(
        client=client,
        period=period,
        start_date=start_date,
        end_date=end_date,
        timezone=timezone,
        currency=currency,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    period: None | str | Unset = UNSET,
    start_date: None | str | Unset = UNSET,
    end_date: None | str | Unset = UNSET,
    timezone: None | str | Unset = UNSET,
    currency: None | str | Unset = UNSET,
) -> Response[AnalyticsOut | V2Error]:
    """Revenue

     From events with revenue, in one currency (the business's by default, from its country);
    revenue_by_campaign: each event's revenue credited to the last campaign its contact clicked within
    the five days before it (worked out when the event is recorded).

    Scope: `analytics:read`; role: viewer or above.

    Args:
        period (None | str | Unset): today, 7d, 30d, month, year, custom (week: 7d).
        start_date (None | str | Unset): For a custom period.
        end_date (None | str | Unset): For a custom period.
        timezone (None | str | Unset): The days' time zone (default: the business's). Counts are
            kept by the hours of the business's zone: another zone's days are exact when its offset
            differs from the business's by whole hours.
        currency (None | str | Unset): /revenue only: the currency to total.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AnalyticsOut | V2Error]
    """

    kwargs = _get_kwargs(
        period=period,
        start_date=start_date,
        end_date=end_date,
        timezone=timezone,
        currency=currency,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    period: None | str | Unset = UNSET,
    start_date: None | str | Unset = UNSET,
    end_date: None | str | Unset = UNSET,
    timezone: None | str | Unset = UNSET,
    currency: None | str | Unset = UNSET,
) -> AnalyticsOut | V2Error | None:
    """Revenue

     From events with revenue, in one currency (the business's by default, from its country);
    revenue_by_campaign: each event's revenue credited to the last campaign its contact clicked within
    the five days before it (worked out when the event is recorded).

    Scope: `analytics:read`; role: viewer or above.

    Args:
        period (None | str | Unset): today, 7d, 30d, month, year, custom (week: 7d).
        start_date (None | str | Unset): For a custom period.
        end_date (None | str | Unset): For a custom period.
        timezone (None | str | Unset): The days' time zone (default: the business's). Counts are
            kept by the hours of the business's zone: another zone's days are exact when its offset
            differs from the business's by whole hours.
        currency (None | str | Unset): /revenue only: the currency to total.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AnalyticsOut | V2Error
    """

    return (
        await asyncio_detailed(
            client=client,
            period=period,
            start_date=start_date,
            end_date=end_date,
            timezone=timezone,
            currency=currency,
        )
    ).parsed
