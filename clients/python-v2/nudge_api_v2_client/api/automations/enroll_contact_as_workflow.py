from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.automation_enroll_in import AutomationEnrollIn
from ...models.automation_enroll_in_document import AutomationEnrollInDocument
from ...models.automation_enrollments_document import AutomationEnrollmentsDocument
from ...models.v2_error import V2Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    automation_id: str,
    *,
    body: AutomationEnrollIn | AutomationEnrollInDocument | Unset = UNSET,
    fieldsautomation_enrollments: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    params: dict[str, Any] = {}

    params["fields[automation_enrollments]"] = fieldsautomation_enrollments

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v2/workflows/{automation_id}/enroll".format(
            automation_id=quote(str(automation_id), safe=""),
        ),
        "params": params,
    }

    if isinstance(body, AutomationEnrollIn):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, AutomationEnrollInDocument):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/vnd.api+json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AutomationEnrollmentsDocument | V2Error | None:
    if response.status_code == 201:
        response_201 = AutomationEnrollmentsDocument.from_dict(response.json())

        return response_201

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

    if response.status_code == 409:
        response_409 = V2Error.from_dict(response.json())

        return response_409

    if response.status_code == 415:
        response_415 = V2Error.from_dict(response.json())

        return response_415

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
) -> Response[AutomationEnrollmentsDocument | V2Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    automation_id: str,
    *,
    client: AuthenticatedClient,
    body: AutomationEnrollIn | AutomationEnrollInDocument | Unset = UNSET,
    fieldsautomation_enrollments: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[AutomationEnrollmentsDocument | V2Error]:
    """Enroll a contact

     The contact enters the automation now (a paused one holds them at its first step). A contact the
    entry rule keeps out, or a draft automation, is a 409 saying why.

    Scope: `automations:write`; role: editor or above.

    Args:
        automation_id (str):
        fieldsautomation_enrollments (str | Unset):
        idempotency_key (str | Unset):
        body (AutomationEnrollIn):
        body (AutomationEnrollInDocument):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AutomationEnrollmentsDocument | V2Error]
    """

    kwargs = _get_kwargs(
        automation_id=automation_id,
        body=body,
        fieldsautomation_enrollments=fieldsautomation_enrollments,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    automation_id: str,
    *,
    client: AuthenticatedClient,
    body: AutomationEnrollIn | AutomationEnrollInDocument | Unset = UNSET,
    fieldsautomation_enrollments: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> AutomationEnrollmentsDocument | V2Error | None:
    """Enroll a contact

     The contact enters the automation now (a paused one holds them at its first step). A contact the
    entry rule keeps out, or a draft automation, is a 409 saying why.

    Scope: `automations:write`; role: editor or above.

    Args:
        automation_id (str):
        fieldsautomation_enrollments (str | Unset):
        idempotency_key (str | Unset):
        body (AutomationEnrollIn):
        body (AutomationEnrollInDocument):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AutomationEnrollmentsDocument | V2Error
    """

    return sync_detailed(
        automation_id=automation_id,
        client=client,
        body=body,
        fieldsautomation_enrollments=fieldsautomation_enrollments,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    automation_id: str,
    *,
    client: AuthenticatedClient,
    body: AutomationEnrollIn | AutomationEnrollInDocument | Unset = UNSET,
    fieldsautomation_enrollments: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[AutomationEnrollmentsDocument | V2Error]:
    """Enroll a contact

     The contact enters the automation now (a paused one holds them at its first step). A contact the
    entry rule keeps out, or a draft automation, is a 409 saying why.

    Scope: `automations:write`; role: editor or above.

    Args:
        automation_id (str):
        fieldsautomation_enrollments (str | Unset):
        idempotency_key (str | Unset):
        body (AutomationEnrollIn):
        body (AutomationEnrollInDocument):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AutomationEnrollmentsDocument | V2Error]
    """

    kwargs = _get_kwargs(
        automation_id=automation_id,
        body=body,
        fieldsautomation_enrollments=fieldsautomation_enrollments,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    automation_id: str,
    *,
    client: AuthenticatedClient,
    body: AutomationEnrollIn | AutomationEnrollInDocument | Unset = UNSET,
    fieldsautomation_enrollments: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> AutomationEnrollmentsDocument | V2Error | None:
    """Enroll a contact

     The contact enters the automation now (a paused one holds them at its first step). A contact the
    entry rule keeps out, or a draft automation, is a 409 saying why.

    Scope: `automations:write`; role: editor or above.

    Args:
        automation_id (str):
        fieldsautomation_enrollments (str | Unset):
        idempotency_key (str | Unset):
        body (AutomationEnrollIn):
        body (AutomationEnrollInDocument):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AutomationEnrollmentsDocument | V2Error
    """

    return (
        await asyncio_detailed(
            automation_id=automation_id,
            client=client,
            body=body,
            fieldsautomation_enrollments=fieldsautomation_enrollments,
            idempotency_key=idempotency_key,
        )
    ).parsed
