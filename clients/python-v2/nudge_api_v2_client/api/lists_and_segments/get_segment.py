from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.segments_document import SegmentsDocument
from ...models.v2_error import V2Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    segment_id: str,
    *,
    fieldssegments: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["fields[segments]"] = fieldssegments

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v2/segments/{segment_id}".format(
            segment_id=quote(str(segment_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> SegmentsDocument | V2Error | None:
    if response.status_code == 200:
        response_200 = SegmentsDocument.from_dict(response.json())

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
) -> Response[SegmentsDocument | V2Error]:
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
    fieldssegments: str | Unset = UNSET,
) -> Response[SegmentsDocument | V2Error]:
    """Get a segment

     Scope: `contacts:read`; role: viewer or above.

    Args:
        segment_id (str):
        fieldssegments (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[SegmentsDocument | V2Error]
    """

    kwargs = _get_kwargs(
        segment_id=segment_id,
        fieldssegments=fieldssegments,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    segment_id: str,
    *,
    client: AuthenticatedClient,
    fieldssegments: str | Unset = UNSET,
) -> SegmentsDocument | V2Error | None:
    """Get a segment

     Scope: `contacts:read`; role: viewer or above.

    Args:
        segment_id (str):
        fieldssegments (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        SegmentsDocument | V2Error
    """

    return sync_detailed(
        segment_id=segment_id,
        client=client,
        fieldssegments=fieldssegments,
    ).parsed


async def asyncio_detailed(
    segment_id: str,
    *,
    client: AuthenticatedClient,
    fieldssegments: str | Unset = UNSET,
) -> Response[SegmentsDocument | V2Error]:
    """Get a segment

     Scope: `contacts:read`; role: viewer or above.

    Args:
        segment_id (str):
        fieldssegments (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[SegmentsDocument | V2Error]
    """

    kwargs = _get_kwargs(
        segment_id=segment_id,
        fieldssegments=fieldssegments,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    segment_id: str,
    *,
    client: AuthenticatedClient,
    fieldssegments: str | Unset = UNSET,
) -> SegmentsDocument | V2Error | None:
    """Get a segment

     Scope: `contacts:read`; role: viewer or above.

    Args:
        segment_id (str):
        fieldssegments (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        SegmentsDocument | V2Error
    """

    return (
        await asyncio_detailed(
            segment_id=segment_id,
            client=client,
            fieldssegments=fieldssegments,
        )
    ).parsed
