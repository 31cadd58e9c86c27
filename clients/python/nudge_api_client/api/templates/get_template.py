from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_document import ErrorDocument
from ...models.templates_document import TemplatesDocument
from ...types import UNSET, Response, Unset


def _get_kwargs(
    template_id: str,
    *,
    fieldstemplates: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["fields[templates]"] = fieldstemplates

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/templates/{template_id}".format(
            template_id=quote(str(template_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDocument | TemplatesDocument | None:
    if response.status_code == 200:
        response_200 = TemplatesDocument.from_dict(response.json())

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

    if response.status_code == 429:
        response_429 = ErrorDocument.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorDocument | TemplatesDocument]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    template_id: str,
    *,
    client: AuthenticatedClient,
    fieldstemplates: str | Unset = UNSET,
) -> Response[ErrorDocument | TemplatesDocument]:
    """Get a template

     Scope: `templates:read`; role: viewer or above.

    Args:
        template_id (str):
        fieldstemplates (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDocument | TemplatesDocument]
    """

    kwargs = _get_kwargs(
        template_id=template_id,
        fieldstemplates=fieldstemplates,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    template_id: str,
    *,
    client: AuthenticatedClient,
    fieldstemplates: str | Unset = UNSET,
) -> ErrorDocument | TemplatesDocument | None:
    """Get a template

     Scope: `templates:read`; role: viewer or above.

    Args:
        template_id (str):
        fieldstemplates (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDocument | TemplatesDocument
    """

    return sync_detailed(
        template_id=template_id,
        client=client,
        fieldstemplates=fieldstemplates,
    ).parsed


async def asyncio_detailed(
    template_id: str,
    *,
    client: AuthenticatedClient,
    fieldstemplates: str | Unset = UNSET,
) -> Response[ErrorDocument | TemplatesDocument]:
    """Get a template

     Scope: `templates:read`; role: viewer or above.

    Args:
        template_id (str):
        fieldstemplates (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDocument | TemplatesDocument]
    """

    kwargs = _get_kwargs(
        template_id=template_id,
        fieldstemplates=fieldstemplates,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    template_id: str,
    *,
    client: AuthenticatedClient,
    fieldstemplates: str | Unset = UNSET,
) -> ErrorDocument | TemplatesDocument | None:
    """Get a template

     Scope: `templates:read`; role: viewer or above.

    Args:
        template_id (str):
        fieldstemplates (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDocument | TemplatesDocument
    """

    return (
        await asyncio_detailed(
            template_id=template_id,
            client=client,
            fieldstemplates=fieldstemplates,
        )
    ).parsed
