from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_document import ErrorDocument
from ...models.segment_in import SegmentIn
from ...models.segment_in_document import SegmentInDocument
from ...models.segments_document import SegmentsDocument
from ...types import UNSET, Response, Unset


def _get_kwargs(
    segment_id: str,
    *,
    body: SegmentIn | SegmentInDocument | Unset = UNSET,
    fieldssegments: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    params: dict[str, Any] = {}

    params["fields[segments]"] = fieldssegments

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/segments/{segment_id}".format(
            segment_id=quote(str(segment_id), safe=""),
        ),
        "params": params,
    }

    if isinstance(body, SegmentIn):
        if not isinstance(body, Unset):
            _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, SegmentInDocument):
        if not isinstance(body, Unset):
            _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/vnd.api+json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDocument | SegmentsDocument | None:
    if response.status_code == 200:
        response_200 = SegmentsDocument.from_dict(response.json())

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
) -> Response[ErrorDocument | SegmentsDocument]:
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
    body: SegmentIn | SegmentInDocument | Unset = UNSET,
    fieldssegments: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorDocument | SegmentsDocument]:
    """Update a segment

     Scope: `contacts:write`; role: editor or above.

    Args:
        segment_id (str):
        fieldssegments (str | Unset):
        idempotency_key (str | Unset):
        body (SegmentIn | Unset):
        body (SegmentInDocument | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDocument | SegmentsDocument]
    """

    kwargs = _get_kwargs(
        segment_id=segment_id,
        body=body,
        fieldssegments=fieldssegments,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    segment_id: str,
    *,
    client: AuthenticatedClient,
    body: SegmentIn | SegmentInDocument | Unset = UNSET,
    fieldssegments: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ErrorDocument | SegmentsDocument | None:
    """Update a segment

     Scope: `contacts:write`; role: editor or above.

    Args:
        segment_id (str):
        fieldssegments (str | Unset):
        idempotency_key (str | Unset):
        body (SegmentIn | Unset):
        body (SegmentInDocument | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDocument | SegmentsDocument
    """

    return sync_detailed(
        segment_id=segment_id,
        client=client,
        body=body,
        fieldssegments=fieldssegments,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    segment_id: str,
    *,
    client: AuthenticatedClient,
    body: SegmentIn | SegmentInDocument | Unset = UNSET,
    fieldssegments: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorDocument | SegmentsDocument]:
    """Update a segment

     Scope: `contacts:write`; role: editor or above.

    Args:
        segment_id (str):
        fieldssegments (str | Unset):
        idempotency_key (str | Unset):
        body (SegmentIn | Unset):
        body (SegmentInDocument | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDocument | SegmentsDocument]
    """

    kwargs = _get_kwargs(
        segment_id=segment_id,
        body=body,
        fieldssegments=fieldssegments,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    segment_id: str,
    *,
    client: AuthenticatedClient,
    body: SegmentIn | SegmentInDocument | Unset = UNSET,
    fieldssegments: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ErrorDocument | SegmentsDocument | None:
    """Update a segment

     Scope: `contacts:write`; role: editor or above.

    Args:
        segment_id (str):
        fieldssegments (str | Unset):
        idempotency_key (str | Unset):
        body (SegmentIn | Unset):
        body (SegmentInDocument | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDocument | SegmentsDocument
    """

    return (
        await asyncio_detailed(
            segment_id=segment_id,
            client=client,
            body=body,
            fieldssegments=fieldssegments,
            idempotency_key=idempotency_key,
        )
    ).parsed
