from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.automation_in import AutomationIn
from ...models.automation_in_document import AutomationInDocument
from ...models.automations_document import AutomationsDocument
from ...models.error_document import ErrorDocument
from ...types import UNSET, Response, Unset


def _get_kwargs(
    automation_id: str,
    *,
    body: AutomationIn | AutomationInDocument | Unset = UNSET,
    fieldsautomations: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    params: dict[str, Any] = {}

    params["fields[automations]"] = fieldsautomations

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v1/workflows/{automation_id}".format(
            automation_id=quote(str(automation_id), safe=""),
        ),
        "params": params,
    }

    if isinstance(body, AutomationIn):
        if not isinstance(body, Unset):
            _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, AutomationInDocument):
        if not isinstance(body, Unset):
            _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/vnd.api+json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AutomationsDocument | ErrorDocument | None:
    if response.status_code == 200:
        response_200 = AutomationsDocument.from_dict(response.json())

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
) -> Response[AutomationsDocument | ErrorDocument]:
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
    body: AutomationIn | AutomationInDocument | Unset = UNSET,
    fieldsautomations: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[AutomationsDocument | ErrorDocument]:
    """Replace an automation

     Name, trigger and workflow are required; the description goes when not given. On a running
    automation, contacts on a step that is removed move to the step after it (meta.moved_enrollments
    says how many).

    Scope: `automations:write`; role: editor or above.

    Args:
        automation_id (str):
        fieldsautomations (str | Unset):
        idempotency_key (str | Unset):
        body (AutomationIn | Unset): An automation in seed 001's words. POST and PUT need name,
            trigger and workflow (PUT replaces them and the
            description); PATCH changes the attributes given.
        body (AutomationInDocument | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AutomationsDocument | ErrorDocument]
    """

    kwargs = _get_kwargs(
        automation_id=automation_id,
        body=body,
        fieldsautomations=fieldsautomations,
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
    body: AutomationIn | AutomationInDocument | Unset = UNSET,
    fieldsautomations: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> AutomationsDocument | ErrorDocument | None:
    """Replace an automation

     Name, trigger and workflow are required; the description goes when not given. On a running
    automation, contacts on a step that is removed move to the step after it (meta.moved_enrollments
    says how many).

    Scope: `automations:write`; role: editor or above.

    Args:
        automation_id (str):
        fieldsautomations (str | Unset):
        idempotency_key (str | Unset):
        body (AutomationIn | Unset): An automation in seed 001's words. POST and PUT need name,
            trigger and workflow (PUT replaces them and the
            description); PATCH changes the attributes given.
        body (AutomationInDocument | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AutomationsDocument | ErrorDocument
    """

    return sync_detailed(
        automation_id=automation_id,
        client=client,
        body=body,
        fieldsautomations=fieldsautomations,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    automation_id: str,
    *,
    client: AuthenticatedClient,
    body: AutomationIn | AutomationInDocument | Unset = UNSET,
    fieldsautomations: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[AutomationsDocument | ErrorDocument]:
    """Replace an automation

     Name, trigger and workflow are required; the description goes when not given. On a running
    automation, contacts on a step that is removed move to the step after it (meta.moved_enrollments
    says how many).

    Scope: `automations:write`; role: editor or above.

    Args:
        automation_id (str):
        fieldsautomations (str | Unset):
        idempotency_key (str | Unset):
        body (AutomationIn | Unset): An automation in seed 001's words. POST and PUT need name,
            trigger and workflow (PUT replaces them and the
            description); PATCH changes the attributes given.
        body (AutomationInDocument | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AutomationsDocument | ErrorDocument]
    """

    kwargs = _get_kwargs(
        automation_id=automation_id,
        body=body,
        fieldsautomations=fieldsautomations,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    automation_id: str,
    *,
    client: AuthenticatedClient,
    body: AutomationIn | AutomationInDocument | Unset = UNSET,
    fieldsautomations: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> AutomationsDocument | ErrorDocument | None:
    """Replace an automation

     Name, trigger and workflow are required; the description goes when not given. On a running
    automation, contacts on a step that is removed move to the step after it (meta.moved_enrollments
    says how many).

    Scope: `automations:write`; role: editor or above.

    Args:
        automation_id (str):
        fieldsautomations (str | Unset):
        idempotency_key (str | Unset):
        body (AutomationIn | Unset): An automation in seed 001's words. POST and PUT need name,
            trigger and workflow (PUT replaces them and the
            description); PATCH changes the attributes given.
        body (AutomationInDocument | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AutomationsDocument | ErrorDocument
    """

    return (
        await asyncio_detailed(
            automation_id=automation_id,
            client=client,
            body=body,
            fieldsautomations=fieldsautomations,
            idempotency_key=idempotency_key,
        )
    ).parsed
